// Derives the per-provider Prisma schema from the one model in prisma/schema.prisma.
//
// prisma/schema.prisma is the SQLite schema and the single source of truth. The
// PostgreSQL schema differs only in the datasource provider, the generator
// output path and the lines marked `//@postgresql` (PostgreSQL-only indexes), so it
// is produced here, programmatically, and never committed.
// Used by scripts/prisma-generate.mjs (client generation), lib/db/schema-engine.ts
// (migrations at start) and scripts/db-diff.ts (new migrations).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of prisma/schema.prisma. */
export const SCHEMA_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), "schema.prisma");

/** Prisma datasource providers Inkan supports, in the spelling Prisma uses. */
export const PROVIDERS = /** @type {const} */ (["sqlite", "postgresql"]);

/** Where each provider's client is generated, relative to the repository root. */
export const CLIENT_OUTPUT = { sqlite: "generated/prisma-sqlite", postgresql: "generated/prisma-pg" };

/** Returns the body span [start, end) of the single `<kind> <name> { ... }` block. */
function findBlock(source, kind) {
  const re = new RegExp(`^\\s*${kind}\\s+(\\w+)\\s*\\{`, "gm");
  const matches = [...source.matchAll(re)];
  if (matches.length !== 1) {
    throw new Error(`prisma schema: expected exactly one ${kind} block, found ${matches.length}`);
  }
  const start = matches[0].index + matches[0][0].length;
  const end = source.indexOf("}", start);
  if (end < 0) throw new Error(`prisma schema: unterminated ${kind} block`);
  return [start, end];
}

function replaceInBlock(source, kind, key, value) {
  const [start, end] = findBlock(source, kind);
  const body = source.slice(start, end);
  const re = new RegExp(`^(\\s*${key}\\s*=\\s*)"[^"]*"`, "m");
  if (!re.test(body)) throw new Error(`prisma schema: ${kind} block has no ${key} = "..."`);
  return source.slice(0, start) + body.replace(re, `$1"${value}"`) + source.slice(end);
}

/**
 * The schema text for `provider`. `outputRelativeTo`, when given, is the directory the
 * derived schema file will live in: the generator output is rewritten to point from
 * there to CLIENT_OUTPUT[provider] (Prisma resolves `output` relative to the schema file).
 *
 * @param {string} source contents of prisma/schema.prisma
 * @param {"sqlite"|"postgresql"} provider
 * @param {{ outputRelativeTo?: string, repoRoot?: string }} [options]
 */
export function deriveSchema(source, provider, options = {}) {
  if (!PROVIDERS.includes(provider)) throw new Error(`unsupported provider ${provider}`);
  let out = replaceInBlock(source, "datasource", "provider", provider);
  if (options.outputRelativeTo) {
    const repoRoot = options.repoRoot ?? path.dirname(path.dirname(SCHEMA_PATH));
    const target = path.join(repoRoot, CLIENT_OUTPUT[provider]);
    let rel = path.relative(options.outputRelativeTo, target).split(path.sep).join("/");
    if (!rel.startsWith(".")) rel = `./${rel}`;
    out = replaceInBlock(out, "generator", "output", rel);
  }
  if (provider === "postgresql") {
    // `//@postgresql <line>`: a line only PostgreSQL's schema has (e.g. a GIN trigram index,
    // which SQLite's Prisma schema cannot state); SQLite keeps it as a comment.
    out = out.replace(/^(\s*)\/\/@postgresql /gm, "$1");
  }
  if (provider !== "sqlite") {
    out = `// GENERATED from prisma/schema.prisma by prisma/derive-schema.mjs. Do not edit.\n${out}`;
  }
  return out;
}

/** Reads prisma/schema.prisma and derives the schema for `provider`. */
export function loadSchema(provider, options = {}) {
  return deriveSchema(readFileSync(SCHEMA_PATH, "utf8"), provider, options);
}
