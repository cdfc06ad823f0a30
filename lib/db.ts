// The one Prisma client of Inkan.
//
//   DATABASE_URL unset or file:...      -> SQLite (better-sqlite3 adapter), default file:./data/inkan.db
//   DATABASE_URL postgres(ql)://...     -> PostgreSQL (pg adapter)
//
// Both providers have their own generated client (generated/prisma-sqlite, generated/prisma-pg)
// from the one model in prisma/schema.prisma; they expose the same model API, so app code
// uses the single type `Db` (the SQLite client's type; the PostgreSQL client is cast to it,
// which also keeps app code to the portable subset, e.g. no `mode: "insensitive"`).
//
// Transactions: `db.$transaction(async (tx) => { ... })` works on both. Inside it use `tx`
// only. On SQLite the connection is serialized: a transaction owns it until it ends (see
// lib/db/adapters.ts), so a query on the global client inside a transaction waits and the
// transaction times out; on PostgreSQL it would run outside the transaction.
//
// Migrations are not applied here: call migrateDatabase() from lib/db/migrate.ts at start
// (server scripts only; it loads the wasm schema engine).
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client";
import { Prisma, PrismaClient as SqlitePrismaClient } from "../generated/prisma-sqlite/client";
import { createPgAdapterFactory, InkanSqliteAdapterFactory, type PgPoolTuning } from "./db/adapters";
import { DEFAULT_DATABASE_URL, providerOf, redactUrl, type DbProvider } from "./db/url";

export type * from "../generated/prisma-sqlite/client";
export { Prisma };
export type { DbProvider };
export { DEFAULT_DATABASE_URL, providerOf };

/** The Prisma client type app code uses, whatever the provider. */
export type Db = SqlitePrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;

/** Defaults for interactive transactions; override per call with `$transaction(fn, { timeout })`. */
export const TRANSACTION_OPTIONS = {
  /** Longest wait to start a transaction (SQLite: for earlier transactions; PostgreSQL: for a pooled connection). */
  maxWait: 10_000,
  /** Longest a transaction may stay open before it is rolled back. */
  timeout: 15_000,
} as const;

/** The database URL from the environment (the only env read of the db layer). */
export function databaseUrlFromEnv(): string {
  return process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export interface CreateDbOptions {
  /** PostgreSQL pool settings (default: 10 connections, or ?connection_limit= in the URL). */
  pool?: PgPoolTuning;
  /** Prisma log levels to print (default: warnings; errors are thrown to the caller anyway). */
  log?: Array<"query" | "info" | "warn" | "error">;
}

/**
 * A new, independent client for `url`: the building block of getDb(), and for tests and
 * scripts that need their own connection. Close it with `$disconnect()`.
 */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  const common = { transactionOptions: TRANSACTION_OPTIONS, log: options.log ?? ["warn"] };
  if (providerOf(url) === "postgresql") {
    const client = new PgPrismaClient({ ...common, adapter: createPgAdapterFactory(url, options.pool) });
    return client as unknown as Db;
  }
  return new SqlitePrismaClient({ ...common, adapter: new InkanSqliteAdapterFactory(url) });
}

interface ActiveDb {
  db: Db;
  url: string;
  provider: DbProvider;
  /** Installed by setDbForTesting(): not closed by closeDb(). */
  borrowed: boolean;
}

// Survives Next.js dev HMR (module re-evaluation) and duplicate module instances.
const globalForDb = globalThis as unknown as { __inkanDb?: ActiveDb };

/**
 * The process-wide client, created on first use (lazily: importing this module opens
 * nothing). `url` defaults to DATABASE_URL; it only matters on the first call, and a
 * later call with a different URL throws rather than silently using the old database.
 */
export function getDb(url?: string): Db {
  const active = globalForDb.__inkanDb;
  if (active) {
    if (url !== undefined && url !== active.url) {
      throw new Error(
        `getDb(${redactUrl(url)}): the client is already open on ${redactUrl(active.url)}; closeDb() first`,
      );
    }
    return active.db;
  }
  const resolved = url ?? databaseUrlFromEnv();
  const db = createDb(resolved);
  globalForDb.__inkanDb = { db, url: resolved, provider: providerOf(resolved), borrowed: false };
  return db;
}

/**
 * `db.account.findMany()`: the process-wide client as a value. Every property access goes
 * to getDb(), so importing it opens nothing and it follows closeDb()/setDbForTesting().
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client as object, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
  has(_target, property) {
    return Reflect.has(getDb() as object, property);
  },
});

/** "sqlite" or "postgresql": of `url` if given, else of the open client, else of DATABASE_URL. */
export function dbProvider(url?: string): DbProvider {
  if (url !== undefined) return providerOf(url);
  return globalForDb.__inkanDb?.provider ?? providerOf(databaseUrlFromEnv());
}

/** Disconnects the process-wide client (closes the SQLite file / ends the pg pool). Safe to call twice. */
export async function closeDb(): Promise<void> {
  const active = globalForDb.__inkanDb;
  globalForDb.__inkanDb = undefined;
  if (active && !active.borrowed) await active.db.$disconnect();
}

/**
 * Tests: make getDb()/db return `client` (e.g. a test database from
 * tests/helpers/database.ts). Returns a function restoring the previous client.
 * The caller keeps ownership of `client` (closeDb() will not disconnect it).
 */
export function setDbForTesting(client: Db, url: string): () => void {
  const previous = globalForDb.__inkanDb;
  globalForDb.__inkanDb = { db: client, url, provider: providerOf(url), borrowed: true };
  return () => {
    globalForDb.__inkanDb = previous;
  };
}

/** True for a unique-constraint violation (Prisma P2002), e.g. a duplicate (caId, serial). */
export function isUniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** True when a record required by the operation was not found (Prisma P2025), e.g. update of a missing id. */
export function isNotFound(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

/** Prisma `Bytes` fields take Uint8Array<ArrayBuffer>; Node Buffers may sit on a shared pool, so copy. */
export function toBytes(buf: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buf);
}
