import { dbProvider, getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { InkanError, NAME_TAKEN } from "@/lib/errors";
import { issueText, validationError } from "@/lib/i18n/validation";
import { SYSTEM_ACTOR, recordEvent, type Actor } from "@/lib/audit";
import { ensureBuiltInTemplate } from "@/lib/templates";
import { groupInputSchema, memberNameSchema, type GroupInput } from "./schema";
import { BUILT_IN_GROUPS, SSL_SERVER_GROUP_KEY, type BuiltInGroupKey } from "./builtins";

function parseGroup(input: GroupInput) {
  const parsed = groupInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
}

const nameTaken = (name: string) =>
  new InkanError("CONFLICT", {
    en: `A group named "${name}" already exists. Choose another name or open that group.`,
    ja: `グループ「${name}」はすでにあります。別の名前を選ぶか、そのグループを開いてください。`,
  }, { errors: [{ field: "name", message: NAME_TAKEN }] });

async function templateNameOf(tx: Tx, templateId: string | null): Promise<string | null> {
  if (!templateId) return null;
  const t = await tx.template.findUnique({ where: { id: templateId }, select: { name: true } });
  if (!t) throw new InkanError("VALIDATION", {
    en: "The chosen template no longer exists; reload the page and choose again.",
    ja: "選んだテンプレートはもうありません。ページを再読み込みして選び直してください。",
  }, { errors: [{ field: "templateId", message: { en: "Unknown template.", ja: "不明なテンプレートです。" } }] });
  return t.name;
}

export async function createGroup(input: GroupInput, actor: Actor, now = new Date()): Promise<{ id: string; name: string }> {
  const g = parseGroup(input);
  try {
    return await getDb().$transaction(async (tx) => {
      const template = await templateNameOf(tx, g.templateId);
      const row = await tx.group.create({ data: { ...g, createdAt: now } });
      await recordEvent(tx, { actor, action: "group.create", target: { type: "group", id: row.id }, details: { name: g.name, kind: g.kind, template } }, now);
      return { id: row.id, name: row.name };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(g.name);
    throw err;
  }
}

/** Renames a group, changes its description, kind (not for built-ins) or template. */
export async function updateGroup(id: string, input: GroupInput, actor: Actor, now = new Date()): Promise<{ id: string; name: string }> {
  const g = parseGroup(input);
  try {
    return await getDb().$transaction(async (tx) => {
      const current = await tx.group.findUnique({ where: { id }, select: { kind: true, builtIn: true } });
      if (!current) throw new InkanError("NOT_FOUND", { en: "This group no longer exists.", ja: "このグループはもうありません。" });
      if (current.builtIn && current.kind !== g.kind) {
        throw new InkanError("UNPROCESSABLE", { en: "A built-in group keeps its kind (user group or role group).", ja: "組み込みグループの種類(ユーザグループ/ロールグループ)は変えられません。" }, { errors: [{ field: "kind", message: { en: "Built-in groups keep their kind.", ja: "組み込みグループの種類は変えられません。" } }] });
      }
      const template = await templateNameOf(tx, g.templateId);
      const row = await tx.group.update({ where: { id }, data: g });
      await recordEvent(tx, { actor, action: "group.update", target: { type: "group", id }, details: { name: g.name, kind: g.kind, template } }, now);
      return { id: row.id, name: row.name };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(g.name);
    throw err;
  }
}

/** Deletes a group and its memberships; the accounts themselves stay. Built-ins cannot be deleted. */
export async function deleteGroup(id: string, actor: Actor, now = new Date()): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const row = await tx.group.findUnique({ where: { id }, include: { _count: { select: { members: true } } } });
    if (!row) throw new InkanError("NOT_FOUND", { en: "This group no longer exists.", ja: "このグループはもうありません。" });
    if (row.builtIn) throw new InkanError("UNPROCESSABLE", { en: `"${row.name}" is a built-in group and cannot be deleted. You can rename it or change its template instead.`, ja: `「${row.name}」は組み込みグループのため削除できません。代わりに名前やテンプレートを変更できます。` });
    await tx.group.delete({ where: { id } });
    await recordEvent(tx, { actor, action: "group.delete", target: { type: "group", id }, details: { name: row.name, kind: row.kind, members: row._count.members } }, now);
  });
}

export async function addMember(groupId: string, accountName: string, actor: Actor, now = new Date()): Promise<void> {
  const name = memberNameSchema.safeParse(accountName);
  if (!name.success) throw new InkanError("VALIDATION", issueText(name.error.issues[0].message), { errors: [{ field: "account", message: issueText(name.error.issues[0].message) }] });
  try {
    await getDb().$transaction(async (tx) => {
      const [group, account] = await Promise.all([
        tx.group.findUnique({ where: { id: groupId }, select: { name: true } }),
        tx.account.findUnique({ where: { name: name.data }, select: { id: true } }),
      ]);
      if (!group) throw new InkanError("NOT_FOUND", { en: "This group no longer exists.", ja: "このグループはもうありません。" });
      if (!account) throw new InkanError("NOT_FOUND", {
        en: `No account named "${name.data}". Check the user ID or server name (it is case-sensitive).`,
        ja: `アカウント「${name.data}」はありません。ユーザIDまたはサーバ名を確認してください(大文字と小文字を区別します)。`,
      }, { errors: [{ field: "account", message: { en: "Unknown account.", ja: "不明なアカウントです。" } }] });
      if (await tx.groupMembership.findUnique({ where: { groupId_accountId: { groupId, accountId: account.id } }, select: { groupId: true } })) {
        throw new InkanError("CONFLICT", { en: `"${name.data}" is already a member of "${group.name}".`, ja: `「${name.data}」はすでに「${group.name}」のメンバーです。` });
      }
      await tx.groupMembership.create({ data: { groupId, accountId: account.id, createdAt: now } });
      await recordEvent(tx, { actor, action: "group.add-member", target: { type: "group", id: groupId }, details: { group: group.name, account: name.data } }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new InkanError("CONFLICT", { en: `"${name.data}" is already a member of this group.`, ja: `「${name.data}」はすでにこのグループのメンバーです。` });
    throw err;
  }
}

export async function removeMember(groupId: string, accountName: string, actor: Actor, now = new Date()): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { name: accountName }, select: { id: true } });
    const group = await tx.group.findUnique({ where: { id: groupId }, select: { name: true } });
    if (!group || !account) throw new InkanError("NOT_FOUND", { en: "The group or the account no longer exists.", ja: "グループまたはアカウントがもうありません。" });
    const { count } = await tx.groupMembership.deleteMany({ where: { groupId, accountId: account.id } });
    if (count === 0) throw new InkanError("CONFLICT", { en: `"${accountName}" is not a member of "${group.name}" (any more).`, ja: `「${accountName}」は「${group.name}」のメンバーではありません。` });
    await recordEvent(tx, { actor, action: "group.remove-member", target: { type: "group", id: groupId }, details: { group: group.name, account: accountName } }, now);
  });
}

/** Creates a built-in group (and its template) if missing; `actor` null writes no audit event. Returns its id. */
async function ensureBuiltInGroup(tx: Tx, key: BuiltInGroupKey, actor: Actor | null, now: Date): Promise<string> {
  const existing = await tx.group.findUnique({ where: { builtIn: key }, select: { id: true } });
  if (existing) return existing.id;
  // Two first starts (or first server accounts) at once: on PostgreSQL the second waits here, then finds the rows.
  if (dbProvider() === "postgresql") await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(727101)");
  const again = await tx.group.findUnique({ where: { builtIn: key }, select: { id: true } });
  if (again) return again.id;
  const spec = BUILT_IN_GROUPS[key];
  const templateId = await ensureBuiltInTemplate(tx, spec.template, actor, now);
  const row = await tx.group.create({ data: { name: spec.name, kind: spec.kind, description: spec.description, builtIn: key, templateId, createdAt: now } });
  if (actor) await recordEvent(tx, { actor, action: "group.create", target: { type: "group", id: row.id }, details: { name: spec.name, kind: spec.kind, builtIn: key } }, now);
  return row.id;
}

/**
 * First start (and every later one, changing nothing): the built-in templates "Client
 * certificate" and "SSL server certificate", the user group "Users" and the role group
 * "SSL server certificate". Returns whether anything was created.
 */
export async function ensureBuiltInGroups(actor: Actor = SYSTEM_ACTOR, now = new Date()): Promise<boolean> {
  const db = getDb();
  const present = await db.group.count({ where: { builtIn: { in: Object.keys(BUILT_IN_GROUPS) } } });
  const templates = await db.template.count({ where: { builtIn: { in: ["client", "server"] } } });
  if (present === Object.keys(BUILT_IN_GROUPS).length && templates === 2) return false;
  await db.$transaction(async (tx) => {
    for (const key of Object.keys(BUILT_IN_GROUPS) as BuiltInGroupKey[]) await ensureBuiltInGroup(tx, key, actor, now);
    // A built-in template whose group was re-pointed elsewhere still exists as a fallback.
    await ensureBuiltInTemplate(tx, "client", actor, now);
    await ensureBuiltInTemplate(tx, "server", actor, now);
  });
  return true;
}

/**
 * A new server account joins the role group "SSL server certificate" in the account's own
 * transaction (covered by its account.create event), so "create a server account, then
 * issue" works from the REST API and the CLI without a second step.
 */
export async function ensureServerRoleMembership(tx: Tx, accountId: string, now = new Date()): Promise<void> {
  // Every start seeds (and audits) the built-ins, so a running server always has the group. Only
  // a database no start has touched (a library caller, a test) lacks it: it is created here
  // without events of its own, inside the transaction that records account.create.
  const groupId = await ensureBuiltInGroup(tx, SSL_SERVER_GROUP_KEY, null, now);
  const exists = await tx.groupMembership.findUnique({ where: { groupId_accountId: { groupId, accountId } }, select: { groupId: true } });
  if (!exists) await tx.groupMembership.create({ data: { groupId, accountId, createdAt: now } });
}
