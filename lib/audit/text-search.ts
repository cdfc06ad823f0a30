import { dbProvider, ftsPhrase, getDb, isIndexableTerm, MAX_TEXT_CANDIDATES } from "@/lib/db";

/**
 * The seqs of the events whose details, actor, target id, action or user agent may contain
 * `term`, found through the trigram index (migration audit_text_search), or null when the
 * index cannot narrow the search: a term under 3 characters or with a LIKE wildcard, or a
 * common term matching more than MAX_TEXT_CANDIDATES (a page of it is found by reading the
 * log in order). The seqs are a superset of the rows the search's own LIKE matches (SQLite:
 * FTS5 trigrams fold case more widely than LIKE; PostgreSQL: the very same LIKE): the search
 * keeps its LIKE, so its rows are exactly those of a plain scan.
 */
export async function auditTextCandidates(term: string): Promise<number[] | null> {
  if (!isIndexableTerm(term)) return null;
  const db = getDb();
  const limit = MAX_TEXT_CANDIDATES + 1;
  const rows =
    dbProvider() === "sqlite"
      ? await db.$queryRawUnsafe<Array<{ seq: number | bigint }>>(`SELECT rowid AS seq FROM "AuditText" WHERE "AuditText" MATCH ? LIMIT ?`, ftsPhrase(term), limit)
      : await db.$queryRawUnsafe<Array<{ seq: number | bigint }>>(
          `SELECT "seq" FROM "AuditEvent" WHERE "details" LIKE $1 OR "actor" LIKE $1 OR "targetId" LIKE $1 OR "action" LIKE $1 OR "userAgent" LIKE $1 LIMIT $2`,
          `%${term}%`,
          limit,
        );
  return rows.length > MAX_TEXT_CANDIDATES ? null : rows.map((r) => Number(r.seq));
}
