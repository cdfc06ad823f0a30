// New migration for both providers from the changes in prisma/schema.prisma.
//
//   node --import tsx scripts/db-diff.ts <name>    write prisma/migrations/{sqlite,postgresql}/<ts>_<name>/migration.sql
//   node --import tsx scripts/db-diff.ts --check    exit 1 if the schema has changes no migration covers
//
// For each provider the wasm schema engine replays the committed migrations on a shadow
// database and diffs the result against the model (what `prisma migrate dev --create-only`
// does). SQLite's shadow database is in memory. PostgreSQL's needs a server: set
// DB_DIFF_POSTGRES_URL to one where the role may CREATE DATABASE, or the script starts a
// throwaway PostgreSQL 15 (tests/helpers/postgres.ts; Debian package `postgresql`).
// Options: --provider sqlite|postgresql (one only), --quiet.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  LOCKFILE_NAME,
  lockfileContent,
  migrationsDirOf,
  schemaFilters,
  openSchemaEngine,
  readMigrationList,
} from "../lib/db/schema-engine";
import type { DbProvider } from "../lib/db/url";
import { startPostgres, type PostgresServer } from "../tests/helpers/postgres";

/** SQL of the migration that brings the committed migrations to the model, or null if none is needed. */
export async function diffProvider(provider: DbProvider, shadowServerUrl?: string): Promise<string | null> {
  const url = provider === "sqlite" ? ":memory:" : shadowServerUrl;
  if (!url) throw new Error("a PostgreSQL server URL is needed for the shadow database");
  const migrations = readMigrationList(migrationsDirOf(provider));
  // The engine learns the provider of a migrations folder from its lock file.
  migrations.lockfile.content ??= lockfileContent(provider);
  const session = await openSchemaEngine(url);
  try {
    const { stdout } = await session.engine.diff({
      from: { tag: "migrations", ...migrations },
      to: { tag: "schemaDatamodel", files: [session.schema] },
      script: true,
      exitCode: null,
      filters: schemaFilters(provider),
    });
    const sql = stdout ?? "";
    const meaningful = sql
      .split("\n")
      .filter((line) => line.trim() && !line.trim().startsWith("--"))
      .join("\n");
    return meaningful ? `${sql.trimEnd()}\n` : null;
  } finally {
    await session.close();
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14); // YYYYMMDDHHMMSS, UTC
}

/** A migration folder name later than every existing one of both providers. */
function nextMigrationName(name: string, providers: DbProvider[]): string {
  let ts = timestamp();
  const existing = providers.flatMap((p) => (existsSync(migrationsDirOf(p)) ? readdirSync(migrationsDirOf(p)) : []));
  const latest = existing.map((d) => d.slice(0, 14)).filter((d) => /^\d{14}$/.test(d)).sort().at(-1);
  if (latest && ts <= latest) ts = String(BigInt(latest) + 1n);
  return `${ts}_${name}`;
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes("--check");
  const quiet = argv.includes("--quiet");
  const providerArg = argv.includes("--provider") ? argv[argv.indexOf("--provider") + 1] : undefined;
  const positional = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--provider");
  const providers: DbProvider[] =
    providerArg === "sqlite" || providerArg === "postgresql" ? [providerArg] : ["sqlite", "postgresql"];
  if (providerArg && providers.length !== 1) throw new Error(`--provider must be sqlite or postgresql, not ${providerArg}`);

  const rawName = positional[0];
  if (!check && !rawName) {
    console.error("usage: node --import tsx scripts/db-diff.ts <migration_name> | --check [--provider sqlite|postgresql]");
    return 2;
  }
  const name = (rawName ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!check && !name) throw new Error(`invalid migration name ${JSON.stringify(rawName)}`);

  let server: PostgresServer | undefined;
  let pgUrl = process.env.DB_DIFF_POSTGRES_URL;
  try {
    const diffs = new Map<DbProvider, string | null>();
    for (const provider of providers) {
      if (provider === "postgresql" && !pgUrl) {
        if (!quiet) console.log("db-diff: starting a throwaway PostgreSQL for the shadow database…");
        server = await startPostgres();
        pgUrl = server.url;
      }
      diffs.set(provider, await diffProvider(provider, pgUrl));
    }

    if (check) {
      let dirty = false;
      for (const [provider, sql] of diffs) {
        if (sql) {
          dirty = true;
          console.error(`db-diff: prisma/schema.prisma has changes without a ${provider} migration:\n${sql}`);
        } else if (!quiet) console.log(`db-diff: ${provider} migrations match the schema`);
      }
      if (dirty) console.error("db-diff: run `node --import tsx scripts/db-diff.ts <name>`");
      return dirty ? 1 : 0;
    }

    if ([...diffs.values()].every((sql) => !sql)) {
      console.log("db-diff: no schema changes; no migration written");
      return 0;
    }
    const folder = nextMigrationName(name, providers);
    for (const [provider, sql] of diffs) {
      const dir = migrationsDirOf(provider);
      if (!sql) {
        console.warn(`db-diff: WARNING ${provider} has no changes while another provider does; skipped`);
        continue;
      }
      mkdirSync(path.join(dir, folder), { recursive: true });
      writeFileSync(path.join(dir, folder, "migration.sql"), sql);
      if (!existsSync(path.join(dir, LOCKFILE_NAME))) writeFileSync(path.join(dir, LOCKFILE_NAME), lockfileContent(provider));
      console.log(`db-diff: wrote ${path.relative(process.cwd(), path.join(dir, folder, "migration.sql"))}`);
    }
    return 0;
  } finally {
    await server?.stop();
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`db-diff: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
