"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/guard";
import { STAFF } from "@/lib/auth";
import { runAction, type ActionResult } from "@/lib/action-result";
import { clearDock, putInDock, removeFromDock } from "./mutations";
import { addDockedAccountsToGroup, disableDockedAccounts } from "./bulk";
import { parseDockKind } from "./schema";
import type { DockKind } from "./constants";
import type { DockAccountsOutcome, DockChange, DockCounts } from "./types";

// The console layout shows the dock's counts on every page: refresh it with the page.
const refresh = () => revalidatePath("/ra", "layout");

/** "Put in dock" from an account or certificate page, or for a selection on a list. ADMIN and OPERATOR. */
export async function putInDockAction(kind: DockKind, ids: string[]): Promise<ActionResult<DockChange>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const change = await putInDock(actor, kind, ids);
    refresh();
    return change;
  });
}

export async function removeFromDockAction(kind: DockKind, ids: string[]): Promise<ActionResult<DockChange>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const change = await removeFromDock(actor, kind, ids);
    refresh();
    return change;
  });
}

/** Empties the dock (kind null) or one kind of it. */
export async function clearDockAction(kind: DockKind | null): Promise<ActionResult<DockCounts>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const counts = await clearDock(actor, kind === null ? undefined : parseDockKind(kind));
    refresh();
    return counts;
  });
}

export async function addDockedAccountsToGroupAction(groupId: string, accountIds: string[]): Promise<ActionResult<DockAccountsOutcome & { group: string }>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const outcome = await addDockedAccountsToGroup(actor, { groupId, accountIds });
    refresh();
    return outcome;
  });
}

export async function disableDockedAccountsAction(accountIds: string[]): Promise<ActionResult<DockAccountsOutcome>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const outcome = await disableDockedAccounts(actor, accountIds);
    refresh();
    return outcome;
  });
}
