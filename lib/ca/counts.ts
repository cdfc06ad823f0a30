import { dbProvider, getDb } from "@/lib/db";

// The database keeps two summaries of Certificate with triggers (migration
// certificate_text_search_and_counts): CertificateCount (per status and UTC day of notAfter,
// for the dashboard) and, on SQLite, the FTS5 trigram table CertificateText (free-text
// search). The repairs below rebuild them from Certificate, for an operator who changed rows
// with the triggers off or restored a partial copy; nothing in normal operation needs them.

const DAY_OF_NOT_AFTER = {
  sqlite: `unixepoch("notAfter") / 86400`,
  postgresql: `floor(extract(epoch FROM "notAfter") / 86400)::int`,
} as const;

/** Rebuilds CertificateCount from Certificate in one transaction; returns the certificates counted. */
export async function recountCertificates(): Promise<{ certificates: number }> {
  const provider = dbProvider();
  return getDb().$transaction(async (tx) => {
    // Writers wait (SQLite: the one write lock, taken by this transaction; PostgreSQL: SHARE
    // blocks inserts and updates, not reads) so no trigger adds to a row being recounted.
    if (provider === "postgresql") await tx.$executeRawUnsafe(`LOCK TABLE "Certificate" IN SHARE MODE`);
    await tx.$executeRawUnsafe(`DELETE FROM "CertificateCount"`);
    await tx.$executeRawUnsafe(
      `INSERT INTO "CertificateCount" ("status", "expiryDay", "count") SELECT "status", ${DAY_OF_NOT_AFTER[provider]}, COUNT(*) FROM "Certificate" GROUP BY 1, 2`,
    );
    const sum = await tx.certificateCount.aggregate({ _sum: { count: true } });
    return { certificates: sum._sum.count ?? 0 };
  }, { timeout: 600_000 });
}

/** SQLite: rebuilds the FTS5 table CertificateText from Certificate (PostgreSQL's trigram indexes need nothing). */
export async function reindexCertificateText(): Promise<{ certificates: number }> {
  if (dbProvider() !== "sqlite") return { certificates: 0 };
  return getDb().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DELETE FROM "CertificateText"`);
    const certificates = await tx.$executeRawUnsafe(
      `INSERT INTO "CertificateText" ("certificateId", "subject", "accountName") SELECT c."id", c."subject", a."name" FROM "Certificate" c JOIN "Account" a ON a."id" = c."accountId"`,
    );
    return { certificates };
  }, { timeout: 600_000 });
}
