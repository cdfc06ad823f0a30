// Driver adapter factories for the Prisma client and the wasm schema engine.
//
// SQLite: @prisma/adapter-better-sqlite3 holds ONE synchronous connection per client.
// Its own transaction mutex only orders transactions among themselves: a query issued
// outside a transaction while one is open runs on the same connection, i.e. INSIDE that
// transaction (it would be committed or rolled back with it). The wrapper below
// therefore serializes everything on the connection: an open interactive transaction
// owns the connection until it commits or rolls back, other queries wait (FIFO).
// Transactions start with BEGIN IMMEDIATE so the write lock is taken up front (no
// SQLITE_BUSY_SNAPSHOT on read-then-write against another process); WAL and
// busy_timeout handle other processes (CLI scripts) using the same file. Plain SELECTs
// outside a transaction go to a second, read-only connection instead (see
// SerializedSqliteAdapter), so they need not wait for an open transaction.
//
// Consequence for app code: inside `db.$transaction(async (tx) => ...)` use `tx`, never
// the global client: on SQLite a write on the global client waits for the transaction
// and the transaction times out, and a read does not see the transaction's changes (on
// PostgreSQL both would silently run outside it).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { pgFieldsOf, sqlitePathOf, type PgConnectionFields } from "./url";

/**
 * Bound values per statement. SQLite as bundled with better-sqlite3 allows 32,766 (Prisma
 * assumes the 999 of SQLite before 3.32, see getConnectionInfo); PostgreSQL allows 65,535.
 */
export const MAX_BIND_VALUES = 32_766;

/** Milliseconds a SQLite connection waits for another process's lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

// synchronous = FULL: a commit returns only once the WAL is on disk. With NORMAL, a power
// loss or OS crash can undo the last commits, and a CA must not forget a certificate it has
// already handed out (nor its audit event). Group commit (GroupCommit in lib/db.ts) pays
// that sync once per batch of concurrent issuances.
// wal_autocheckpoint = 4000 pages (16 MiB of WAL, SQLite's default is 1000): a checkpoint
// copies each changed page once however often it changed, and issuance changes the same
// index pages again and again; checkpointing a quarter as often copied far fewer pages and
// raised issuance with 16 callers from ~880 to ~1,090 per second. See docs/BENCHMARKS.md, suite 6.
const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  "PRAGMA foreign_keys = ON",
  "PRAGMA synchronous = FULL",
  "PRAGMA wal_autocheckpoint = 4000",
].join(";\n");

/** Minimal FIFO async mutex. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = next;
    return previous.then(() => release);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

const MULTI_STATEMENT = /more than one statement/i;

/** better-sqlite3 refuses multi-statement `prepare()`: the schema engine sends scripts through executeRaw. */
async function executeRawOrScript(inner: SqlDriverAdapter, query: SqlQuery): Promise<number> {
  try {
    return await inner.executeRaw(query);
  } catch (error) {
    if (query.args.length === 0 && error instanceof Error && MULTI_STATEMENT.test(error.message)) {
      await inner.executeScript(query.sql);
      return 0;
    }
    throw error;
  }
}

// A statement that only reads (Prisma's reads are plain SELECTs; its writes are INSERT/UPDATE/
// DELETE ... RETURNING, which also come through queryRaw).
const READ_ONLY_SQL = /^\s*SELECT\b/i;

class SerializedSqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: SqlDriverAdapter;
  readonly #reader: SqlDriverAdapter | null;
  readonly #lock = new Mutex();

  /**
   * `reader`: a second, query_only connection to the same file. In WAL mode it reads the last
   * committed state while a transaction is open on `inner`, so reads outside transactions do
   * not queue behind a write transaction (which also lets group commit gather the writers
   * that arrive meanwhile). Null for :memory: databases, where a second connection would be
   * another database.
   */
  constructor(inner: SqlDriverAdapter, reader: SqlDriverAdapter | null = null) {
    this.#inner = inner;
    this.#reader = reader;
    this.adapterName = inner.adapterName;
  }

  /**
   * Prisma assumes SQLite allows 999 bound values (SQLite before 3.32) and refuses larger
   * queries, e.g. `id IN (…)` with the certificate search's up to 5,000 candidates; the
   * SQLite bundled with better-sqlite3 allows 32,766, as PostgreSQL does.
   */
  getConnectionInfo(): ConnectionInfo {
    return { maxBindValues: MAX_BIND_VALUES, supportsRelationJoins: false };
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    if (this.#reader && READ_ONLY_SQL.test(query.sql)) return this.#reader.queryRaw(query);
    return this.#lock.run(() => this.#inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#lock.run(() => executeRawOrScript(this.#inner, query));
  }

  executeScript(script: string): Promise<void> {
    return this.#lock.run(() => this.#inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
    }
    const release = await this.#lock.acquire();
    try {
      await this.#inner.executeRaw({ sql: "BEGIN IMMEDIATE", args: [], argTypes: [] });
    } catch (error) {
      release();
      throw error;
    }
    const inner = this.#inner;
    const savepoint = (sql: string) => inner.executeRaw({ sql, args: [], argTypes: [] }).then(() => undefined);
    return {
      provider: "sqlite",
      adapterName: this.adapterName,
      // Prisma sends COMMIT / ROLLBACK itself through executeRaw, then calls commit()/rollback().
      options: { usePhantomQuery: false },
      queryRaw: (query) => inner.queryRaw(query),
      executeRaw: (query) => executeRawOrScript(inner, query),
      commit: async () => release(),
      rollback: async () => release(),
      createSavepoint: (name) => savepoint(`SAVEPOINT ${name}`),
      rollbackToSavepoint: (name) => savepoint(`ROLLBACK TO ${name}`),
      releaseSavepoint: (name) => savepoint(`RELEASE SAVEPOINT ${name}`),
    };
  }

  async dispose(): Promise<void> {
    // Wait for an open transaction to finish rather than closing under it.
    await this.#lock.run(async () => {
      await this.#reader?.dispose();
      await this.#inner.dispose();
    });
  }
}

/** Statements kept prepared per SQLite connection (least recently used ones are dropped). */
export const PREPARED_STATEMENTS_KEPT = 256;

/**
 * The adapter prepares every statement it runs (`prepare(sql).bind(args)`: a statement binds
 * only once), which cost ~8% of a lone issuance and ~4% of a loaded one (docs/BENCHMARKS.md,
 * suite 6). This keeps each SQL text's statement prepared and binds the arguments at each run
 * instead. Only the adapter's own calls pass here; better-sqlite3's pragma() and transaction()
 * prepare natively. SQLite re-prepares a kept statement by itself after a schema change.
 */
function reusePreparedStatements(connection: SqlDriverAdapter): void {
  const client = (connection as unknown as { client?: BetterSqlite3.Database }).client;
  // Pinned adapter version (package.json); if its shape changes, fail at connect, not per query.
  if (!client || typeof client.prepare !== "function") throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`");
  const prepare = client.prepare.bind(client);
  const kept = new Map<string, BetterSqlite3.Statement>();
  const preparedOnce = (sql: string) => {
    let statement = kept.get(sql);
    if (statement) kept.delete(sql); // re-inserted below as the most recently used
    else {
      statement = prepare(sql);
      if (kept.size >= PREPARED_STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, statement);
    return statement;
  };
  // The part of a Statement the adapter uses (executeIO, performIO), with the arguments bound per run.
  const reusable = (sql: string) => {
    const statement = preparedOnce(sql);
    return {
      bind: (args: unknown[]) => {
        let rows: unknown[] | undefined;
        const all = () => (rows ??= statement.raw(true).all(...args));
        return {
          reader: statement.reader,
          run: () => statement.run(...args),
          // Read once it has run: SQLite notices a schema change (made on the other connection
          // or by another process) when the statement runs, and re-prepares it; before that it
          // names the old columns. The adapter asks for the names first, which mislabelled
          // `SELECT *` after a migration even before statements were kept.
          columns: () => (all(), statement.columns()),
          raw: () => ({ all }),
        };
      },
    };
  };
  (client as unknown as { prepare: typeof reusable }).prepare = reusable;
}

/** The SQLite factory: WAL, busy_timeout, foreign keys, one serialized connection. */
export class InkanSqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly file: string;
  readonly #inner: PrismaBetterSqlite3;

  readonly #readConnection: boolean;

  /**
   * `url`: `file:./data/inkan.db`, a path, or `:memory:`. Creates the parent directory.
   * `readConnection`: also open the read-only connection for SELECTs outside transactions
   * (the app's client; not the schema engine, whose scripts read their own uncommitted DDL).
   */
  constructor(url: string, options: { readConnection?: boolean } = {}) {
    this.#readConnection = options.readConnection ?? false;
    this.file = sqlitePathOf(url);
    if (this.file !== ":memory:") mkdirSync(path.dirname(this.file), { recursive: true });
    this.#inner = new PrismaBetterSqlite3({ url: this.file, timeout: SQLITE_BUSY_TIMEOUT_MS });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    let reader: SqlDriverAdapter | null = null;
    try {
      reusePreparedStatements(adapter);
      if (this.file !== ":memory:") await adapter.executeScript(SQLITE_PRAGMAS);
      if (this.file !== ":memory:" && this.#readConnection) {
        reader = await this.#inner.connect();
        reusePreparedStatements(reader);
        await reader.executeScript(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS};\nPRAGMA query_only = ON`);
      }
    } catch (error) {
      await reader?.dispose();
      await adapter.dispose();
      throw error;
    }
    return new SerializedSqliteAdapter(adapter, reader);
  }

  /** In-memory shadow database (used by `diff` from the migrations folder). */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return new SerializedSqliteAdapter(await this.#inner.connectToShadowDb());
  }
}

export interface PgPoolTuning {
  /** Pool size per process (default 10, or ?connection_limit= in the URL). */
  max?: number;
  connectionTimeoutMillis?: number;
  idleTimeoutMillis?: number;
}

function pgPoolConfig(url: string, tuning: PgPoolTuning = {}): { config: pg.PoolConfig; fields: PgConnectionFields } {
  const fields = pgFieldsOf(url);
  // Our own URL parameters are not for libpq/pg: strip them, keep everything else (sslmode, host=/socket, ...).
  const u = new URL(url);
  const limit = u.searchParams.get("connection_limit");
  u.searchParams.delete("connection_limit");
  u.searchParams.delete("schema");
  return {
    fields,
    config: {
      connectionString: u.toString(),
      max: tuning.max ?? (limit ? Number(limit) : 10),
      connectionTimeoutMillis: tuning.connectionTimeoutMillis ?? 10_000,
      idleTimeoutMillis: tuning.idleTimeoutMillis ?? 30_000,
    },
  };
}

/** The runtime PostgreSQL factory (pg pool via @prisma/adapter-pg). */
export function createPgAdapterFactory(url: string, tuning?: PgPoolTuning): PrismaPg {
  const { config, fields } = pgPoolConfig(url, tuning);
  return new PrismaPg(config, fields.schema ? { schema: fields.schema } : undefined);
}

/**
 * pg client for the schema engine: adapter-pg 7.10.0 has no column type for OID 18
 * (the internal "char" type of pg_catalog), which the engine's introspection selects.
 * Reporting it as text (OID 25) is exact: its text form is a one-character string.
 */
class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const fix = (result: unknown) => {
      const results = Array.isArray(result) ? result : [result];
      for (const r of results as Array<{ fields?: Array<{ dataTypeID: number }> }>) {
        for (const field of r?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
      }
      return result;
    };
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: unknown) => last(err, err ? res : fix(res));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const ret = (super.query as any)(...args);
    return ret && typeof ret.then === "function" ? ret.then(fix) : ret;
  }
}

/**
 * Runs a migration script as one simple-protocol query (PostgreSQL accepts several statements
 * in one, and runs them in one implicit transaction). adapter-pg's own executeScript splits
 * the script at every ";", which cuts a PL/pgSQL function body (a trigger of the
 * certificate counts) or a comment in pieces.
 */
function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

/**
 * PostgreSQL factory for the schema engine. Differs from the runtime one in two ways:
 * the "char" type fix above, and a shadow database that works: adapter-pg's own
 * connectToShadowDb keeps the connection string (which overrides the shadow database
 * name) and drops the database while its pool is still connected.
 */
export class InkanPgMigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  readonly #url: string;
  readonly #main: PrismaPg;

  constructor(url: string) {
    this.#url = url;
    const { config, fields } = pgPoolConfig(url, { max: 2 });
    this.#main = new PrismaPg({ ...config, Client: CharAsTextClient }, fields.schema ? { schema: fields.schema } : undefined);
    this.adapterName = this.#main.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return wholeScripts(await this.#main.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const { fields, config } = pgPoolConfig(this.#url, { max: 2 });
    const database = `inkan_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: config.connectionString });
    admin.on("error", () => {});
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
    const shadowPool = new pg.Pool({
      Client: CharAsTextClient,
      host: fields.host,
      port: fields.port,
      user: fields.user,
      password: fields.password,
      database,
      max: 2,
    });
    const shadow = wholeScripts(await new PrismaPg(shadowPool, { disposeExternalPool: true }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose(); // ends the shadow pool first
      const dropper = new pg.Client({ connectionString: config.connectionString });
      dropper.on("error", () => {});
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    };
    return shadow;
  }
}
