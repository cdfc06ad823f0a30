import { getDb } from "@/lib/db";
import type { AccountKind, AccountStatus, AccountView } from "./types";

type AccountRow = NonNullable<Awaited<ReturnType<ReturnType<typeof getDb>["account"]["findUnique"]>>>;

export function toAccountView(row: AccountRow): AccountView {
  return {
    id: row.id,
    kind: row.kind as AccountKind,
    name: row.name,
    displayName: row.displayName,
    email: row.email,
    status: row.status as AccountStatus,
    hostnames: JSON.parse(row.hostnames) as string[],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    hasUaPassword: Boolean(row.uaPasswordHash),
  };
}

export async function findAccountByName(name: string): Promise<AccountView | null> {
  const row = await getDb().account.findUnique({ where: { name } });
  return row ? toAccountView(row) : null;
}

export interface AccountPage {
  items: AccountView[];
  nextCursor: string | null;
}

/** Keyset pagination by (createdAt desc, id desc): constant cost at any depth. */
export async function listAccounts(opts: { query?: string; kind?: AccountKind; cursor?: string; limit?: number } = {}): Promise<AccountPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const q = opts.query?.trim();
  const rows = await getDb().account.findMany({
    where: {
      ...(opts.kind ? { kind: opts.kind } : {}),
      ...(q ? { OR: [{ name: { contains: q } }, { displayName: { contains: q } }, { email: { contains: q } }, { hostnames: { contains: q } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, limit).map(toAccountView);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

export function countAccounts() {
  return getDb().account.count();
}
