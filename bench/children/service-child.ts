/**
 * End-to-end issuance through lib/ca on SQLite, in a process of its own: the environment
 * (data dir, database URL, master key, CA algorithm) must be set before lib modules load.
 * Measures issueFromCsr serially and with 4, 16 and 64 callers in flight, and the PKI core on the
 * same kind of CA and profile, with the same numbers in flight, in the same process.
 */
import crypto from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import os from "node:os";
import path from "node:path";
import { childArgs, sendResult } from "../lib/child";
import { measureRate, type RateResult } from "../lib/measure";

export interface ServiceChildArgs {
  csrFile: string;
  seconds: number;
  keep?: boolean;
}

export interface ServiceChildResult {
  serial: RateResult;
  concurrent4: RateResult;
  concurrent16: RateResult;
  concurrent64: RateResult;
  core: RateResult;
  core4: RateResult;
  core16: RateResult;
  core64: RateResult;
  /** Alternating slices of the PKI core (one signer) and the service with 64 callers. */
  paired: Array<{ core: RateResult; service: RateResult }>;
  /** A bare durable SQLite commit of one small row (WAL, synchronous = FULL), on the same disk. */
  durableCommit: RateResult;
  parseCsrPerOpMs: number;
  setupMs: number;
  issued: number;
  auditEvents: number;
  auditChainOk: boolean;
}

const args = childArgs<ServiceChildArgs>();
const root = mkdtempSync(path.join(os.tmpdir(), "inkan-bench-svc-"));
const dataDir = path.join(root, "data");
mkdirSync(dataDir, { mode: 0o700 });
Object.assign(process.env, {
  INKAN_DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, "inkan.db")}`,
  INKAN_MASTER_KEY: crypto.randomBytes(32).toString("hex"),
  INKAN_CA_KEY_ALGORITHM: "RSA-2048",
  INKAN_CA_SUBJECT: "CN=Inkan Bench CA ia1,O=Inkan Bench",
  INKAN_PUBLIC_URL: "http://inkan.bench.example.test",
  INKAN_SCHEDULER: "off",
});

try {
  const t0 = performance.now();
  const { migrateDatabase } = await import("../../lib/db/migrate");
  const { bootstrap } = await import("../../lib/setup");
  const { createAccount } = await import("../../lib/accounts");
  const { issueFromCsr } = await import("../../lib/ca");
  const { CLI_ACTOR, verifyAuditChain } = await import("../../lib/audit");
  const { closeDb, getDb } = await import("../../lib/db");
  const pki = await import("../../lib/pki");
  const { makeCa, serverProfile } = await import("../lib/fixtures");

  await migrateDatabase();
  await bootstrap();
  const account = "bench-server";
  await createAccount({ kind: "server", name: account, hostnames: ["bench.example.test", "www.bench.example.test"] }, CLI_ACTOR);
  const csr = readFileSync(args.csrFile, "utf8");
  const setupMs = performance.now() - t0;

  const issue = () => issueFromCsr({ account, csr }, CLI_ACTOR);
  const minMs = args.seconds * 1000;
  const serial = await measureRate(issue, { minMs, minOps: 30, warmup: 30 });
  const concurrent4 = await measureRate(issue, { minMs, minOps: 30, warmup: 8, concurrency: 4 });
  const concurrent16 = await measureRate(issue, { minMs, minOps: 60, warmup: 16, concurrency: 16 });
  const concurrent64 = await measureRate(issue, { minMs, minOps: 200, warmup: 64, concurrency: 64 });

  // The PKI core alone, same CA algorithm and same kind of profile, same process.
  const ca = await makeCa("RSA-2048");
  const parsed = pki.parseCsr(csr);
  const profile = serverProfile(parsed.subjectPublicKeySpki, true);
  const issuer = { name: ca.subject, keyIdentifier: ca.keyIdentifier };
  const coreIssue = () => pki.buildCertificate(profile, { issuer, signer: ca.signer, serial: pki.newSerial() });
  const core = await measureRate(coreIssue, { minMs, minOps: 50, warmup: 50 });
  const core4 = await measureRate(coreIssue, { minMs, minOps: 50, warmup: 10, concurrency: 4 });
  const core16 = await measureRate(coreIssue, { minMs, minOps: 50, warmup: 16, concurrency: 16 });
  const core64 = await measureRate(coreIssue, { minMs, minOps: 200, warmup: 64, concurrency: 64 });
  const parseRate = await measureRate(() => pki.parseCsr(csr), { minMs: 500, warmup: 50 });

  // The judged figure: this machine's speed drifts (other VMs), so the core and the loaded
  // service are measured in alternating slices and compared slice by slice.
  const paired: ServiceChildResult["paired"] = [];
  const sliceMs = Math.max(1000, minMs / 4);
  for (let round = 0; round < 5; round++) {
    paired.push({
      core: await measureRate(coreIssue, { minMs: sliceMs, minOps: 50, warmup: 10 }),
      service: await measureRate(issue, { minMs: sliceMs, minOps: 200, warmup: 64, concurrency: 64 }),
    });
  }

  // What one durable commit costs on this disk with nothing else to do: a ceiling for any
  // design that commits each certificate before answering its caller.
  const floor = new BetterSqlite3(path.join(dataDir, "commit-floor.db"));
  floor.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, der BLOB NOT NULL)");
  const insert = floor.prepare("INSERT INTO t (der) VALUES (?)");
  const commitOne = floor.transaction((der: Buffer) => insert.run(der));
  const der = crypto.randomBytes(1200);
  const durableCommit = await measureRate(() => commitOne(der), { minMs: 1000, minOps: 50, warmup: 20 });
  floor.close();

  const issued = await getDb().certificate.count();
  const auditEvents = await getDb().auditEvent.count();
  const chain = await verifyAuditChain();
  await closeDb();
  const result: ServiceChildResult = {
    serial,
    concurrent4,
    concurrent16,
    concurrent64,
    core,
    core4,
    core16,
    core64,
    paired,
    durableCommit,
    parseCsrPerOpMs: parseRate.msPerOp,
    setupMs,
    issued,
    auditEvents,
    auditChainOk: chain.ok,
  };
  sendResult(result);
} finally {
  if (!args.keep) rmSync(root, { recursive: true, force: true });
}
