import { getDb, keysetAfter, type Prisma } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { toAccountView } from "./data";
import { decodeCursor, encodeCursor } from "./cursor";
import { searchOperand } from "./search-text";
import type { AccountListItem, AccountListQuery, AccountPage } from "./types";

const DAY = 86_400_000;
const MAX_LIMIT = 200;

/** The filters of the list as one Prisma condition (each maps to an index, see prisma/schema.prisma). */
function accountFilter(q: AccountListQuery, now: Date): Prisma.AccountWhereInput {
  const and: Prisma.AccountWhereInput[] = [];
  and.push(q.status ? { status: q.status } : { status: { not: "DELETED" } });
  if (q.kind) and.push({ kind: q.kind });
  const text = q.q ? searchOperand(q.q) : "";
  if (text) and.push({ searchText: { contains: text } });
  if (q.group) and.push({ memberships: { some: { group: { name: q.group } } } });
  if (q.hasValidCertificate) and.push({ certificates: { some: { status: "ISSUED", notAfter: { gt: now } } } });
  if (q.expiringWithinDays !== undefined) {
    and.push({ certificates: { some: { status: "ISSUED", notAfter: { gt: now, lte: new Date(now.getTime() + q.expiringWithinDays * DAY) } } } });
  }
  return { AND: and };
}

/**
 * One page of the RA account list. Keyset pagination: the cursor holds the last row's sort
 * key and id, so page 2,000 costs what page 1 costs. Sorts: created (newest first), name
 * (A→Z), expiry (soonest valid certificate first; accounts without one are not listed).
 */
export async function listAccounts(query: AccountListQuery = {}, now = new Date()): Promise<AccountPage> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_LIMIT);
  const sort = query.sort ?? "created";
  const where = accountFilter(query, now);
  const after = query.after ? decodeCursor(query.after, sort) : null;
  if (sort === "expiry") return listByExpiry(where, limit, after, query.expiringWithinDays, now);

  let keyset: Prisma.AccountWhereInput = {};
  if (after && sort === "created") {
    const at = new Date(after.value);
    if (Number.isNaN(at.getTime())) throw new InkanError("VALIDATION", { en: "The page cursor is not valid. Open the first page again.", ja: "ページの位置が正しくありません。最初のページから開き直してください。" });
    keyset = keysetAfter("createdAt", "id", { value: at, tie: after.id }, "desc");
  } else if (after) {
    // Names are unique, so the name alone is a total order.
    keyset = { name: { gt: after.value } };
  }
  const rows = await getDb().account.findMany({
    where: { AND: [where, keyset] },
    orderBy: sort === "name" ? [{ name: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last
    ? encodeCursor(sort === "name" ? { sort, value: last.name, id: last.id } : { sort, value: last.createdAt.toISOString(), id: last.id })
    : null;
  return { items: await withCertificateSummary(page.map(toAccountView), now), nextCursor };
}

/**
 * Expiry order is driven by the certificates (index on status, notAfter): each account is
 * listed once, at its soonest-expiring valid certificate; later certificates of an account
 * already listed are skipped. The cursor is that certificate's (notAfter, id).
 */
async function listByExpiry(
  where: Prisma.AccountWhereInput,
  limit: number,
  after: { value: string; id: string } | null,
  expiringWithinDays: number | undefined,
  now: Date,
): Promise<AccountPage> {
  const db = getDb();
  const validUntil = expiringWithinDays !== undefined ? { lte: new Date(now.getTime() + expiringWithinDays * DAY) } : {};
  const kept: Array<{ id: string; notAfter: Date; accountId: string }> = [];
  let position = after ? { notAfter: new Date(after.value), id: after.id } : null;
  if (position && Number.isNaN(position.notAfter.getTime())) throw new InkanError("VALIDATION", { en: "The page cursor is not valid. Open the first page again.", ja: "ページの位置が正しくありません。最初のページから開き直してください。" });
  let exhausted = false;
  // Each round reads a batch of certificates in expiry order; a round ends early when the page is full.
  for (let round = 0; round < 20 && kept.length <= limit; round++) {
    const batch = await db.certificate.findMany({
      where: {
        status: "ISSUED",
        notAfter: { gt: now, ...validUntil },
        account: where,
        ...(position ? keysetAfter<Prisma.CertificateWhereInput>("notAfter", "id", { value: position.notAfter, tie: position.id }, "asc") : {}),
      },
      orderBy: [{ notAfter: "asc" }, { id: "asc" }],
      select: { id: true, notAfter: true, accountId: true },
      take: (limit + 1) * 2,
    });
    if (batch.length === 0) {
      exhausted = true;
      break;
    }
    const first = await soonestValidCertificate([...new Set(batch.map((c) => c.accountId))], now);
    for (const c of batch) {
      if (first.get(c.accountId) === c.id) kept.push(c);
      if (kept.length > limit) break;
    }
    const tail = batch.at(-1)!;
    position = { notAfter: tail.notAfter, id: tail.id };
    if (batch.length < (limit + 1) * 2) {
      exhausted = kept.length <= limit;
      break;
    }
  }
  const page = kept.slice(0, limit);
  const accounts = await db.account.findMany({ where: { id: { in: page.map((c) => c.accountId) } } });
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const views = page.map((c) => toAccountView(byId.get(c.accountId)!));
  const last = page.at(-1);
  // A full page continues after its last account; a page cut short by the round limit (accounts
  // with very many certificates) continues after the last certificate read, all skipped duplicates.
  const resume = kept.length > limit && last ? last : !exhausted && position ? position : null;
  return {
    items: await withCertificateSummary(views, now),
    nextCursor: resume ? encodeCursor({ sort: "expiry", value: resume.notAfter.toISOString(), id: resume.id }) : null,
  };
}

/** accountId → id of its soonest-expiring valid certificate (ties broken by id, as the sort does). */
async function soonestValidCertificate(accountIds: string[], now: Date): Promise<Map<string, string>> {
  const rows = await getDb().certificate.findMany({
    where: { accountId: { in: accountIds }, status: "ISSUED", notAfter: { gt: now } },
    orderBy: [{ notAfter: "asc" }, { id: "asc" }],
    select: { id: true, accountId: true },
  });
  const first = new Map<string, string>();
  for (const r of rows) if (!first.has(r.accountId)) first.set(r.accountId, r.id);
  return first;
}

async function withCertificateSummary(accounts: ReturnType<typeof toAccountView>[], now: Date): Promise<AccountListItem[]> {
  if (accounts.length === 0) return [];
  const summary = await getDb().certificate.groupBy({
    by: ["accountId"],
    where: { accountId: { in: accounts.map((a) => a.id) }, status: "ISSUED", notAfter: { gt: now } },
    _min: { notAfter: true },
    _count: { _all: true },
  });
  const byId = new Map(summary.map((s) => [s.accountId, s]));
  return accounts.map((a) => ({ ...a, nextExpiry: byId.get(a.id)?._min.notAfter ?? null, validCertificates: byId.get(a.id)?._count._all ?? 0 }));
}
