// `npm start`: migrate, bootstrap (default CA, first administrator), then serve with Next.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { getConfig } from "@/lib/config";
import { closeDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { bootstrap } from "@/lib/setup";

const config = getConfig();
process.env.DATABASE_URL = config.databaseUrl;

const migration = await migrateDatabase(config.databaseUrl);
console.log(`[inkan] database ready (${migration.applied.length} migration(s) applied now)`);
const report = await bootstrap();
if (report.createdCa) console.log(`[inkan] created the default CA ia1 (${config.caKeyAlgorithm}): ${config.publicUrl}/crl/ia1.pem`);
if (report.createdAdmin) console.log(`[inkan] created the first administrator ${config.adminEmail}`);
if (report.setupToken) {
  console.log("\n[inkan] No administrator exists yet. Open the setup page and enter this one-time token:");
  console.log(`[inkan]   ${config.publicUrl}/setup`);
  console.log(`[inkan]   setup token: ${report.setupToken}\n`);
}
await closeDb();

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const child = spawn(process.execPath, [nextBin, "start", "-p", String(config.port)], {
  stdio: "inherit",
  env: { ...process.env, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? config.publicUrl, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
