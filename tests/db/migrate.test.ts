// Migrations: the committed folders apply on a fresh SQLite file and a fresh PostgreSQL
// database, a second apply is a no-op, and they match prisma/schema.prisma.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../lib/db";
import { migrateDatabase, migrationStatus } from "../../lib/db/migrate";
import { migrationsDirOf, readMigrationList } from "../../lib/db/schema-engine";
import { diffProvider } from "../../scripts/db-diff";
import { createPostgresDatabase, testPostgresUrl } from "../helpers/postgres";

const committed = (provider: "sqlite" | "postgresql") =>
  readMigrationList(migrationsDirOf(provider)).migrationDirectories.map((d) => d.path);

const MODEL_TABLES = [
  "Account", "Admin", "ApiToken", "AuditEvent", "Certificate", "CertificateAuthority",
  "Crl", "Group", "GroupMembership", "SetupState", "Template",
];

describe("committed migrations", () => {
  it("exist for both providers with the same names", () => {
    expect(committed("sqlite").length).toBeGreaterThan(0);
    expect(committed("postgresql")).toEqual(committed("sqlite"));
  });

  it("cover prisma/schema.prisma on SQLite (no pending diff)", async () => {
    expect(await diffProvider("sqlite")).toBeNull();
  });

  it("cover prisma/schema.prisma on PostgreSQL (no pending diff)", async () => {
    expect(await diffProvider("postgresql", await testPostgresUrl())).toBeNull();
  });
});

describe("migrateDatabase on SQLite", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "inkan-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates and migrates a fresh file (and its directory), then does nothing", async () => {
    const file = path.join(dir, "nested", "inkan.db");
    const url = `file:${file}`;
    expect(existsSync(file)).toBe(false);
    expect((await migrationStatus(url)).pending).toEqual(committed("sqlite"));

    const first = await migrateDatabase(url);
    expect(first).toMatchObject({ provider: "sqlite", applied: committed("sqlite") });
    expect(existsSync(file)).toBe(true);

    const second = await migrateDatabase(url);
    expect(second.applied).toEqual([]);
    expect(await migrationStatus(url)).toEqual({ provider: "sqlite", pending: [], edited: [], failed: [], unknown: [] });

    const db = createDb(url);
    try {
      const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
      );
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining([...MODEL_TABLES, "_prisma_migrations"]));
      const [mode] = await db.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
      expect(mode.journal_mode).toBe("wal");
    } finally {
      await db.$disconnect();
    }
  });
});

describe("migrateDatabase on PostgreSQL", () => {
  it("migrates a fresh database, then does nothing", async () => {
    const database = await createPostgresDatabase({ migrate: false });
    try {
      expect((await migrationStatus(database.url)).pending).toEqual(committed("postgresql"));
      const first = await migrateDatabase(database.url);
      expect(first).toMatchObject({ provider: "postgresql", applied: committed("postgresql") });
      expect((await migrateDatabase(database.url)).applied).toEqual([]);
      expect((await migrationStatus(database.url)).pending).toEqual([]);

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ tablename: string }>(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
        );
        expect(rows.map((r) => r.tablename)).toEqual(expect.arrayContaining([...MODEL_TABLES, "_prisma_migrations"]));
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });

  it("creates a missing database and serializes concurrent runs (several instances starting)", async () => {
    const serverUrl = new URL(await testPostgresUrl());
    serverUrl.pathname = `/inkan_concurrent_${process.pid}`;
    const url = serverUrl.toString();
    try {
      const results = await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
      expect(results.flatMap((r) => r.applied)).toEqual(committed("postgresql"));
    } finally {
      const admin = new pg.Client({ connectionString: await testPostgresUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "inkan_concurrent_${process.pid}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
