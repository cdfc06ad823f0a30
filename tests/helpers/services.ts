// Shared fixtures for the service integration tests (tests/services, tests/cli).
//
//   const env = useServiceEnvironment();            // temp data dir + INKAN_MASTER_KEY for this file
//   describe.each(PROVIDERS)("issuance on %s", (provider) => {
//     const t = withTestDatabase(provider);
//     beforeAll(() => createTestAuthority());        // ia1 with an RSA-2048 key
//     ...
//   });
//
// Keys and CSRs are made once per test process with OpenSSL and reused; the CA key is
// RSA-2048 so that a CA costs one fast key generation.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { resetConfigForTests } from "../../lib/config";
import { forgetMasterKey } from "../../lib/secrets";
import { InkanError, type ErrorCode } from "../../lib/errors";
import type { Actor } from "../../lib/audit";
import type { Db } from "../../lib/db";
import { createAuthority, DEFAULT_CA_SLUG, findAuthorityCertificate } from "../../lib/ca";
import { toPem, PEM_LABEL } from "../../lib/pki";

export const OPENSSL = "/usr/bin/openssl";

/** The administrator every service test acts as (services take the actor as an argument). */
export const TEST_ACTOR: Actor = { kind: "admin", id: "test-admin", label: "tester@example.test", role: "ADMIN", ip: "192.0.2.10", userAgent: "vitest" };

// ---------------------------------------------------------------------------------------
// Environment: a temp data directory and a master key, installed for one test file.
// ---------------------------------------------------------------------------------------

export interface ServiceEnvironment {
  /** The temp data directory (INKAN_DATA_DIR). */
  readonly dataDir: string;
  /** 64 hex digits (INKAN_MASTER_KEY). */
  readonly masterKey: string;
  /** A scratch directory for files handed to OpenSSL. */
  readonly scratch: string;
}

const BASE_ENV = {
  INKAN_CA_KEY_ALGORITHM: "RSA-2048",
  INKAN_CA_SUBJECT: "CN=Inkan Test CA ia1,O=Inkan Tests",
  INKAN_PUBLIC_URL: "http://inkan.example.test",
  INKAN_CRL_VALIDITY_HOURS: "168",
  INKAN_SCHEDULER: "off",
};

/** Cleared for the file (so no admin, bootstrap token or DATABASE_URL leaks in), then restored. */
const MANAGED = ["INKAN_DATA_DIR", "INKAN_MASTER_KEY", "DATABASE_URL", "INKAN_ADMIN_EMAIL", "INKAN_ADMIN_PASSWORD", "INKAN_BOOTSTRAP_API_TOKEN", ...Object.keys(BASE_ENV)];

function applyEnv(vars: Record<string, string | undefined>): Record<string, string | undefined> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
  forgetMasterKey();
  return saved;
}

/**
 * Registers beforeAll/afterAll for the current file or describe block: a fresh data
 * directory, a random INKAN_MASTER_KEY and an RSA-2048 default CA key, with the config
 * and master key caches reset on the way in and out.
 */
export function useServiceEnvironment(extra: Record<string, string> = {}): ServiceEnvironment {
  let state: ServiceEnvironment | undefined;
  let saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    const root = mkdtempSync(path.join(os.tmpdir(), "inkan-svc-"));
    const dataDir = path.join(root, "data");
    const scratch = path.join(root, "scratch");
    mkdirSync(dataDir, { mode: 0o700 });
    mkdirSync(scratch);
    state = { dataDir, scratch, masterKey: randomBytes(32).toString("hex") };
    saved = applyEnv({
      // No admin or bootstrap token unless a test asks for one.
      ...Object.fromEntries(MANAGED.map((k) => [k, undefined])),
      ...BASE_ENV,
      INKAN_DATA_DIR: dataDir,
      INKAN_MASTER_KEY: state.masterKey,
      ...extra,
    });
  });
  afterAll(() => {
    applyEnv(saved);
    if (state) rmSync(path.dirname(state.dataDir), { recursive: true, force: true });
    state = undefined;
    removeFixtures();
  });
  const ready = () => {
    if (!state) throw new Error("useServiceEnvironment: available from beforeAll on");
    return state;
  };
  return {
    get dataDir() { return ready().dataDir; },
    get masterKey() { return ready().masterKey; },
    get scratch() { return ready().scratch; },
  };
}

/** Runs `fn` with some variables changed (undefined removes one), then restores them. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = applyEnv(vars);
  try {
    return await fn();
  } finally {
    applyEnv(saved);
  }
}

// ---------------------------------------------------------------------------------------
// CA
// ---------------------------------------------------------------------------------------

/** Creates the default CA ia1 (RSA-2048) in the current test database. */
export async function createTestAuthority(options: { slug?: string; now?: Date; crlValidityHours?: number } = {}) {
  return createAuthority(
    {
      slug: options.slug ?? DEFAULT_CA_SLUG,
      subject: `CN=Inkan Test CA ${options.slug ?? DEFAULT_CA_SLUG},O=Inkan Tests`,
      keyAlgorithm: "RSA-2048",
      validityDays: 3650,
      crlValidityHours: options.crlValidityHours ?? 168,
    },
    TEST_ACTOR,
    options.now,
  );
}

/** The CA certificate as a PEM file in `dir` (for -CAfile). */
export async function writeCaFile(dir: string, slug = DEFAULT_CA_SLUG): Promise<string> {
  const der = await findAuthorityCertificate(slug);
  if (!der) throw new Error(`no CA ${slug}`);
  return writeTemp(dir, `${slug}-${sha256(der).slice(0, 12)}.pem`, toPem(PEM_LABEL.CERTIFICATE, der));
}

// ---------------------------------------------------------------------------------------
// OpenSSL
// ---------------------------------------------------------------------------------------

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for messages. */
  output: string;
}

/** Runs /usr/bin/openssl synchronously; never throws on a non-zero exit. */
export function openssl(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(OPENSSL, args, { input: options.input, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  const stdout = r.stdout.toString("utf8");
  const stderr = r.stderr.toString("utf8");
  return { code: r.status ?? -1, stdout, stderr, output: stdout + stderr };
}

/** openssl that must succeed; returns stdout. */
export function opensslOk(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): string {
  const r = openssl(args, options);
  if (r.code !== 0) throw new Error(`openssl ${args.join(" ")} failed (${r.code}):\n${r.output}`);
  return r.stdout;
}

/** openssl that must succeed; returns stdout as bytes (DER output). */
export function opensslBytes(args: string[]): Buffer {
  const r = spawnSync(OPENSSL, args, { maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed (${r.status}):\n${r.stderr.toString("utf8")}`);
  return r.stdout;
}

export function writeTemp(dir: string, name: string, data: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** `openssl verify -x509_strict -purpose <purpose>` of a DER certificate against the CA file. */
export function verifyWithOpenssl(dir: string, caFile: string, certDer: Buffer, purpose: "sslclient" | "sslserver", crlFile?: string): RunResult {
  const leaf = writeTemp(dir, `leaf-${sha256(certDer).slice(0, 12)}.pem`, toPem(PEM_LABEL.CERTIFICATE, certDer));
  const args = ["verify", "-x509_strict", "-purpose", purpose, "-CAfile", caFile];
  if (crlFile) args.push("-crl_check", "-CRLfile", crlFile);
  return openssl([...args, leaf]);
}

// ---------------------------------------------------------------------------------------
// Keys and CSRs, made once per test process with OpenSSL
// ---------------------------------------------------------------------------------------

export type TestKey = "rsa2048" | "rsa1024" | "p256" | "p521" | "secp256k1";

const KEYGEN: Record<TestKey, string[]> = {
  rsa2048: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
  rsa1024: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
  p256: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
  p521: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
  secp256k1: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1"],
};

// Removed by useServiceEnvironment's afterAll (vitest may end a worker without 'exit' handlers).
let fixtureDir: string | undefined;
const keyFiles = new Map<TestKey, string>();

function fixtures(): string {
  fixtureDir ??= mkdtempSync(path.join(os.tmpdir(), "inkan-keys-"));
  return fixtureDir;
}

function removeFixtures(): void {
  if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
  fixtureDir = undefined;
  keyFiles.clear();
  csrCache.clear();
}

/** Path of a PEM private key of this type (generated once per process). */
export function testKeyFile(key: TestKey): string {
  let file = keyFiles.get(key);
  if (!file) {
    file = path.join(fixtures(), `${key}.key`);
    opensslOk(["genpkey", ...KEYGEN[key], "-out", file]);
    keyFiles.set(key, file);
  }
  return file;
}

export interface TestCsr {
  pem: string;
  der: Buffer;
  file: string;
  keyFile: string;
  /** DER SubjectPublicKeyInfo of the key (what the certificate must carry). */
  spki: Buffer;
}

export interface CsrOptions {
  subject?: string;
  /** subjectAltName DNS names requested. */
  dns?: string[];
  /** Adds basicConstraints=critical,CA:TRUE. */
  ca?: boolean;
}

const csrCache = new Map<string, TestCsr>();

/** An OpenSSL-made CSR for a reusable key (cached by its options). */
export function makeCsr(key: TestKey, options: CsrOptions = {}): TestCsr {
  const cacheKey = JSON.stringify([key, options]);
  const cached = csrCache.get(cacheKey);
  if (cached) return cached;
  const keyFile = testKeyFile(key);
  const file = path.join(fixtures(), `csr-${sha256(cacheKey).slice(0, 16)}.pem`);
  const args = ["req", "-new", "-key", keyFile, "-subj", options.subject ?? "/CN=requested-by-csr", "-sha256", "-out", file];
  if (options.dns?.length) args.push("-addext", `subjectAltName=${options.dns.map((d) => `DNS:${d}`).join(",")}`);
  if (options.ca) args.push("-addext", "basicConstraints=critical,CA:TRUE");
  opensslOk(args);
  const csr: TestCsr = {
    pem: opensslOk(["req", "-in", file]),
    der: opensslBytes(["req", "-in", file, "-outform", "DER"]),
    file,
    keyFile,
    spki: opensslBytes(["pkey", "-in", keyFile, "-pubout", "-outform", "DER"]),
  };
  csrCache.set(cacheKey, csr);
  return csr;
}

// ---------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------

/** Awaits `work` and asserts it failed with an InkanError of `code` whose message matches. */
export async function expectInkanError(work: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<InkanError> {
  let caught: unknown;
  try {
    await work;
  } catch (err) {
    caught = err;
  }
  expect(caught, "expected the call to fail").toBeDefined();
  expect(caught, `expected an InkanError, got ${String(caught)}`).toBeInstanceOf(InkanError);
  const err = caught as InkanError;
  expect({ code: err.code, message: err.message }).toEqual({ code, message: expect.stringMatching(message) });
  return err;
}

/** Row counts of the tables a service writes, for "nothing was written" checks. */
export async function rowCounts(db: Db) {
  const [accounts, certificates, auditEvents, crls, admins, apiTokens, authorities] = await Promise.all([
    db.account.count(),
    db.certificate.count(),
    db.auditEvent.count(),
    db.crl.count(),
    db.admin.count(),
    db.apiToken.count(),
    db.certificateAuthority.count(),
  ]);
  return { accounts, certificates, auditEvents, crls, admins, apiTokens, authorities };
}

/** Parsed `details` of the audit events with this action (and target id), oldest first. */
export async function auditEvents(db: Db, action: string, targetId?: string) {
  const rows = await db.auditEvent.findMany({ where: { action, ...(targetId ? { targetId } : {}) }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}
