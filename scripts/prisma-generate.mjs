#!/usr/bin/env node
// Generates both Prisma clients from the one model (runs as `npm postinstall`).
//
//   prisma/schema.prisma (SQLite)          -> generated/prisma-sqlite
//   derived PostgreSQL schema (see below)  -> generated/prisma-pg
//
// The PostgreSQL schema is derived programmatically by prisma/derive-schema.mjs
// (provider swap + output path) and written to generated/schema.postgresql.prisma,
// which is not committed. Works offline: the `prisma-client` generator is
// WebAssembly-based, and PRISMA_SCHEMA_ENGINE_BINARY points at an existing
// executable so the CLI does not try to download its native schema engine.
//
// Idempotent and fast: a fingerprint of the inputs is kept in generated/.fingerprint
// and nothing runs when it matches. `--force` regenerates regardless.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CLIENT_OUTPUT, SCHEMA_PATH, deriveSchema } from "../prisma/derive-schema.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const generatedDir = path.join(root, "generated");
const pgSchemaPath = path.join(generatedDir, "schema.postgresql.prisma");
const fingerprintPath = path.join(generatedDir, ".fingerprint");
const force = process.argv.includes("--force");
const quiet = process.argv.includes("--quiet");

const require = createRequire(import.meta.url);
const prismaPkgPath = require.resolve("prisma/package.json");
const prismaPkg = JSON.parse(readFileSync(prismaPkgPath, "utf8"));
const prismaCli = path.join(path.dirname(prismaPkgPath), prismaPkg.bin.prisma);

const sqliteSource = readFileSync(SCHEMA_PATH, "utf8");
const pgSource = deriveSchema(sqliteSource, "postgresql", { outputRelativeTo: generatedDir, repoRoot: root });

const fingerprint = createHash("sha256")
  .update(`prisma@${prismaPkg.version}\0`)
  .update(sqliteSource)
  .update("\0")
  .update(pgSource)
  .update("\0")
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(readFileSync(fileURLToPath(new URL("../prisma/derive-schema.mjs", import.meta.url))))
  .digest("hex");

const outputsExist = Object.values(CLIENT_OUTPUT).every((dir) => existsSync(path.join(root, dir, "client.ts")));
if (!force && outputsExist && existsSync(fingerprintPath) && readFileSync(fingerprintPath, "utf8").trim() === fingerprint) {
  if (!quiet) console.log("prisma-generate: clients up to date (generated/prisma-sqlite, generated/prisma-pg)");
  process.exit(0);
}

mkdirSync(generatedDir, { recursive: true });
writeFileSync(pgSchemaPath, pgSource);

const env = {
  ...process.env,
  // Any executable will do: `prisma generate` only checks that the engine exists.
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PRISMA_DISABLE_WARNINGS: "1",
  NO_UPDATE_NOTIFIER: "1",
};

function generate(schemaPath) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, "generate", "--schema", schemaPath], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma generate --schema ${path.relative(root, schemaPath)} failed (exit ${code}):\n${output}`));
    });
  });
}

const started = Date.now();
try {
  await Promise.all([generate(SCHEMA_PATH), generate(pgSchemaPath)]);
} catch (error) {
  console.error(`prisma-generate: ${error.message}`);
  process.exit(1);
}
writeFileSync(fingerprintPath, `${fingerprint}\n`);
if (!quiet) {
  console.log(
    `prisma-generate: generated ${CLIENT_OUTPUT.sqlite} and ${CLIENT_OUTPUT.postgresql} with prisma ${prismaPkg.version} in ${Date.now() - started} ms`,
  );
}
