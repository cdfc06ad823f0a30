// Shared pieces of the TLS end-to-end tests: Debian's web servers started on loopback, curl
// as the client, and two small Node servers (Inkan's distribution point, an echo application).
import { execFile, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { distributionFile } from "../../lib/ca";

/** The binary, installed from Debian's package when missing (.ci/run installs it up front). */
export function ensureDebianPackage(binary: string, pkg: string): string {
  if (existsSync(binary)) return binary;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let r = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", pkg], { env, encoding: "utf8" });
  if (r.status !== 0) {
    spawnSync("apt-get", ["update", "-qq"], { env });
    r = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", pkg], { env, encoding: "utf8" });
  }
  if (!existsSync(binary)) throw new Error(`${binary} is missing and "apt-get install ${pkg}" failed:\n${r.stderr ?? r.error}`);
  return binary;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(handler: http.RequestListener): Promise<RunningServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Inkan's public distribution point (/crl/<ia>.pem, /crl/<ia>_crl.pem) served by the real service. */
export function startDistributionPoint(extra: Record<string, () => Buffer> = {}): Promise<RunningServer> {
  return startHttpServer(async (req, res) => {
    const url = req.url ?? "/";
    if (extra[url]) {
      res.writeHead(200, { "content-type": "text/plain" }).end(extra[url]());
      return;
    }
    const file = url.startsWith("/crl/") ? await distributionFile(url.slice(5)) : null;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": file.contentType }).end(file.body);
  });
}

/** The application behind the web server: answers with the request headers it received. */
export function startEchoApplication(): Promise<RunningServer> {
  return startHttpServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ headers: req.headers }));
  });
}

export interface CurlResult {
  /** HTTP status, or 0 when no response arrived (handshake refused, connection closed). */
  status: number;
  body: string;
  /** curl's exit code and message, for assertion messages. */
  exit: number;
  stderr: string;
}

/**
 * Runs a command without blocking the event loop (the distribution point and the application
 * answer from this very process); never rejects on a non-zero exit.
 */
export function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: "utf8", timeout: 30_000 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== "number") reject(err);
      else resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

/** One HTTPS GET with curl, checking the server certificate against `caFile`. */
export async function curl(url: string, options: { caFile: string; resolve: string; cert?: string; key?: string }): Promise<CurlResult> {
  const args = ["-sS", "--max-time", "10", "--cacert", options.caFile, "--resolve", options.resolve, "-w", "\n%{http_code}"];
  if (options.cert) args.push("--cert", options.cert);
  if (options.key) args.push("--key", options.key);
  const r = await run("curl", [...args, url]);
  const cut = r.stdout.lastIndexOf("\n");
  return { status: Number(r.stdout.slice(cut + 1)) || 0, body: r.stdout.slice(0, cut), exit: r.code, stderr: r.stderr };
}

/** Polls `probe` until it returns a value that `done` accepts, or the deadline passes (then returns the last value). */
export async function waitFor<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

/** True once something accepts TCP connections on the port. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

/** Stops a foreground server started with spawn: SIGTERM, then SIGKILL after 5 s. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

export function readText(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}
