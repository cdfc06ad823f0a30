// What the migrations keep outside prisma/schema.prisma (the drift check does not see it):
// the triggers that maintain CertificateCount and the search index, SQLite's FTS5 table,
// PostgreSQL's pg_trgm indexes. A later migration that rebuilds "Certificate" (SQLite drops a
// table's triggers with it) fails here. Upgrading a database that already holds
// certificates backfills both.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROVIDERS, createTestDatabase, type TestDatabase } from "../helpers/database";
import { setDbForTesting } from "../../lib/db";
import { migrateDatabase } from "../../lib/db/migrate";
import { migrationsDirOf } from "../../lib/db/schema-engine";
import { textCandidates } from "../../lib/ca/text-search";

const MIGRATION = "certificate_text_search_and_counts";

async function triggerNames(t: TestDatabase): Promise<string[]> {
  const sql = t.provider === "sqlite"
    ? `SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`
    : `SELECT DISTINCT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`;
  return (await t.db.$queryRawUnsafe<Array<{ name: string }>>(sql)).map((r) => r.name);
}

describe.each(PROVIDERS)("derived certificate tables on %s", (provider) => {
  const open: TestDatabase[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const t of open) await t.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("exist after all migrations: the triggers, and the search index", async () => {
    const t = await createTestDatabase(provider);
    open.push(t);
    if (provider === "sqlite") {
      expect(await triggerNames(t)).toEqual([
        "Account_text_rename", "AuditEvent_text_delete", "AuditEvent_text_insert", "AuditEvent_text_update",
        "Certificate_count_delete", "Certificate_count_insert", "Certificate_count_update",
        "Certificate_text_delete", "Certificate_text_insert", "Certificate_text_update",
      ]);
      const [fts] = await t.db.$queryRawUnsafe<Array<{ sql: string }>>(`SELECT sql FROM sqlite_master WHERE name = 'CertificateText'`);
      expect(fts.sql).toMatch(/fts5\(.*tokenize = 'trigram'\)/);
      const [audit] = await t.db.$queryRawUnsafe<Array<{ sql: string }>>(`SELECT sql FROM sqlite_master WHERE name = 'AuditText'`);
      expect(audit.sql).toMatch(/fts5\(.*tokenize = 'trigram'.*contentless_delete = 1\)/);
    } else {
      expect(await triggerNames(t)).toEqual(["Certificate_count_delete", "Certificate_count_insert", "Certificate_count_update"]);
      const indexes = await t.db.$queryRawUnsafe<Array<{ indexname: string; indexdef: string }>>(`SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%trgm%' ORDER BY 1`);
      expect(indexes.map((i) => i.indexname)).toEqual([
        "Account_name_trgm_idx", "AuditEvent_action_trgm_idx", "AuditEvent_actor_trgm_idx", "AuditEvent_details_trgm_idx",
        "AuditEvent_targetId_trgm_idx", "AuditEvent_userAgent_trgm_idx", "Certificate_subject_trgm_idx",
      ]);
      for (const i of indexes) expect(i.indexdef).toMatch(/USING gin .*gin_trgm_ops/);
    }
  });

  it("are filled from the certificates already there when a database is upgraded", async () => {
    const before = mkdtempSync(path.join(os.tmpdir(), "inkan-migrations-"));
    dirs.push(before);
    cpSync(migrationsDirOf(provider), before, { recursive: true });
    for (const d of readdirSync(before)) if (d.endsWith(MIGRATION)) rmSync(path.join(before, d), { recursive: true });
    const t = await createTestDatabase(provider, { migrate: false });
    open.push(t);
    await migrateDatabase(t.url, { migrationsDir: before });

    const ca = await t.db.certificateAuthority.create({ data: { slug: "ia1", name: "ia1", subject: "CN=ia1", keyAlgorithm: "ECDSA-P256", encryptedKey: new Uint8Array([1]), certificateDer: new Uint8Array([0x30]) } });
    const account = await t.db.account.create({ data: { kind: "USER", name: "legacy-user" } });
    const certificate = (serial: string, status: string, notAfter: string) => t.db.certificate.create({
      data: { caId: ca.id, accountId: account.id, serial, subject: `CN=legacy ${serial}`, keyAlgorithm: "ECDSA-P256", notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date(notAfter), status, source: "CSR", certificateDer: new Uint8Array([0x30]) },
    });
    await certificate("0a", "ISSUED", "2027-01-01T10:00:00Z");
    await certificate("0b", "ISSUED", "2027-01-01T23:59:59.999Z");
    await certificate("0c", "REVOKED", "2027-01-02T00:00:00Z");

    await t.db.$disconnect(); // the app migrates before it opens its client (scripts/start.ts)
    expect((await migrateDatabase(t.url)).applied).toEqual([expect.stringMatching(new RegExp(`${MIGRATION}$`))]);
    const day = Date.UTC(2027, 0, 1) / 86_400_000;
    const counts = await t.db.certificateCount.findMany({ orderBy: [{ status: "asc" }, { expiryDay: "asc" }] });
    expect(counts.map(({ status, expiryDay, count }) => ({ status, expiryDay, count }))).toEqual([
      { status: "ISSUED", expiryDay: day, count: 2 },
      { status: "REVOKED", expiryDay: day + 1, count: 1 },
    ]);
    const restore = setDbForTesting(t.db, t.url);
    try {
      expect(await textCandidates("legacy 0b", false)).toHaveLength(1);
      expect(await textCandidates("legacy-us", true)).toHaveLength(3);
    } finally {
      restore();
    }
  });
});
