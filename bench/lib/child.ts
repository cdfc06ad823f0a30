/**
 * Child processes for measurements that need their own process: peak RSS per run (CRL) and
 * an environment that must be set before lib modules load (service layer).
 * The child prints one line `BENCH_RESULT <json>` on stdout; its stderr is passed through.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const RESULT = "BENCH_RESULT ";
export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function runChild<T>(script: string, args: unknown, opts: { env?: NodeJS.ProcessEnv; nodeFlags?: string[] } = {}): Promise<T> {
  const file = path.join(BENCH_DIR, "children", script);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), "--import", "tsx", file, JSON.stringify(args)], {
      env: opts.env ?? process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT));
      if (code !== 0 || !line) {
        reject(new Error(`bench/children/${script} exited with ${code}${out ? `: ${out.slice(-2000)}` : ""}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT.length)) as T);
    });
  });
}

/** Called by a child script: prints the result line. */
export function sendResult(value: unknown): void {
  process.stdout.write(`${RESULT}${JSON.stringify(value)}\n`);
}

/** Called by a child script: its JSON argument. */
export function childArgs<T>(): T {
  return JSON.parse(process.argv[2] ?? "{}") as T;
}
