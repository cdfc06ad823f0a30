import { getDb } from "@/lib/db";
import type { AccountGroups, GroupKind, GroupView, MemberPage } from "./types";

const groupInclude = { template: { select: { id: true, name: true, usage: true } }, _count: { select: { members: true } } } as const;

type GroupRow = {
  id: string; kind: string; name: string; description: string; builtIn: string | null; createdAt: Date;
  template: { id: string; name: string; usage: string } | null; _count: { members: number };
};

function toGroupView(row: GroupRow): GroupView {
  return {
    id: row.id, kind: row.kind as GroupKind, name: row.name, description: row.description, builtIn: row.builtIn, createdAt: row.createdAt,
    template: row.template ? { ...row.template, usage: row.template.usage as "CLIENT" | "SERVER" } : null,
    memberCount: row._count.members,
  };
}

/** Every group: role groups first, then user groups, each by name. Groups are few; accounts are many. */
export async function listGroups(): Promise<GroupView[]> {
  const rows = await getDb().group.findMany({ include: groupInclude, orderBy: [{ kind: "asc" }, { name: "asc" }] });
  return rows.map(toGroupView).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "ROLE" ? -1 : 1));
}

export async function findGroup(id: string): Promise<GroupView | null> {
  const row = await getDb().group.findUnique({ where: { id }, include: groupInclude });
  return row ? toGroupView(row) : null;
}

/** Members by account id (the membership primary key), keyset-paginated: constant cost at any depth. */
export async function listMembers(groupId: string, opts: { cursor?: string; limit?: number } = {}): Promise<MemberPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await getDb().groupMembership.findMany({
    where: { groupId, ...(opts.cursor ? { accountId: { gt: opts.cursor } } : {}) },
    orderBy: { accountId: "asc" },
    take: limit + 1,
    include: { account: { select: { name: true, kind: true, displayName: true } } },
  });
  const items = rows.slice(0, limit).map((r) => ({
    accountId: r.accountId, name: r.account.name, kind: r.account.kind as "USER" | "SERVER", displayName: r.account.displayName, joinedAt: r.createdAt,
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].accountId : null };
}

export async function groupsOfAccount(accountName: string): Promise<AccountGroups | null> {
  const db = getDb();
  const account = await db.account.findUnique({
    where: { name: accountName },
    select: { id: true, name: true, kind: true, memberships: { select: { group: { select: { id: true, name: true, kind: true, builtIn: true } } } } },
  });
  if (!account) return null;
  const mine = account.memberships.map((m) => m.group).sort((a, b) => (a.name < b.name ? -1 : 1));
  const all = await db.group.findMany({ select: { id: true, name: true, kind: true }, orderBy: { name: "asc" } });
  const joined = new Set(mine.map((g) => g.id));
  return {
    accountId: account.id,
    accountName: account.name,
    accountKind: account.kind as "USER" | "SERVER",
    userGroups: mine.filter((g) => g.kind === "USER").map(({ id, name, builtIn }) => ({ id, name, builtIn })),
    roleGroups: mine.filter((g) => g.kind === "ROLE").map(({ id, name, builtIn }) => ({ id, name, builtIn })),
    joinable: all.filter((g) => !joined.has(g.id)).map((g) => ({ ...g, kind: g.kind as GroupKind })),
  };
}
