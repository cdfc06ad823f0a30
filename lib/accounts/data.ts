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
    deletedAt: row.deletedAt,
    hasUaPassword: Boolean(row.uaPasswordHash),
  };
}

/** The account, including a deleted one (its page still lists the certificates it kept). */
export async function findAccountByName(name: string): Promise<AccountView | null> {
  const row = await getDb().account.findUnique({ where: { name } });
  return row ? toAccountView(row) : null;
}

/** The accounts of these names that exist, deleted ones included, in no particular order. */
export async function findAccountsByNames(names: readonly string[]): Promise<AccountView[]> {
  const rows = await getDb().account.findMany({ where: { name: { in: [...names] } } });
  return rows.map(toAccountView);
}

/** Accounts that are not deleted. */
export function countAccounts() {
  return getDb().account.count({ where: { status: { not: "DELETED" } } });
}

/** Certificates of an account by state, for the delete dialog ("3 valid certificates will be revoked"). */
export async function countAccountCertificates(accountId: string, now = new Date()) {
  const [valid, total] = await Promise.all([
    getDb().certificate.count({ where: { accountId, status: "ISSUED", notAfter: { gt: now } } }),
    getDb().certificate.count({ where: { accountId } }),
  ]);
  return { valid, total };
}

/** Group names that exist among `names` (CSV import checks every row's groups in one query). */
export async function existingGroupNames(names: string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await getDb().group.findMany({ where: { name: { in: names } }, select: { name: true } });
  return new Set(rows.map((r) => r.name));
}

/** Names of all groups, for the list's group filter. */
export async function listGroupNames(): Promise<string[]> {
  const rows = await getDb().group.findMany({ select: { name: true }, orderBy: { name: "asc" }, take: 500 });
  return rows.map((r) => r.name);
}
