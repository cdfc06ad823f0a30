// Pure helpers over DATABASE_URL. No env access here (lib/db.ts owns that).
import path from "node:path";
import { fileURLToPath } from "node:url";

export type DbProvider = "sqlite" | "postgresql";

/** Embedded default: a SQLite file under ./data (relative to the working directory). */
export const DEFAULT_DATABASE_URL = "file:./data/inkan.db";

/** "postgresql" for postgres:// and postgresql:// URLs, "sqlite" for everything else (file:..., a path). */
export function providerOf(url: string | undefined | null): DbProvider {
  return url && /^postgres(ql)?:\/\//i.test(url.trim()) ? "postgresql" : "sqlite";
}

/**
 * Absolute file path of a SQLite URL: `file:./data/inkan.db`, `file:/abs/x.db`,
 * `file:///abs/x.db` or a bare path. Relative paths resolve against `cwd`
 * (default process.cwd()). A `?query` suffix is ignored. `:memory:` is kept as is.
 */
export function sqlitePathOf(url: string, cwd: string = process.cwd()): string {
  let p = url.trim();
  if (p === ":memory:" || p === "file::memory:") return ":memory:";
  if (p.startsWith("file://")) {
    return fileURLToPath(p.replace(/\?.*$/, ""));
  }
  if (p.startsWith("file:")) p = p.slice("file:".length);
  p = p.replace(/\?.*$/, "");
  if (!p) throw new Error(`invalid SQLite DATABASE_URL: ${JSON.stringify(url)}`);
  return path.resolve(cwd, p);
}

/** Discrete pg connection fields of a postgres:// URL, plus the optional `?schema=` parameter. */
export interface PgConnectionFields {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  schema?: string;
}

export function pgFieldsOf(url: string): PgConnectionFields {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? undefined;
  // A socket directory may be given as ?host=/path (libpq style).
  const host = u.searchParams.get("host") ?? (decodeURIComponent(u.hostname) || "localhost");
  return {
    host,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || "postgres",
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
    schema,
  };
}

/** Rebuilds a postgres URL with another database name (used for admin connections and test databases). */
export function pgUrlWithDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Redacts the password of a URL for logs. */
export function redactUrl(url: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url; // file:./x.db, paths
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}
