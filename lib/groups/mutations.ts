import { dbProvider, getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { SYSTEM_ACTOR, recordEvent, type Actor } from "@/lib/audit";
import { ensureBuiltInTemplate } from "@/lib/templates";
import { groupInputSchema, memberNameSchema, type GroupInput } from "./schema";
import { BUILT_IN_GROUPS, SSL_SERVER_GROUP_KEY, type BuiltInGroupKey } from "./builtins";

function parseGroup(input: GroupInput) {
  const parsed = groupInputSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ""), message: i.message }));
    throw new InkanError("VALIDATION", errors.map((e) => e.message).join(" "), { errors });
  }
  return parsed.data;
}

const nameTaken = (name: string) =>
  new InkanError("CONFLICT", `A group named "${name}" already exists. Choose another name or open that group.`, { errors: [{ field: "name", message: "This name is taken." }] });

async function templateNameOf(tx: Tx, templateId: string | null): Promise<string | null> {
  if (!templateId) return null;
  const t = await tx.template.findUnique({ where: { id: templateId }, select: { name: true } });
  if (!t) throw new InkanError("VALIDATION", "The chosen template no longer exists; reload the page and choose again.", { errors: [{ field: "templateId", message: "Unknown template." }] });
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
      if (!current) throw new InkanError("NOT_FOUND", "This group no longer exists.");
      if (current.builtIn && current.kind !== g.kind) {
        throw new InkanError("UNPROCESSABLE", "A built-in group keeps its kind (user group or role group).", { errors: [{ field: "kind", message: "Built-in groups keep their kind." }] });
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
    if (!row) throw new InkanError("NOT_FOUND", "This group no longer exists.");
    if (row.builtIn) throw new InkanError("UNPROCESSABLE", `"${row.name}" is a built-in group and cannot be deleted. You can rename it or change its template instead.`);
    await tx.group.delete({ where: { id } });
    await recordEvent(tx, { actor, action: "group.delete", target: { type: "group", id }, details: { name: row.name, kind: row.kind, members: row._count.members } }, now);
  });
}

export async function addMember(groupId: string, accountName: string, actor: Actor, now = new Date()): Promise<void> {
  const name = memberNameSchema.safeParse(accountName);
  if (!name.success) throw new InkanError("VALIDATION", name.error.issues[0].message, { errors: [{ field: "account", message: name.error.issues[0].message }] });
  try {
    await getDb().$transaction(async (tx) => {
      const [group, account] = await Promise.all([
        tx.group.findUnique({ where: { id: groupId }, select: { name: true } }),
        tx.account.findUnique({ where: { name: name.data }, select: { id: true } }),
      ]);
      if (!group) throw new InkanError("NOT_FOUND", "This group no longer exists.");
      if (!account) throw new InkanError("NOT_FOUND", `No account named "${name.data}". Check the user ID or server name (it is case-sensitive).`, { errors: [{ field: "account", message: "Unknown account." }] });
      if (await tx.groupMembership.findUnique({ where: { groupId_accountId: { groupId, accountId: account.id } }, select: { groupId: true } })) {
        throw new InkanError("CONFLICT", `"${name.data}" is already a member of "${group.name}".`);
      }
      await tx.groupMembership.create({ data: { groupId, accountId: account.id, createdAt: now } });
      await recordEvent(tx, { actor, action: "group.add-member", target: { type: "group", id: groupId }, details: { group: group.name, account: name.data } }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new InkanError("CONFLICT", `"${name.data}" is already a member of this group.`);
    throw err;
  }
}

export async function removeMember(groupId: string, accountName: string, actor: Actor, now = new Date()): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { name: accountName }, select: { id: true } });
    const group = await tx.group.findUnique({ where: { id: groupId }, select: { name: true } });
    if (!group || !account) throw new InkanError("NOT_FOUND", "The group or the account no longer exists.");
    const { count } = await tx.groupMembership.deleteMany({ where: { groupId, accountId: account.id } });
    if (count === 0) throw new InkanError("CONFLICT", `"${accountName}" is not a member of "${group.name}" (any more).`);
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
