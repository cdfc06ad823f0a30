// Applies the committed migrations to DATABASE_URL (default file:./data/inkan.db).
//
//   node --import tsx scripts/migrate.ts            apply pending migrations (idempotent)
//   node --import tsx scripts/migrate.ts --status   list pending / edited / failed, exit 1 if not up to date
//   node --import tsx scripts/migrate.ts --url <database url>
import path from "node:path";
import { fileURLToPath } from "node:url";
import { databaseUrlFromEnv } from "../lib/db";
import { migrateDatabase, migrationStatus } from "../lib/db/migrate";
import { redactUrl } from "../lib/db/url";

async function main(argv: string[]): Promise<number> {
  const url = argv.includes("--url") ? argv[argv.indexOf("--url") + 1] : databaseUrlFromEnv();
  if (!url) throw new Error("--url needs a value");

  if (argv.includes("--status")) {
    const s = await migrationStatus(url);
    console.log(`migrate: ${s.provider} ${redactUrl(url)}`);
    console.log(`  pending: ${s.pending.join(", ") || "none"}`);
    if (s.edited.length) console.log(`  edited after being applied: ${s.edited.join(", ")}`);
    if (s.failed.length) console.log(`  failed: ${s.failed.join(", ")}`);
    if (s.unknown.length) console.log(`  applied but not in prisma/migrations: ${s.unknown.join(", ")}`);
    return s.pending.length || s.edited.length || s.failed.length || s.unknown.length ? 1 : 0;
  }

  const result = await migrateDatabase(url);
  console.log(
    result.applied.length
      ? `migrate: applied ${result.applied.join(", ")} to ${result.provider} ${redactUrl(url)} in ${result.durationMs} ms`
      : `migrate: ${result.provider} ${redactUrl(url)} is up to date (${result.durationMs} ms)`,
  );
  return 0;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  // Exit explicitly: nothing may keep the process alive after a migration.
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
