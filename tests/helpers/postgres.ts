// A throwaway PostgreSQL server for tests (and for `scripts/db-diff.ts`' shadow database).
//
// Uses Debian's server binaries (`apt-get install -y postgresql`, /usr/lib/postgresql/15/bin).
// initdb refuses to run as root, so as root every server command runs as the `postgres`
// user (su postgres -s /bin/bash -c ...) on a data directory it owns under the temp dir.
// The server listens on 127.0.0.1 only, on a random free port, with its Unix socket in
// the data directory, `trust` authentication, and durability off (fsync etc.): it is
// disposable.
//
// Use from vitest in one of two ways:
//  - globalSetup (one server for the whole run; recommended):
//      test: { globalSetup: ["tests/helpers/postgres.ts"] }
//    The default export starts the server, sets INKAN_TEST_POSTGRES_URL for the workers
//    (and `provide("postgresUrl")`), and stops it at the end of the run.
//  - nothing configured: testPostgresUrl() starts one server lazily per test process
//    and stops it when that process exits.
// INKAN_TEST_POSTGRES_URL may also point at an existing server (e.g. a CI service);
// the role needs CREATEDB.
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import type {} from "vitest";
import { migrateDatabase } from "../../lib/db/migrate";
import { pgUrlWithDatabase } from "../../lib/db/url";

const execFileAsync = promisify(execFile);

export const TEST_POSTGRES_URL_ENV = "INKAN_TEST_POSTGRES_URL";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export interface PostgresServer {
  /** postgresql://app@127.0.0.1:<port>/postgres (superuser `app`, trust auth). */
  url: string;
  port: number;
  /** Temp directory holding the cluster (`data/`), the socket and `server.log`. */
  dir: string;
  stop(): Promise<void>;
}

/** The PostgreSQL server binaries: $INKAN_PG_BIN, else /usr/lib/postgresql/<15 or newest>/bin. */
export function postgresBinDir(): string {
  const fromEnv = process.env.INKAN_PG_BIN;
  if (fromEnv) return fromEnv;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(path.join(base, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const chosen = versions.includes("15") ? "15" : versions[0];
  if (!chosen) {
    throw new Error(
      "PostgreSQL server binaries not found under /usr/lib/postgresql: run `apt-get install -y postgresql` " +
        "(or set INKAN_PG_BIN, or INKAN_TEST_POSTGRES_URL to an existing server)",
    );
  }
  return path.join(base, chosen, "bin");
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** argv for running a server binary, as the postgres user when we are root. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  if (!isRoot) return [bin, args];
  return ["su", ["postgres", "-s", "/bin/bash", "-c", [bin, ...args].map(shellQuote).join(" ")]];
}

async function run(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] = asServerUser(bin, args);
  try {
    await execFileAsync(cmd, argv, { timeout: 60_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${path.basename(bin)} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** initdb + pg_ctl start on 127.0.0.1:<random port>; about 2-3 s. */
export async function startPostgres(options: { stopOnExit?: boolean } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), "inkan-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  if (isRoot) {
    const uid = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
    const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error("no `postgres` user: apt-get install -y postgresql");
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);

  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    await run(path.join(bin, "initdb"), [
      "-D", dataDir, "-U", "app", "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C",
    ]);
  } catch (error) {
    removeDir();
    throw error;
  }

  let port = 0;
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    port = await freePort();
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
    ].join(" ");
    try {
      await run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-l", logFile, "-o", serverOptions, "-w", "-t", "30", "start"]);
      lastError = undefined;
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError) {
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
    removeDir();
    throw new Error(`${(lastError as Error).message}\n${log}`);
  }

  const pgCtlStopArgs = ["-D", dataDir, "-m", "immediate", "-w", "stop"];
  const [stopCmd, stopArgv] = asServerUser(path.join(bin, "pg_ctl"), pgCtlStopArgs);
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(stopCmd, stopArgv, { stdio: "ignore", timeout: 30_000 });
    removeDir();
  };
  // Test workers can end without running 'exit' handlers (vitest kills its forks), so a
  // detached watchdog stops the server and removes its directory once this process is gone.
  let watchdog: ChildProcess | undefined;
  if (options.stopOnExit !== false) {
    process.once("exit", stopSync);
    const script =
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
      `${[stopCmd, ...stopArgv].map(shellQuote).join(" ")} >/dev/null 2>&1; rm -rf ${shellQuote(dir)}`;
    watchdog = spawn("/bin/sh", ["-c", script], { detached: true, stdio: "ignore" });
    watchdog.unref();
  }

  return {
    url: `postgresql://app@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener("exit", stopSync);
      watchdog?.kill();
      try {
        await run(path.join(bin, "pg_ctl"), pgCtlStopArgs);
      } finally {
        removeDir();
      }
    },
  };
}

/** vitest globalSetup: one server for the run. */
export default async function setup(project?: { provide?: (key: "postgresUrl", value: string) => void }) {
  if (process.env[TEST_POSTGRES_URL_ENV]) return; // an external server was given
  const server = await startPostgres();
  process.env[TEST_POSTGRES_URL_ENV] = server.url;
  project?.provide?.("postgresUrl", server.url);
  return async () => {
    delete process.env[TEST_POSTGRES_URL_ENV];
    await server.stop();
  };
}

let lazyServer: Promise<PostgresServer> | undefined;

/** The server URL for this test process: from globalSetup / the environment, else a lazily started one. */
export async function testPostgresUrl(): Promise<string> {
  const fromEnv = process.env[TEST_POSTGRES_URL_ENV];
  if (fromEnv) return fromEnv;
  lazyServer ??= startPostgres();
  return (await lazyServer).url;
}

export interface PostgresTestDatabase {
  /** URL of the new database. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * CREATE DATABASE inkan_test_<random> on the test server and apply the committed
 * PostgreSQL migrations to it (pass `migrate: false` for an empty database).
 */
export async function createPostgresDatabase(
  options: { serverUrl?: string; migrate?: boolean } = {},
): Promise<PostgresTestDatabase> {
  const serverUrl = options.serverUrl ?? (await testPostgresUrl());
  const name = `inkan_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = pgUrlWithDatabase(serverUrl, name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  if (options.migrate !== false) {
    try {
      await migrateDatabase(url);
    } catch (error) {
      await drop();
      throw error;
    }
  }
  return { url, name, drop };
}
