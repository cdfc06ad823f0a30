// Fresh, migrated test databases on both providers.
//
//   describe.each(["sqlite", "postgresql"] as const)("accounts on %s", (provider) => {
//     const t = withTestDatabase(provider);          // beforeAll: create + migrate; afterAll: drop
//     beforeEach(() => t.reset());                   // optional: empty every table
//     it("creates", async () => { await t.db.account.create({ ... }) });
//   });
//
// SQLite: a new file in a temp directory. PostgreSQL: CREATE DATABASE on the test server
// (tests/helpers/postgres.ts: the globalSetup server, INKAN_TEST_POSTGRES_URL, or one
// started lazily for this test process). Both get the committed migrations applied.
// By default the client is also installed as the process-wide one (lib/db getDb()/db)
// for the duration of the suite, so services that call getDb() use the test database.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createDb, setDbForTesting, type Db, type DbProvider } from "../../lib/db";
import { migrateDatabase } from "../../lib/db/migrate";
import { createPostgresDatabase } from "./postgres";

export const PROVIDERS = ["sqlite", "postgresql"] as const satisfies readonly DbProvider[];

export interface TestDatabase {
  provider: DbProvider;
  url: string;
  db: Db;
  /** Deletes every row of every table (not the migration history). */
  reset(): Promise<void>;
  /** Disconnects and deletes the database. */
  close(): Promise<void>;
}

/** Creates a fresh database for `provider`, migrated unless `migrate: false`. Call close() when done. */
export async function createTestDatabase(
  provider: DbProvider,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let url: string;
  let destroy: () => Promise<void>;
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "inkan-db-"));
    url = `file:${path.join(dir, "test.db")}`;
    destroy = async () => rmSync(dir, { recursive: true, force: true });
    if (options.migrate !== false) {
      try {
        await migrateDatabase(url);
      } catch (error) {
        await destroy();
        throw error;
      }
    }
  } else {
    const database = await createPostgresDatabase({ migrate: options.migrate });
    url = database.url;
    destroy = database.drop;
  }
  const db = createDb(url);
  let closed = false;
  return {
    provider,
    url,
    db,
    reset: () => resetDatabase(db, provider),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.$disconnect();
      } finally {
        await destroy();
      }
    },
  };
}

/** Empties every application table. */
export async function resetDatabase(db: Db, provider: DbProvider): Promise<void> {
  if (provider === "sqlite") {
    // Virtual tables (the FTS5 search index) are emptied through their own DELETE, never
    // through their shadow tables, which FTS5 needs consistent.
    const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
    );
    // foreign_keys cannot change inside a transaction: toggle it around the deletes.
    await db.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
    try {
      for (const { name } of tables) await db.$executeRawUnsafe(`DELETE FROM "${name}"`);
    } finally {
      await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    }
    return;
  }
  const tables = await db.$queryRawUnsafe<Array<{ tablename: string }>>(
    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'",
  );
  if (tables.length) {
    await db.$executeRawUnsafe(
      `TRUNCATE TABLE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`,
    );
  }
}

export interface TestDatabaseHandle {
  readonly provider: DbProvider;
  /** Available from the suite's beforeAll on. */
  readonly db: Db;
  readonly url: string;
  reset(): Promise<void>;
}

/**
 * Registers beforeAll/afterAll in the current describe block: a fresh migrated database
 * for `provider`. With `installGlobal` (default true) getDb()/db from lib/db return the
 * test client while the suite runs.
 */
export function withTestDatabase(
  provider: DbProvider,
  options: { installGlobal?: boolean } = {},
): TestDatabaseHandle {
  let current: TestDatabase | undefined;
  let restore: (() => void) | undefined;
  const ready = (): TestDatabase => {
    if (!current) throw new Error("withTestDatabase: the database is created in beforeAll; use it inside tests or hooks");
    return current;
  };

  beforeAll(async () => {
    current = await createTestDatabase(provider);
    if (options.installGlobal !== false) restore = setDbForTesting(current.db, current.url);
  });
  afterAll(async () => {
    restore?.();
    restore = undefined;
    await current?.close();
    current = undefined;
  });

  return {
    provider,
    get db() {
      return ready().db;
    },
    get url() {
      return ready().url;
    },
    reset: () => ready().reset(),
  };
}
