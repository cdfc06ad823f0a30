/**
 * Shared fixtures for the oracle tests: independent tools (OpenSSL, GnuTLS certtool) judge
 * what lib/pki produces. Dates are fixed; OpenSSL checks at AT_TIME through -attime.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KeyObject } from "node:crypto";
import {
  buildCertificate,
  buildSelfSignedCa,
  generateKeyPair,
  localSigner,
  newSerial,
  parseCertificate,
  spkiOf,
  toPem,
  type CertificateProfile,
  type KeyAlgorithm,
  type Signer,
} from "@/lib/pki";

export const OPENSSL = "/usr/bin/openssl";
export const NOT_BEFORE = new Date("2025-01-01T00:00:00Z");
/** Long enough that certtool (which checks against the real clock) accepts the artefacts. */
export const NOT_AFTER = new Date("2045-01-01T00:00:00Z");
export const AT_TIME = Math.floor(Date.UTC(2026, 0, 1) / 1000);
export const CRL_URL = "http://pki.example.com/crl/ia1_crl.der";

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions that do not care which stream. */
  out: string;
}

/** Runs a tool without a shell; `input` is passed on stdin. */
export function run(cmd: string, args: string[], input?: string | Buffer): RunResult {
  const r = spawnSync(cmd, args, { input, encoding: "utf8", timeout: 30_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out: r.stdout + r.stderr };
}

/** A fresh temporary directory; remove it with cleanup(). */
export function tempDir(): { dir: string; file: (name: string, content?: string | Buffer) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inkan-oracle-"));
  return {
    dir,
    file: (name, content) => {
      const p = path.join(dir, name);
      if (content !== undefined) fs.writeFileSync(p, content);
      return p;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Absolute path of certtool, or null when gnutls-bin is not installed. */
export function findCerttool(): string | null {
  for (const dir of (process.env.PATH ?? "/usr/bin").split(":")) {
    const p = path.join(dir, "certtool");
    if (fs.existsSync(p)) return p;
  }
  return null;
}

export interface TestCa {
  alg: KeyAlgorithm;
  signer: Signer;
  der: Buffer;
  pem: string;
  issuer: { name: Buffer; keyIdentifier: Buffer };
}

/** A self-signed root for `alg` with fixed validity. */
export async function makeCa(alg: KeyAlgorithm, cn: string): Promise<TestCa> {
  const kp = await generateKeyPair(alg);
  const signer = localSigner(kp.privateKey);
  const der = await buildSelfSignedCa({
    subject: [{ type: "C", value: "JP" }, { type: "O", value: "Inkan Oracle" }, { type: "CN", value: cn }],
    signer,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    serial: newSerial(),
  });
  const info = parseCertificate(der);
  return { alg, signer, der, pem: toPem("CERTIFICATE", der), issuer: { name: info.subjectDer, keyIdentifier: info.subjectKeyIdentifier! } };
}

export interface TestLeaf {
  key: KeyObject;
  der: Buffer;
  pem: string;
  serialHex: string;
}

/** Issues a client or server certificate for a fresh key of `alg`. */
export async function issueLeaf(ca: TestCa, kind: "client" | "server", alg: KeyAlgorithm, name: string, key?: KeyObject): Promise<TestLeaf> {
  const privateKey = key ?? (await generateKeyPair(alg)).privateKey;
  const profile: CertificateProfile = {
    subject: [{ type: "O", value: "Inkan Oracle" }, { type: "CN", value: name }],
    subjectPublicKeySpki: spkiOf(privateKey),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    ca: null,
    keyUsage: privateKey.asymmetricKeyType === "rsa" ? ["digitalSignature", "keyEncipherment"] : ["digitalSignature"],
    extendedKeyUsage: [kind === "client" ? "clientAuth" : "serverAuth"],
    subjectAltNames: kind === "client" ? { email: [`${name}@example.com`] } : { dns: [name] },
    crlDistributionPoints: [CRL_URL],
  };
  const der = await buildCertificate(profile, { issuer: ca.issuer, signer: ca.signer, serial: newSerial() });
  return { key: privateKey, der, pem: toPem("CERTIFICATE", der), serialHex: parseCertificate(der).serialHex };
}
