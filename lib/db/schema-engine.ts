// The Prisma schema engine as WebAssembly (@prisma/schema-engine-wasm), driven through
// driver adapters: migrations without the CLI's downloadable native engine.
// Server-side scripts only (migrate at start, db-diff); never import from app/ code.
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadSchema } from "../../prisma/derive-schema.mjs";
import { InkanPgMigrationAdapterFactory, InkanSqliteAdapterFactory } from "./adapters";
import { providerOf, type DbProvider } from "./url";

type EngineModule = typeof import("@prisma/schema-engine-wasm");

/** prisma/migrations, next to prisma/schema.prisma. */
export const MIGRATIONS_ROOT = fileURLToPath(new URL("../../prisma/migrations/", import.meta.url));

export function migrationsDirOf(provider: DbProvider, root: string = MIGRATIONS_ROOT): string {
  return path.join(root, provider);
}

const globalForEngine = globalThis as unknown as { __inkanSchemaEngineWasm?: Promise<EngineModule> };

/**
 * Instantiates the wasm module once per process. Its package exports only the JS glue
 * (the .wasm is not in the exports map): resolve the bg entry and load the .wasm beside it.
 */
export function loadSchemaEngineWasm(): Promise<EngineModule> {
  globalForEngine.__inkanSchemaEngineWasm ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import(pathToFileURL(bgPath).href)) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    // The engine arms timers (e.g. connection timeouts) it never clears: unref them so a
    // finished migration does not keep the process alive for their duration.
    const imports: WebAssembly.ModuleImports = { ...(bg as unknown as WebAssembly.ModuleImports) };
    for (const name of Object.keys(imports).filter((n) => n.startsWith("__wbg_setTimeout_"))) {
      imports[name] = (callback: () => void, ms: number) => {
        const timer = setTimeout(callback, ms >>> 0);
        timer.unref();
        return timer;
      };
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return globalForEngine.__inkanSchemaEngineWasm;
}

/** The migration-aware adapter factory for a database URL. */
export function migrationAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  return providerOf(url) === "postgresql" ? new InkanPgMigrationAdapterFactory(url) : new InkanSqliteAdapterFactory(url);
}

/**
 * Tracks every adapter the engine opens so they can all be disposed: the engine does not
 * dispose them itself, and a pg pool left open keeps the process alive.
 */
function trackingFactory(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: Array<() => Promise<void>> = [];
  // The engine disposes some adapters itself (e.g. the shadow database): make dispose idempotent.
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const dispose = adapter.dispose.bind(adapter);
    let disposing: Promise<void> | undefined;
    adapter.dispose = () => (disposing ??= dispose());
    opened.push(() => adapter.dispose());
    return adapter;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
  const disposeAll = async () => {
    const errors: unknown[] = [];
    for (const dispose of opened.splice(0).reverse()) {
      await dispose().catch((error) => errors.push(error));
    }
    if (errors.length) throw errors[0];
  };
  return { tracked, disposeAll };
}

export interface EngineSession {
  engine: SchemaEngine;
  provider: DbProvider;
  /** The datamodel the engine was opened with (derived for the provider). */
  schema: { path: string; content: string };
  close(): Promise<void>;
}

export type EngineLog = (message: string) => void;

/**
 * Opens the schema engine on `url` with the model from prisma/schema.prisma (derived for
 * the URL's provider). Always `close()` it (frees the wasm instance, disposes connections).
 */
export async function openSchemaEngine(url: string, options: { log?: EngineLog } = {}): Promise<EngineSession> {
  const provider = providerOf(url);
  const wasm = await loadSchemaEngineWasm();
  const schema = {
    path: provider === "sqlite" ? "schema.prisma" : "schema.postgresql.prisma",
    content: loadSchema(provider),
  };
  const { tracked, disposeAll } = trackingFactory(migrationAdapterFactory(url));
  const log = options.log ?? (() => {});
  let engine: SchemaEngine;
  try {
    engine = await wasm.SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      (message: string) => log(message),
      bindMigrationAwareSqlAdapterFactory(tracked),
    );
  } catch (error) {
    await disposeAll();
    throw error;
  }
  let closed = false;
  return {
    engine,
    provider,
    schema,
    async close() {
      if (closed) return;
      closed = true;
      try {
        engine.free();
      } finally {
        await disposeAll();
      }
    },
  };
}

export const LOCKFILE_NAME = "migration_lock.toml";

export function lockfileContent(provider: DbProvider): string {
  return (
    "# Please do not edit this file manually\n" +
    "# It should be added in your version-control system (e.g., Git)\n" +
    `provider = "${provider}"\n`
  );
}

/** Reads a migrations folder (`<dir>/<timestamp>_<name>/migration.sql`) in the engine's format. */
export function readMigrationList(dir: string): MigrationList {
  const lockPath = path.join(dir, LOCKFILE_NAME);
  const entries = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: {
      path: LOCKFILE_NAME,
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: entries.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} not found` },
        },
      };
    }),
  };
}

/**
 * Tables the migrations create outside the Prisma model, which the engine must neither drop nor
 * report as drift: on SQLite the FTS5 trigram indexes of certificates (lib/ca/text-search.ts)
 * and audit events (lib/audit/text-search.ts), and the shadow tables FTS5 keeps for them.
 * (PostgreSQL's trigram indexes are ordinary indexes the engine does not report; it wants
 * schema-qualified names here.)
 */
export function schemaFilters(provider: DbProvider): { externalTables: string[]; externalEnums: string[] } {
  const sqlite = ["CertificateText", "AuditText"].flatMap((table) => ["", "_config", "_content", "_data", "_docsize", "_idx"].map((suffix) => `${table}${suffix}`));
  return { externalTables: provider === "sqlite" ? sqlite : [], externalEnums: [] };
}
