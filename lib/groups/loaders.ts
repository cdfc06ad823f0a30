import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { listTemplates } from "@/lib/templates";
import { findGroup, groupsOfAccount, listGroups, listMembers } from "./data";
import { effectiveTemplateForAccount } from "./issuance";

/** /ra/groups: every group with member counts, and the templates a new group may carry. */
export async function loadGroupList() {
  const actor = await requireActor(EVERYONE);
  const [groups, templates] = await Promise.all([listGroups(), listTemplates()]);
  return { groups, templates: templates.map((t) => ({ id: t.id, name: t.name, usage: t.usage })), canEdit: actor.role !== "AUDITOR" };
}

/** /ra/groups/[id]: the group, one page of members, and the templates to choose from. */
export async function loadGroup(id: string, cursor?: string) {
  const actor = await requireActor(EVERYONE);
  const group = await findGroup(id);
  if (!group) throw new InkanError("NOT_FOUND", { en: "No such group.", ja: "そのグループはありません。" });
  const [members, templates] = await Promise.all([listMembers(id, { cursor, limit: 50 }), listTemplates()]);
  return { group, members, templates: templates.map((t) => ({ id: t.id, name: t.name, usage: t.usage })), canEdit: actor.role !== "AUDITOR" };
}

/** The account page's "group info" panel. */
export async function loadAccountGroups(accountName: string) {
  const actor = await requireActor(EVERYONE);
  const groups = await groupsOfAccount(accountName);
  if (!groups) throw new InkanError("NOT_FOUND", { en: `No account named "${accountName}".`, ja: `アカウント「${accountName}」はありません。` });
  return { ...groups, canEdit: actor.role !== "AUDITOR" };
}

/** The account page's "template info" panel: the effective template and where each value came from. */
export async function loadEffectiveTemplate(accountName: string) {
  await requireActor(EVERYONE);
  const groups = await groupsOfAccount(accountName);
  if (!groups) throw new InkanError("NOT_FOUND", { en: `No account named "${accountName}".`, ja: `アカウント「${accountName}」はありません。` });
  return effectiveTemplateForAccount({ id: groups.accountId, kind: groups.accountKind });
}
