// SQLite connections keep each SQL text's statement prepared (reusePreparedStatements in
// lib/db/adapters.ts): a statement is prepared once and bound at every run, the kept ones are
// bounded, and a kept statement still answers correctly after a schema change or an error.
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from "vitest";
import { isUniqueViolation } from "../../lib/db";
import { PREPARED_STATEMENTS_KEPT } from "../../lib/db/adapters";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

describe("prepared statements on SQLite", () => {
  let t: TestDatabase;
  let prepare: MockInstance<BetterSqlite3.Database["prepare"]>;
  const preparedTimes = (sql: string) => prepare.mock.calls.filter(([text]) => text === sql).length;

  beforeAll(async () => {
    // Before the client connects, so that its connections prepare through the spy.
    prepare = vi.spyOn(BetterSqlite3.prototype, "prepare");
    t = await createTestDatabase("sqlite");
    await t.db.$executeRawUnsafe(`CREATE TABLE "Kept" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL UNIQUE)`);
  });
  afterAll(async () => {
    await t?.close();
    prepare.mockRestore();
  });

  it("prepares a statement once and binds new arguments at every run", async () => {
    const insert = `INSERT INTO "Kept" ("id", "name") VALUES (?, ?)`;
    const select = `SELECT "name" FROM "Kept" WHERE "id" = ?`;
    for (let id = 1; id <= 40; id++) await t.db.$executeRawUnsafe(insert, id, `name-${id}`);
    for (let id = 40; id >= 1; id--) {
      expect(await t.db.$queryRawUnsafe(select, id)).toEqual([{ name: `name-${id}` }]);
    }
    expect(preparedTimes(insert)).toBe(1);
    expect(preparedTimes(select)).toBeLessThanOrEqual(2); // once per connection: writer and reader
  });

  it("keeps a bounded number of statements, preparing again one that was dropped", async () => {
    const first = `SELECT 'first' AS "which"`;
    expect(await t.db.$queryRawUnsafe(first)).toEqual([{ which: "first" }]);
    const before = preparedTimes(first);
    for (let i = 0; i < PREPARED_STATEMENTS_KEPT + 10; i++) {
      expect(await t.db.$queryRawUnsafe(`SELECT 'n${i}' AS "n"`)).toEqual([{ n: `n${i}` }]);
    }
    expect(await t.db.$queryRawUnsafe(first)).toEqual([{ which: "first" }]);
    expect(preparedTimes(first)).toBe(before + 1);
  });

  it("answers with the new columns after the table changes", async () => {
    const all = `SELECT * FROM "Kept" WHERE "id" = ?`;
    expect(await t.db.$queryRawUnsafe(all, 1)).toEqual([{ id: 1, name: "name-1" }]);
    await t.db.$executeRawUnsafe(`ALTER TABLE "Kept" ADD COLUMN "note" TEXT NOT NULL DEFAULT 'added'`);
    expect(await t.db.$queryRawUnsafe(all, 1)).toEqual([{ id: 1, name: "name-1", note: "added" }]);
  });

  it("reports a failed run as before and runs the same statement again afterwards", async () => {
    const insert = `INSERT INTO "Kept" ("id", "name") VALUES (?, ?)`;
    const error = await t.db.$executeRawUnsafe(insert, 100, "name-1").catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    await expect(t.db.$executeRawUnsafe(insert, 101, "name-101")).resolves.toBe(1);
    await expect(t.db.$executeRawUnsafe(insert, 102)).rejects.toThrow(/parameter|bind|argument/i);
    expect(await t.db.$queryRawUnsafe(`SELECT "id" FROM "Kept" WHERE "id" >= ? ORDER BY "id"`, 100)).toEqual([{ id: 101 }]);
  });
});
