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
// only. On SQLite the write connection is serialized: a transaction owns it until it ends
// (see lib/db/adapters.ts), so a write on the global client inside a transaction waits and the
// transaction times out; a SELECT on the global client goes to the read connection and does
// not see the transaction's own changes; on PostgreSQL either would run outside the transaction.
//
// Migrations are not applied here: call migrateDatabase() from lib/db/migrate.ts at start
// (server scripts only; it loads the wasm schema engine).
import { randomInt, randomUUID } from "node:crypto";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client";
import { Prisma, PrismaClient as SqlitePrismaClient } from "../generated/prisma-sqlite/client";
import { createPgAdapterFactory, InkanSqliteAdapterFactory, MAX_BIND_VALUES, type PgPoolTuning } from "./db/adapters";
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
  return new SqlitePrismaClient({ ...common, adapter: new InkanSqliteAdapterFactory(url, { readConnection: true }) });
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

/**
 * True for a unique-constraint violation, e.g. a duplicate (caId, serial): Prisma's P2002 from
 * model queries, or P2010 from a raw statement (insertRows) whose driver error is one.
 */
export function isUniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: unknown } } | undefined)?.cause;
  return error.code === "P2010" && cause?.kind === "UniqueConstraintViolation";
}

/** True when a record required by the operation was not found (Prisma P2025), e.g. update of a missing id. */
export function isNotFound(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

/** Prisma `Bytes` fields take Uint8Array<ArrayBuffer>; Node Buffers may sit on a shared pool, so copy. */
export function toBytes(buf: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buf);
}

/** A value a plain INSERT binds: what the model's columns hold. */
export type RowValue = string | number | Date | Uint8Array | null;

let rowIdCounter = randomInt(36 ** 4);

/**
 * A new primary key in the shape of Prisma's `cuid()` default: "c", the time, a counter and
 * randomness, 25 lowercase characters. For rows written by insertRows, which bypasses
 * Prisma's defaults. (The randomness is 12 hex digits of a UUID: Node hands those out from a
 * pre-filled entropy cache, far cheaper than a randomBytes call per id.)
 */
export function newRowId(): string {
  rowIdCounter = (rowIdCounter + 1) % 36 ** 4;
  const random = randomUUID().slice(-12);
  return `c${Date.now().toString(36).padStart(8, "0")}${rowIdCounter.toString(36).padStart(4, "0")}${random}`;
}

/**
 * Inserts rows into one table with one INSERT (per 32,766 bound values) through the client's
 * raw query path.
 * For the hot write path only (issuance, the audit chain): `createMany` sends every value
 * through Prisma's query compiler and back (Bytes as base64), ~0.3 ms per certificate row of
 * main-thread time, more than SQLite spends storing it (docs/BENCHMARKS.md, suite 6). So the
 * caller supplies what Prisma would fill in: `id` (newRowId) and default values such as
 * `createdAt`. Every row must have the same columns (null, never undefined, for an empty one).
 */
export async function insertRows(tx: Tx, table: Prisma.ModelName, rows: readonly Record<string, RowValue>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  if (rows.some((row) => Object.keys(row).length !== columns.length || columns.some((c) => row[c] === undefined))) {
    throw new Error(`insertRows(${table}): every row must have the same columns: ${columns.join(", ")}`);
  }
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `);
  const perStatement = Math.floor(MAX_BIND_VALUES / columns.length);
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = rows.slice(start, start + perStatement).map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c]))})`);
    await tx.$executeRaw`${head}${Prisma.join(values)}`;
  }
}

/** One caller's result in a grouped write: its value, or the error that refuses it alone. */
export type GroupOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface GroupWaiter<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit. SQLite has one writer, and every transaction pays a fixed price (Prisma's
 * interactive-transaction set-up, BEGIN/COMMIT, a WAL sync) whatever it writes. Callers that
 * arrive while a transaction is being written wait and are written together in the next
 * one, so under load that price is paid once per batch instead of once per caller, and a
 * lone caller is written at once, as before.
 *
 * `write(tx, items)` returns one outcome per item, in order: an item it refuses (e.g. its
 * account was disabled meanwhile) fails alone. If the transaction itself fails, nothing of
 * the batch was written, and each item is retried in a transaction of its own, so one bad
 * item cannot fail the others; its own error then reaches its caller.
 */
export class GroupCommit<T, R> {
  readonly #write: (tx: Tx, items: T[]) => Promise<GroupOutcome<R>[]>;
  readonly #maxBatch: number;
  readonly #maxWaitMs: number;
  #queue: GroupWaiter<T, R>[] = [];
  #writing = false;
  #coming = 0;
  #arrived: (() => void) | null = null;

  /**
   * `maxWaitMs`: how long a batch may wait for items announced with `expect()` (e.g.
   * certificates being signed right now) before it is written without them.
   */
  constructor(write: (tx: Tx, items: T[]) => Promise<GroupOutcome<R>[]>, options: { maxBatch?: number; maxWaitMs?: number } = {}) {
    this.#write = write;
    this.#maxBatch = options.maxBatch ?? 64;
    this.#maxWaitMs = options.maxWaitMs ?? 5;
  }

  /**
   * Announces an item that will be submitted soon (or never: call the returned function
   * either way, once). While items are announced, a batch waits up to `maxWaitMs` for them,
   * as PostgreSQL's commit_delay does: a lone caller is not delayed, concurrent ones share
   * a transaction instead of each paying for their own.
   */
  expect(): () => void {
    this.#coming++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#coming--;
      this.#wake();
    };
  }

  /** Resolves once `item` is committed (with the others of its batch). */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#wake();
      if (!this.#writing) void this.#drain();
    });
  }

  #wake(): void {
    this.#arrived?.();
    this.#arrived = null;
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#queue.length > 0) {
        // better-sqlite3 is synchronous: a transaction, its commit and WAL sync included, runs
        // without yielding to the event loop, so callers whose signatures completed meanwhile
        // are still waiting in libuv's queue. One turn of the loop lets them join this batch.
        await new Promise((resolve) => setImmediate(resolve));
        const deadline = performance.now() + this.#maxWaitMs;
        while (this.#coming > 0 && this.#queue.length < this.#maxBatch && performance.now() < deadline) {
          const arrived = new Promise<void>((resolve) => (this.#arrived = resolve));
          const timer = setTimeout(() => this.#wake(), Math.max(0, deadline - performance.now()));
          await arrived;
          clearTimeout(timer);
        }
        await this.#commit(this.#queue.splice(0, this.#maxBatch));
      }
    } finally {
      this.#writing = false;
    }
  }

  async #commit(batch: GroupWaiter<T, R>[]): Promise<void> {
    let outcomes: GroupOutcome<R>[];
    try {
      outcomes = await getDb().$transaction(async (tx) => {
        const result = await this.#write(tx, batch.map((w) => w.item));
        if (result.length !== batch.length) throw new Error(`GroupCommit: write returned ${result.length} outcomes for ${batch.length} items`);
        return result;
      });
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else for (const waiter of batch) await this.#commit([waiter]);
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i].resolve(o.value) : batch[i].reject(o.error)));
  }
}

interface BatchedRead<K, V> {
  key: K;
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * The read side of group commit: reads asked for in the same turn of the event loop are done
 * together, as `load(keys)` with the distinct keys (e.g. one `WHERE name IN (...)` instead of
 * one query per caller). Nothing is cached: every batch reads afresh. A lone caller is read at
 * once, one turn later. If `load` fails, every caller of that batch gets its error.
 */
export class ReadBatch<K, V> {
  readonly #load: (keys: K[]) => Promise<Map<K, V>>;
  #pending: BatchedRead<K, V>[] = [];

  constructor(load: (keys: K[]) => Promise<Map<K, V>>) {
    this.#load = load;
  }

  /** Resolves with the value read for `key`, or undefined when there is none. */
  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (this.#pending.push({ key, resolve, reject }) === 1) setImmediate(() => void this.#run());
    });
  }

  async #run(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    try {
      const values = await this.#load([...new Set(batch.map((r) => r.key))]);
      for (const r of batch) r.resolve(values.get(r.key));
    } catch (error) {
      for (const r of batch) r.reject(error);
    }
  }
}

/**
 * A case-insensitive "contains" filter on both providers: SQLite's LIKE already ignores ASCII
 * case, PostgreSQL's needs Prisma's `mode: "insensitive"` (ILIKE), which the SQLite client's
 * types do not know.
 */
export function containsText(value: string): Prisma.StringFilter {
  return (dbProvider() === "postgresql" ? { contains: value, mode: "insensitive" } : { contains: value }) as Prisma.StringFilter;
}

/**
 * The most rows a free-text term may narrow a search to through a trigram index (SQLite FTS5,
 * PostgreSQL pg_trgm): lib/ca/text-search.ts, lib/audit/text-search.ts. A term matching more
 * is common: the plain scan in list order then fills a page after a few hundred rows (at most
 * ~1,000,000 × 50 / 5,000 = 10,000 when matches are spread evenly), while fetching and
 * sorting more candidates would cost more than that.
 */
export const MAX_TEXT_CANDIDATES = 5_000;

/**
 * Whether a term can be looked up in the trigram indexes: at least 3 characters (a trigram),
 * and none of `%`, `_`, `\`, which Prisma's `contains` hands to LIKE unescaped (wildcards on
 * both providers; PostgreSQL's escape character), so that the LIKE it runs is not a plain
 * substring match. Other terms keep the plain scan, which gives the same rows.
 */
export function isIndexableTerm(term: string): boolean {
  return [...term].length >= 3 && !/[%_\\]/.test(term);
}

/** FTS5 phrase syntax: the term in double quotes, its own double quotes doubled. */
export function ftsPhrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * Rows strictly after a keyset position in (field, tie) order, for a `where` clause. The plain
 * bound on `field` lets the index range start at the position; the OR alone would make SQLite
 * and PostgreSQL read the index from its start.
 */
export function keysetAfter<W>(field: string, tie: string, position: { value: Date | string; tie: string | number }, dir: "asc" | "desc"): W {
  const bound = dir === "asc" ? "gte" : "lte";
  const beyond = dir === "asc" ? "gt" : "lt";
  return { AND: [{ [field]: { [bound]: position.value } }, { OR: [{ [field]: { [beyond]: position.value } }, { [tie]: { [beyond]: position.tie } }] }] } as W;
}
