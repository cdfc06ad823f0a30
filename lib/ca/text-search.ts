import { dbProvider, ftsPhrase, getDb, isIndexableTerm, MAX_TEXT_CANDIDATES } from "@/lib/db";

/**
 * Ids of the certificates whose subject (and, with `withAccountName`, whose account's name)
 * may contain `term`, or null when the index cannot narrow the search (a term under 3
 * characters or with a LIKE wildcard, or a common term matching more than
 * MAX_TEXT_CANDIDATES). The ids are a superset of the rows the search's own case-insensitive
 * LIKE matches (SQLite: FTS5 trigrams fold case more widely than LIKE; PostgreSQL: the same
 * ILIKE): the caller keeps its LIKE, so the result rows are exactly those of the plain scan.
 */
export async function textCandidates(term: string, withAccountName: boolean): Promise<string[] | null> {
  if (!isIndexableTerm(term)) return null;
  const db = getDb();
  const limit = MAX_TEXT_CANDIDATES + 1;
  let ids: string[];
  if (dbProvider() === "sqlite") {
    // CertificateText: FTS5 trigram table kept by triggers (migration certificate_text_search_and_counts).
    const columns = withAccountName ? "{subject accountName}" : "subject";
    const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT "certificateId" AS id FROM "CertificateText" WHERE "CertificateText" MATCH ? LIMIT ?`,
      `${columns} : ${ftsPhrase(term)}`,
      limit,
    );
    ids = rows.map((r) => r.id);
  } else {
    // The GIN trigram indexes on subject and Account.name answer ILIKE '%…%'.
    const pattern = `%${term}%`;
    const [bySubject, byAccount] = await Promise.all([
      db.$queryRawUnsafe<Array<{ id: string }>>(`SELECT "id" FROM "Certificate" WHERE "subject" ILIKE $1 LIMIT $2`, pattern, limit),
      withAccountName
        ? db.$queryRawUnsafe<Array<{ id: string }>>(
            `SELECT "id" FROM "Certificate" WHERE "accountId" IN (SELECT "id" FROM "Account" WHERE "name" ILIKE $1) LIMIT $2`,
            pattern,
            limit,
          )
        : [],
    ]);
    ids = [...new Set([...bySubject, ...byAccount].map((r) => r.id))];
  }
  return ids.length > MAX_TEXT_CANDIDATES ? null : ids;
}
