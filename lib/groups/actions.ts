"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/guard";
import { STAFF } from "@/lib/auth";
import { runAction, type ActionResult } from "@/lib/action-result";
import { addMember, createGroup, deleteGroup, removeMember, updateGroup } from "./mutations";
import type { GroupInput } from "./schema";

function groupFrom(form: FormData): GroupInput {
  return {
    name: String(form.get("name") ?? ""),
    kind: form.get("kind") === "ROLE" ? "ROLE" : "USER",
    description: String(form.get("description") ?? ""),
    templateId: String(form.get("templateId") ?? ""),
  };
}

/** Create a group (existing = null) or save one. ADMIN and OPERATOR. */
export async function saveGroupAction(existing: string | null, _prev: unknown, form: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const group = existing ? await updateGroup(existing, groupFrom(form), actor) : await createGroup(groupFrom(form), actor);
    revalidatePath("/ra/groups");
    return { id: group.id };
  });
}

export async function deleteGroupAction(id: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    await deleteGroup(id, actor);
    revalidatePath("/ra/groups");
    return undefined;
  });
}

/** Adds an account (by user ID / server name) to a group, from the group page or the account page. */
export async function addMemberAction(groupId: string, accountName: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    await addMember(groupId, accountName.trim(), actor);
    revalidatePath(`/ra/groups/${groupId}`);
    revalidatePath(`/ra/accounts/${encodeURIComponent(accountName.trim())}`);
    return undefined;
  });
}

export async function removeMemberAction(groupId: string, accountName: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    await removeMember(groupId, accountName, actor);
    revalidatePath(`/ra/groups/${groupId}`);
    revalidatePath(`/ra/accounts/${encodeURIComponent(accountName)}`);
    return undefined;
  });
}
