/** Shared inputs: a scratch directory, CAs made with the PKI core, CSRs made with OpenSSL, `openssl speed`. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import crypto, { type KeyObject } from "node:crypto";
import path from "node:path";
import {
  buildCertificate,
  buildSelfSignedCa,
  generateKeyPair,
  localSigner,
  newSerial,
  spkiOf,
  subjectKeyIdentifier,
  toPem,
  type CertificateProfile,
  type DistinguishedName,
  type IssuanceContext,
  type KeyAlgorithm,
  type Signer,
} from "../../lib/pki";
import { OPENSSL, runOutput } from "./spawn";

export interface BenchOptions {
  suites: string[];
  crlSizes: number[];
  quick: boolean;
  /** Duration of each rate loop. */
  seconds: number;
  jsonPath: string;
  markdownPath?: string;
  keep: boolean;
}

export interface BenchContext {
  opts: BenchOptions;
  /** Scratch directory, removed at the end unless --keep. */
  workDir: string;
  /** Process start cost samples etc. may be stored per suite; this caches `openssl speed`. */
  speed(): OpensslSpeed;
  log(msg: string): void;
}

export interface OpensslSpeed {
  seconds: number;
  rsa2048: { signPerSec: number; verifyPerSec: number };
  ecdsap256: { signPerSec: number; verifyPerSec: number };
  raw: string;
}

/** Runs `openssl speed -seconds S rsa2048 ecdsap256` once and parses sign/s and verify/s. */
export function runOpensslSpeed(seconds: number): OpensslSpeed {
  const raw = runOutput([OPENSSL, "speed", "-seconds", String(seconds), "rsa2048", "ecdsap256"]);
  const rsa = /^rsa\s+2048 bits\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)\s*$/m.exec(raw);
  const ec = /^\s*256 bits ecdsa \(nistp256\)\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)\s*$/m.exec(raw);
  if (!rsa || !ec) throw new Error(`Could not read \`openssl speed\` output:\n${raw}`);
  return {
    seconds,
    rsa2048: { signPerSec: Number(rsa[1]), verifyPerSec: Number(rsa[2]) },
    ecdsap256: { signPerSec: Number(ec[1]), verifyPerSec: Number(ec[2]) },
    raw: raw.trim(),
  };
}

/** A CA made with the PKI core: key, signer, self-signed certificate and what issuance needs. */
export interface TestCa {
  algorithm: KeyAlgorithm;
  subject: DistinguishedName;
  privateKey: KeyObject;
  signer: Signer;
  certificate: Buffer;
  keyIdentifier: Buffer;
}

export async function makeCa(algorithm: KeyAlgorithm, cn = `Bench CA ${algorithm}`): Promise<TestCa> {
  const { privateKey } = await generateKeyPair(algorithm);
  const signer = localSigner(privateKey);
  const subject: DistinguishedName = [
    { type: "O", value: "Inkan Bench" },
    { type: "CN", value: cn },
  ];
  const now = Date.now();
  const certificate = await buildSelfSignedCa({
    subject,
    signer,
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(now + 3650 * 86_400_000),
    serial: newSerial(),
    pathLength: 0,
  });
  return { algorithm, subject, privateKey, signer, certificate, keyIdentifier: subjectKeyIdentifier(signer.publicKeySpki) };
}

/** A server certificate profile as lib/ca's policy makes one (CN + SAN, serverAuth, CRL DP). */
export function serverProfile(subjectSpki: Buffer, rsa: boolean): CertificateProfile {
  const now = Date.now();
  return {
    subject: [{ type: "CN", value: "www.bench.example.test" }],
    subjectPublicKeySpki: subjectSpki,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 365 * 86_400_000),
    ca: null,
    keyUsage: rsa ? ["digitalSignature", "keyEncipherment"] : ["digitalSignature"],
    extendedKeyUsage: ["serverAuth"],
    subjectAltNames: { dns: ["www.bench.example.test", "bench.example.test"] },
    crlDistributionPoints: ["http://pki.bench.example.test/crl/ia1.crl"],
  };
}

export function issuanceContext(ca: TestCa): IssuanceContext {
  return { issuer: { name: ca.subject, keyIdentifier: ca.keyIdentifier }, signer: ca.signer, serial: newSerial() };
}

/** A leaf key and a certificate for it from `ca`. */
export async function makeLeaf(ca: TestCa, algorithm: KeyAlgorithm): Promise<{ privateKey: KeyObject; certificate: Buffer }> {
  const { privateKey } = await generateKeyPair(algorithm);
  const certificate = await buildCertificate(serverProfile(spkiOf(privateKey), algorithm.startsWith("RSA")), issuanceContext(ca));
  return { privateKey, certificate };
}

/** Writes a key (PKCS#8 PEM) and a certificate (PEM) where OpenSSL can read them. */
export function writeKeyAndCert(dir: string, name: string, key: KeyObject, certDer: Buffer): { keyFile: string; certFile: string } {
  mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.pem`);
  writeFileSync(keyFile, key.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  writeFileSync(certFile, toPem("CERTIFICATE", certDer));
  return { keyFile, certFile };
}

/** A PKCS#10 request made by `openssl req` (RSA-2048 or P-256 key, CN and a DNS SAN), as PEM text. */
export function opensslCsr(dir: string, algorithm: "RSA-2048" | "ECDSA-P256"): { file: string; pem: string } {
  mkdirSync(dir, { recursive: true });
  const stem = path.join(dir, `csr-${algorithm}`);
  const newkey = algorithm === "RSA-2048" ? ["-newkey", "rsa:2048"] : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];
  runOutput([
    OPENSSL, "req", "-new", ...newkey, "-nodes", "-keyout", `${stem}.key`, "-out", `${stem}.csr`,
    "-subj", "/O=Inkan Bench/CN=bench.example.test", "-addext", "subjectAltName=DNS:bench.example.test,DNS:www.bench.example.test",
  ]);
  const file = `${stem}.csr`;
  return { file, pem: readFileSync(file, "utf8") };
}

/** PKCS#8 DER of a key, for WebCrypto importKey. */
export function pkcs8Der(key: KeyObject): Buffer {
  return key.export({ type: "pkcs8", format: "der" });
}

export const randomHex = (bytes: number) => crypto.randomBytes(bytes).toString("hex");
