/**
 * Timing of external commands (OpenSSL). Short commands are timed by bash's `time` keyword,
 * which reads the child's real, user and system time with millisecond resolution and leaves
 * bash's own start-up out; long ones by GNU time, which also reports the peak RSS.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const OPENSSL = process.env.BENCH_OPENSSL ?? "openssl";

export interface SpawnSample {
  /** Wall-clock milliseconds from exec to exit. */
  wallMs: number;
  /** User + system CPU milliseconds of the command. */
  cpuMs: number;
}

export interface SpawnOptions {
  cwd?: string;
  /** Bytes for the command's standard input. */
  input?: Buffer | string;
}

const MARK = "BENCHTIME";

function fail(argv: string[], status: number | null, stderr: string): never {
  throw new Error(`\`${argv.join(" ")}\` failed (exit ${status}): ${stderr.trim().split("\n").slice(-5).join(" | ")}`);
}

/** Runs argv once (stdout discarded) and returns its real and CPU time. Throws on a non-zero exit. */
export function timeCommand(argv: string[], opts: SpawnOptions = {}): SpawnSample {
  const script = `TIMEFORMAT="${MARK} %3R %3U %3S"; time "$@" >/dev/null`;
  const r = spawnSync("bash", ["-c", script, "bench", ...argv], {
    cwd: opts.cwd,
    input: opts.input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (r.stderr ?? "").trimEnd().split("\n");
  const last = lines[lines.length - 1] ?? "";
  if (r.status !== 0 || !last.startsWith(MARK)) fail(argv, r.status, r.stderr ?? String(r.error));
  const [, real, user, sys] = last.split(" ").map(Number);
  return { wallMs: real * 1000, cpuMs: (user + sys) * 1000 };
}

export interface LongSample extends SpawnSample {
  /** Peak resident set size in KiB (GNU time %M). */
  maxRssKiB: number;
}

/** Runs a long command under GNU time (wall from node, CPU and peak RSS from time(1)). */
export function timeLongCommand(argv: string[], opts: SpawnOptions & { stdoutFile?: string } = {}): LongSample {
  const out = path.join(os.tmpdir(), `bench-time-${process.pid}-${Date.now()}.txt`);
  const gnuTime = "/usr/bin/time";
  if (!existsSync(gnuTime)) throw new Error("GNU time (/usr/bin/time) is needed to measure OpenSSL's peak memory; install the `time` package.");
  const t0 = performance.now();
  const r = spawnSync(gnuTime, ["-f", "%U %S %M", "-o", out, ...argv], {
    cwd: opts.cwd,
    input: opts.input,
    stdio: ["pipe", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) fail(argv, r.status, r.stderr ?? String(r.error));
  const [user, sys, rss] = readFileSync(out, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
  rmSync(out, { force: true });
  return { wallMs, cpuMs: (user + sys) * 1000, maxRssKiB: rss };
}

/** Runs a command and returns its standard output (for `openssl speed`, `openssl version`). */
export function runOutput(argv: string[], opts: SpawnOptions = {}): string {
  const r = spawnSync(argv[0], argv.slice(1), { cwd: opts.cwd, input: opts.input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) fail(argv, r.status, r.stderr ?? String(r.error));
  return r.stdout;
}

/**
 * The cost of starting OpenSSL at all: `openssl version` timed like every other command.
 * Subtracted from per-command figures to give the "net" cost of the work itself.
 */
export function measureSpawnCost(samples: number): SpawnSample[] {
  const out: SpawnSample[] = [];
  for (let i = 0; i < samples; i++) out.push(timeCommand([OPENSSL, "version"]));
  return out;
}
