import { requireActor } from "@/lib/auth/guard";
import { EVERYONE, STAFF } from "@/lib/auth";
import { listGroups } from "@/lib/groups";
import { countDock, isDocked, listDock } from "./data";
import { dockOwner } from "./owner";
import { mayUseDock } from "./policy";
import type { DockKind } from "./constants";
import type { DockCounts } from "./types";

/** /ra/dock: the signed-in administrator's dock with each item's state now, and the groups to add accounts to. */
export async function loadDock() {
  const actor = await requireActor(STAFF);
  const adminId = await dockOwner(actor);
  const [dock, groups] = await Promise.all([listDock(adminId), listGroups()]);
  return { ...dock, groups: groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind })) };
}

/** The console layout's "Dock: accounts (N), certificates (N)"; null for a role without a dock. */
export async function loadDockCounts(): Promise<DockCounts | null> {
  const actor = await requireActor(EVERYONE);
  if (!mayUseDock(actor.role)) return null;
  return countDock(await dockOwner(actor));
}

/** Whether a record is in the dock, for its page's "Put in dock" / "Remove from dock"; null for a role without a dock. */
export async function loadDockState(kind: DockKind, id: string): Promise<{ inDock: boolean } | null> {
  const actor = await requireActor(EVERYONE);
  if (!mayUseDock(actor.role)) return null;
  return { inDock: await isDocked(await dockOwner(actor), kind, id) };
}
