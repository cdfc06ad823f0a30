// Applies the committed migrations (prisma/migrations/<provider>/) with the wasm schema
// engine's applyMigrations: idempotent (applied migrations are recorded in the
// _prisma_migrations table, a second run applies nothing), creates a fresh SQLite file
// (and its directory) or a missing PostgreSQL database.
//
// On PostgreSQL a session advisory lock serializes concurrent starts of several app
// instances. Server-side only (scripts/start.ts, scripts/migrate.ts, tests): do not import
// from app/ code, it loads the WebAssembly schema engine.
import type { MigrationList } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { databaseUrlFromEnv } from "../db";
import { migrationsDirOf, schemaFilters, openSchemaEngine, readMigrationList, type EngineLog } from "./schema-engine";
import { pgFieldsOf, pgUrlWithDatabase, providerOf, redactUrl, type DbProvider } from "./url";

export interface MigrateOptions {
  /** Folder with `<timestamp>_<name>/migration.sql` (default prisma/migrations/<provider>). */
  migrationsDir?: string;
  /** Receives the engine's JSON log lines (default: discarded). */
  log?: EngineLog;
}

export interface MigrateResult {
  provider: DbProvider;
  /** Names of the migrations applied by this call; empty when the database was up to date. */
  applied: string[];
  durationMs: number;
}

/** Any 64-bit key unique to Inkan's migration runner (not Prisma's own 72707369). */
const MIGRATION_LOCK_KEY = "4696947206143337";

function loadMigrations(provider: DbProvider, dir?: string): MigrationList {
  const list = readMigrationList(dir ?? migrationsDirOf(provider));
  if (list.migrationDirectories.length === 0) {
    throw new Error(`no migrations in ${list.baseDir}: run \`node --import tsx scripts/db-diff.ts init\``);
  }
  return list;
}

/** A pg client whose asynchronous 'error' events (server gone, refused login) cannot crash the process. */
function pgClient(url: string): pg.Client {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  return client;
}

/** Creates the PostgreSQL database of `url` when it does not exist (needs CREATEDB). */
async function ensurePgDatabase(url: string): Promise<void> {
  const probe = pgClient(url);
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // 3D000: invalid_catalog_name
  } finally {
    await probe.end().catch(() => {});
  }
  const { database } = pgFieldsOf(url);
  const admin = pgClient(pgUrlWithDatabase(url, "postgres"));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } catch (error) {
    // Created concurrently by another instance: 42P04 duplicate_database, or 23505 from the catalog.
    const code = (error as { code?: string }).code;
    if (code !== "42P04" && code !== "23505") throw error;
  } finally {
    await admin.end();
  }
}

async function withPgAdvisoryLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const client = pgClient(url);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
    return await fn();
  } finally {
    // Ending the session releases the lock even if the unlock fails.
    await client.query("SELECT pg_advisory_unlock($1::bigint)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/**
 * Brings the database at `url` (default DATABASE_URL, else file:./data/inkan.db) up to
 * the committed migrations of its provider.
 */
export async function migrateDatabase(url: string = databaseUrlFromEnv(), options: MigrateOptions = {}): Promise<MigrateResult> {
  const started = performance.now();
  const provider = providerOf(url);
  const migrationsList = loadMigrations(provider, options.migrationsDir);

  const apply = async () => {
    const session = await openSchemaEngine(url, { log: options.log });
    try {
      const { appliedMigrationNames } = await session.engine.applyMigrations({ migrationsList, filters: schemaFilters(provider) });
      return appliedMigrationNames;
    } finally {
      await session.close();
    }
  };

  let applied: string[];
  try {
    if (provider === "postgresql") {
      await ensurePgDatabase(url);
      applied = await withPgAdvisoryLock(url, apply);
    } else {
      applied = await apply();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`migrating ${redactUrl(url)} failed: ${message}`, { cause: error });
  }
  return { provider, applied, durationMs: Math.round(performance.now() - started) };
}

export interface MigrationStatus {
  provider: DbProvider;
  /** Committed migrations not yet applied to the database. */
  pending: string[];
  /** Applied migrations whose committed SQL changed since. */
  edited: string[];
  /** Migrations recorded as failed. */
  failed: string[];
  /** Applied migrations missing from the folder (database ahead of / diverged from the code). */
  unknown: string[];
}

/** Compares the database with the committed migrations without changing anything. */
export async function migrationStatus(url: string = databaseUrlFromEnv(), options: MigrateOptions = {}): Promise<MigrationStatus> {
  const provider = providerOf(url);
  const migrationsList = loadMigrations(provider, options.migrationsDir);
  const session = await openSchemaEngine(url, { log: options.log });
  try {
    const names = migrationsList.migrationDirectories.map((d) => d.path);
    let out;
    try {
      out = await session.engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: schemaFilters(provider),
      });
    } catch (error) {
      // A database never migrated has no _prisma_migrations table.
      if (error instanceof Error && /_prisma_migrations.*does not exist/.test(error.message)) {
        return { provider, pending: names, edited: [], failed: [], unknown: [] };
      }
      throw error;
    }
    const h = out.history;
    return {
      provider,
      pending: !out.hasMigrationsTable
        ? names
        : h?.diagnostic === "databaseIsBehind" || h?.diagnostic === "historiesDiverge"
          ? h.unappliedMigrationNames
          : [],
      edited: out.editedMigrationNames,
      failed: out.failedMigrationNames,
      unknown:
        h?.diagnostic === "migrationsDirectoryIsBehind" || h?.diagnostic === "historiesDiverge" ? h.unpersistedMigrationNames : [],
    };
  } finally {
    await session.close();
  }
}
