import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

// OpenSSL is the oracle for every artefact the app hands out: the e2e specs never trust
// the app's own parser to check what the app produced.
const OPENSSL = process.env.OPENSSL_PATH ?? "/usr/bin/openssl";

export interface OpensslResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function openssl(args: string[]): OpensslResult {
  const r = spawnSync(OPENSSL, args, { encoding: "utf8" });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Like openssl() but fails with OpenSSL's own output when the command does. */
export function opensslOk(args: string[]): string {
  const r = openssl(args);
  if (r.code !== 0) throw new Error(`openssl ${args.join(" ")} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export type CsrKey = "ec-p256" | "rsa-2048" | "rsa-1024";

/** Makes a key and a PEM CSR in `dir`; `addext` values are passed as -addext (e.g. basicConstraints=critical,CA:TRUE). */
export function makeCsr(dir: string, name: string, opts: { subject: string; key?: CsrKey; addext?: string[] }): { csrPath: string; csrPem: string } {
  const keyArgs = {
    "ec-p256": ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
    "rsa-2048": ["-newkey", "rsa:2048"],
    "rsa-1024": ["-newkey", "rsa:1024"],
  }[opts.key ?? "ec-p256"];
  const csrPath = path.join(dir, `${name}.csr`);
  opensslOk([
    "req", "-new", ...keyArgs, "-nodes", "-keyout", path.join(dir, `${name}.key`), "-subj", opts.subject,
    ...(opts.addext ?? []).flatMap((e) => ["-addext", e]), "-out", csrPath,
  ]);
  return { csrPath, csrPem: opensslOk(["req", "-in", csrPath, "-outform", "PEM"]) };
}

/**
 * Opens a PKCS#12 with its password. OpenSSL 3 only needs -legacy for RC2/RC4-era
 * algorithms; 3DES/SHA-1 usually opens without it, so -legacy is a fallback, not a default.
 */
export function readPkcs12(file: string, password: string, extra: string[]): OpensslResult {
  const args = ["pkcs12", "-in", file, "-passin", `pass:${password}`, ...extra];
  const r = openssl(args);
  return r.code === 0 || !/unsupported|legacy/i.test(r.stderr) ? r : openssl([...args, "-legacy"]);
}

/** Writes a downloaded body next to the test's other files and returns its path. */
export function saveFile(dir: string, name: string, body: Buffer | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return file;
}

/** OpenSSL prints serials as even-length upper-case hex; the app uses lower-case hex without leading zeros. */
export function normalizeSerial(hex: string): string {
  return hex.replace(/[:\s]/g, "").toLowerCase().replace(/^0+(?=.)/, "");
}

/** The revoked entries of `openssl crl -text` output: serial (normalized) → reason text, "" when none. */
export function crlEntries(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  const revoked = text.split(/Revoked Certificates:/)[1] ?? "";
  for (const block of revoked.split(/Serial Number:/).slice(1)) {
    const serial = normalizeSerial(/^\s*([0-9A-Fa-f]+)/.exec(block)?.[1] ?? "");
    const reason = /X509v3 CRL Reason Code:\s*\n\s*(.+)/.exec(block)?.[1].trim() ?? "";
    entries.set(serial, reason);
  }
  return entries;
}
