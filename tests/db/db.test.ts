// lib/db.ts: provider selection, the lazily created process-wide client, SQLite settings,
// and SQLite writers in two processes at once (WAL + busy_timeout + BEGIN IMMEDIATE).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeDb, createDb, databaseUrlFromEnv, db, dbProvider, getDb, providerOf, DEFAULT_DATABASE_URL } from "../../lib/db";
import { migrateDatabase } from "../../lib/db/migrate";
import { pgFieldsOf, sqlitePathOf } from "../../lib/db/url";
import { createPostgresDatabase } from "../helpers/postgres";

const tmp = mkdtempSync(path.join(os.tmpdir(), "inkan-dbts-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => closeDb());

describe("database URLs", () => {
  it("chooses the provider from the URL", () => {
    expect(providerOf("postgres://u@h/db")).toBe("postgresql");
    expect(providerOf("postgresql://u@h:5433/db?schema=x")).toBe("postgresql");
    expect(providerOf("file:./data/inkan.db")).toBe("sqlite");
    expect(providerOf(undefined)).toBe("sqlite");
    expect(dbProvider("postgresql://u@h/db")).toBe("postgresql");
    expect(dbProvider("file:x.db")).toBe("sqlite");
  });

  it("resolves SQLite paths against the working directory", () => {
    expect(sqlitePathOf("file:./data/inkan.db", "/srv/inkan")).toBe("/srv/inkan/data/inkan.db");
    expect(sqlitePathOf("file:/var/lib/inkan/db.sqlite?mode=rwc", "/x")).toBe("/var/lib/inkan/db.sqlite");
    expect(sqlitePathOf("file:///var/lib/inkan/db.sqlite", "/x")).toBe("/var/lib/inkan/db.sqlite");
    expect(sqlitePathOf("data/x.db", "/srv")).toBe("/srv/data/x.db");
    expect(sqlitePathOf(":memory:")).toBe(":memory:");
  });

  it("parses PostgreSQL URLs into discrete fields", () => {
    expect(pgFieldsOf("postgresql://app:p%40ss@db.internal:6543/inkan?schema=ca&sslmode=require")).toEqual({
      host: "db.internal",
      port: 6543,
      user: "app",
      password: "p@ss",
      database: "inkan",
      schema: "ca",
    });
  });

  it("defaults to the embedded SQLite file", () => {
    const saved = process.env.DATABASE_URL;
    try {
      delete process.env.DATABASE_URL;
      expect(databaseUrlFromEnv()).toBe(DEFAULT_DATABASE_URL);
      expect(DEFAULT_DATABASE_URL).toBe("file:./data/inkan.db");
      process.env.DATABASE_URL = "postgresql://app@127.0.0.1/inkan";
      expect(dbProvider()).toBe("postgresql");
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});

describe("process-wide client", () => {
  it("is created lazily once, survives module reloads via globalThis, and closes", async () => {
    const url = `file:${path.join(tmp, "lazy", "deep", "inkan.db")}`;
    await migrateDatabase(url);
    const first = getDb(url);
    expect(getDb()).toBe(first);
    expect(getDb(url)).toBe(first);
    expect(dbProvider()).toBe("sqlite");
    expect(() => getDb(`file:${path.join(tmp, "other.db")}`)).toThrow(/already open/);
    expect((globalThis as { __inkanDb?: { db: unknown } }).__inkanDb?.db).toBe(first);

    await db.account.create({ data: { kind: "USER", name: "bob" } });
    expect(await db.account.count()).toBe(1);
    expect(await db.$transaction(async (tx) => tx.account.count())).toBe(1);

    await closeDb();
    await closeDb(); // idempotent
    const second = getDb(url);
    expect(second).not.toBe(first);
    expect(await second.account.count()).toBe(1);
  });

  it("creates the SQLite directory and sets WAL, busy_timeout, foreign keys, full sync and the checkpoint interval", async () => {
    const file = path.join(tmp, "fresh", "sub", "inkan.db");
    const client = createDb(`file:${file}`);
    try {
      const [{ journal_mode }] = await client.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
      const [{ timeout }] = await client.$queryRawUnsafe<Array<{ timeout: bigint | number }>>("PRAGMA busy_timeout");
      const [{ foreign_keys }] = await client.$queryRawUnsafe<Array<{ foreign_keys: bigint | number }>>("PRAGMA foreign_keys");
      const [{ synchronous }] = await client.$queryRawUnsafe<Array<{ synchronous: bigint | number }>>("PRAGMA synchronous");
      const [{ wal_autocheckpoint }] = await client.$queryRawUnsafe<Array<{ wal_autocheckpoint: bigint | number }>>("PRAGMA wal_autocheckpoint");
      expect(existsSync(file)).toBe(true);
      expect(Number(synchronous)).toBe(2); // FULL: a commit waits for its WAL sync
      expect(Number(wal_autocheckpoint)).toBe(4000);
      expect(journal_mode).toBe("wal");
      expect(Number(timeout)).toBe(5000);
      expect(Number(foreign_keys)).toBe(1);
    } finally {
      await client.$disconnect();
    }
  });

  it("uses the PostgreSQL client for postgres URLs, with the same model API", async () => {
    const database = await createPostgresDatabase();
    try {
      const client = getDb(database.url);
      expect(dbProvider()).toBe("postgresql");
      await client.account.create({ data: { kind: "SERVER", name: "www.example.test", hostnames: '["www.example.test"]' } });
      expect(await db.account.findUnique({ where: { name: "www.example.test" } })).toMatchObject({ kind: "SERVER" });
      await closeDb();
    } finally {
      await database.drop();
    }
  });
});

describe("SQLite with two processes writing", () => {
  it("does not fail with SQLITE_BUSY", async () => {
    const url = `file:${path.join(tmp, "shared", "inkan.db")}`;
    await migrateDatabase(url);
    const worker = path.join(tmp, "writer.mts");
    const dbModule = path.resolve(import.meta.dirname, "../../lib/db.ts");
    writeFileSync(
      worker,
      `import { createDb } from ${JSON.stringify(dbModule)};
const db = createDb(process.argv[2]);
await db.account.count();
console.log("ready");
for (let i = 0; i < 100; i++) {
  await db.$transaction(async (tx) => {
    const n = await tx.account.count();
    await tx.account.create({ data: { kind: "USER", name: "child-" + i + "-" + n } });
  });
}
await db.$disconnect();
`,
    );
    const child = spawn(process.execPath, ["--import", "tsx", worker, url], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", () => output.includes("ready") && resolve());
      child.on("close", () => reject(new Error(`writer exited early: ${output}`)));
    });

    const client = createDb(url);
    try {
      for (let i = 0; i < 100; i++) {
        await client.$transaction(async (tx) => {
          const n = await tx.account.count();
          await tx.account.create({ data: { kind: "USER", name: `parent-${i}-${n}` } });
        });
        await client.account.updateMany({ where: { name: { startsWith: "parent-" } }, data: { displayName: `${i}` } });
      }
      expect(await exited, output).toBe(0);
      expect(await client.account.count()).toBe(200);
    } finally {
      await client.$disconnect();
    }
  });
});
