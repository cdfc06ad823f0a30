// The operations CLI (scripts/inkan.ts) as a child process against a SQLite file, the way
// cron and scripts run it: init → account → issue → revoke → CRL → audit, then bad input.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCsr, useServiceEnvironment, verifyWithOpenssl, writeTemp } from "../helpers/services";
import { createDb, type Db } from "../../lib/db";
import { parseCrl, toPem, fromPem, PEM_LABEL } from "../../lib/pki";

const env = useServiceEnvironment();
const ROOT = path.resolve(import.meta.dirname, "../..");

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI's environment: only what it reads, so nothing leaks in from the test process. */
function cliEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    INKAN_DATA_DIR: env.dataDir,
    INKAN_MASTER_KEY: env.masterKey,
    DATABASE_URL: `file:${path.join(env.dataDir, "inkan.db")}`,
    INKAN_CA_KEY_ALGORITHM: "RSA-2048",
    INKAN_PUBLIC_URL: "http://inkan.example.test",
    INKAN_SCHEDULER: "off",
  } as unknown as NodeJS.ProcessEnv; // Next's ProcessEnv type demands NODE_ENV, which a cron job does not set
}

/** `node --import tsx scripts/inkan.ts <args>`; resolves with the exit code and output. */
function cli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/inkan.ts", ...args],
      { cwd: ROOT, timeout: 60_000, env: cliEnv() },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** The bad-input runs, started together: none of them reads what another writes. */
async function badInputRuns(): Promise<Record<string, CliResult>> {
  const runs = {
    unknownCommand: cli("frobnicate"),
    missingFile: cli("issue", "--account", "x", "--csr", path.join(env.scratch, "does-not-exist.csr")),
    unknownSerial: cli("revoke", "--serial", "deadbeef", "--reason", "keyCompromise"),
    unknownOption: cli("issue", "--account", "x", "--cssr", "file.csr"),
  };
  const settled = await Promise.all(Object.values(runs));
  return Object.fromEntries(Object.keys(runs).map((k, i) => [k, settled[i]]));
}

function json(r: CliResult): Record<string, unknown> {
  expect(r.code, `exit ${r.code}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe("inkan CLI on a SQLite file", () => {
  let db: Db;
  let caFile: string;
  let serial: string;
  let leafDer: Buffer;
  const crlNumbers: number[] = [];

  async function crlFile(): Promise<{ file: string; number: number; der: Buffer }> {
    const crl = await db.crl.findFirstOrThrow({ orderBy: { number: "desc" } });
    const der = Buffer.from(crl.der);
    return { file: writeTemp(env.scratch, `cli-crl-${crl.number}.pem`, toPem(PEM_LABEL.X509_CRL, der)), number: crl.number, der };
  }

  beforeAll(() => {
    db = createDb(`file:${path.join(env.dataDir, "inkan.db")}`);
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  it("init creates the default CA once (migrating the new file) and uses INKAN_MASTER_KEY, not a key file", async () => {
    expect(json(await cli("init", "--json"))).toMatchObject({ createdCa: true });
    const ca = await db.certificateAuthority.findUniqueOrThrow({ where: { slug: "ia1" } });
    expect(ca.keyAlgorithm).toBe("RSA-2048");
    caFile = writeTemp(env.scratch, "cli-ca.pem", toPem(PEM_LABEL.CERTIFICATE, Buffer.from(ca.certificateDer)));
    crlNumbers.push((await crlFile()).number);
    expect(existsSync(path.join(env.dataDir, "master.key"))).toBe(false);
  });

  it("account create --json creates a server account with its host name", async () => {
    const out = json(await cli("account", "create", "--kind", "server", "--name", "x", "--hostname", "x.example.test", "--json"));
    expect(out).toMatchObject({ kind: "server", name: "x", hostnames: ["x.example.test"] });
  });

  it("issue --csr --json prints the serial and a PEM certificate that openssl verify accepts", async () => {
    const csr = makeCsr("p256", { dns: ["x.example.test"] });
    const out = json(await cli("issue", "--account", "x", "--csr", csr.file, "--json"));
    expect(out).toMatchObject({ ca: "ia1", account: "x", status: "ISSUED", source: "CSR", sans: ["DNS:x.example.test"], serial: expect.stringMatching(/^[0-9a-f]{32}$/) });
    serial = out.serial as string;
    leafDer = fromPem(out.certificate as string, [PEM_LABEL.CERTIFICATE]).der;
    const verdict = verifyWithOpenssl(env.scratch, caFile, leafDer, "sslserver");
    expect(verdict.code, verdict.output).toBe(0);
  });

  it("revoke --reason keyCompromise --json revokes and republishes a CRL that makes openssl verify -crl_check fail", async () => {
    const out = json(await cli("revoke", "--serial", serial.toUpperCase().replace(/(..)(?!$)/g, "$1:"), "--reason", "keyCompromise", "--json"));
    expect(out).toMatchObject({ serial, status: "REVOKED", revocationReason: "keyCompromise" });
    const crl = await crlFile();
    expect(crl.number).toBeGreaterThan(crlNumbers.at(-1)!);
    crlNumbers.push(crl.number);
    expect([...parseCrl(crl.der).entries()]).toEqual([expect.objectContaining({ serialHex: serial, reason: "keyCompromise" })]);
    const verdict = verifyWithOpenssl(env.scratch, caFile, leafDer, "sslserver", crl.file);
    expect(verdict.code).not.toBe(0);
    expect(verdict.output).toMatch(/certificate revoked/);
  });

  it("crl publish --json publishes the next CRL number", async () => {
    const out = json(await cli("crl", "publish", "--json"));
    expect(out).toMatchObject({ ca: "ia1", number: crlNumbers.at(-1)! + 1, entries: 1 });
    expect((await crlFile()).number).toBe(out.number);
  });

  it("audit verify exits 0 on the untouched log and 1, naming the event, once an event is edited; each run is an audit.verify event", async () => {
    const lastEvent = () => db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    const events = await db.auditEvent.count();
    const ok = await cli("audit", "verify");
    expect(ok).toMatchObject({ code: 0, stdout: `audit chain OK (${events} events)\n` });
    const okEvent = await lastEvent();
    expect(okEvent).toMatchObject({ seq: events + 1, action: "audit.verify", actor: "system:cli", outcome: "SUCCESS" });
    expect(JSON.parse(okEvent.details)).toEqual({ events, headSeq: events });

    const victim = await db.auditEvent.findFirstOrThrow({ where: { action: "certificate.revoke" } });
    await db.auditEvent.update({ where: { id: victim.id }, data: { details: victim.details.replace("keyCompromise", "superseded") } });
    try {
      const broken = await cli("audit", "verify", "--json");
      expect(broken.code).toBe(1);
      expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBrokenSeq: victim.seq, reason: "content does not match its hash" });
      const brokenEvent = await lastEvent();
      expect(brokenEvent).toMatchObject({ seq: events + 2, action: "audit.verify", actor: "system:cli", outcome: "FAILURE" });
      expect(JSON.parse(brokenEvent.details)).toMatchObject({ firstBrokenSeq: victim.seq, reason: "content does not match its hash" });
    } finally {
      await db.auditEvent.update({ where: { id: victim.id }, data: { details: victim.details } });
    }
  });

  describe("bad input", () => {
    let results: Record<string, CliResult>;
    beforeAll(async () => {
      results = await badInputRuns();
    }, 120_000);

    it("an unknown command exits 2 with the usage", () => {
      expect(results.unknownCommand.code).toBe(2);
      expect(results.unknownCommand.stderr).toMatch(/error: Unknown command "frobnicate"\.\s+Usage: npm run inkan -- <command>/);
    });

    it("a missing CSR file exits 2 naming the file", () => {
      expect(results.missingFile.code).toBe(2);
      expect(results.missingFile.stderr).toBe(`error: Cannot read the CSR file ${path.join(env.scratch, "does-not-exist.csr")}.\n`);
    });

    it("an unknown serial exits 1 saying no such certificate", () => {
      expect(results.unknownSerial.code).toBe(1);
      expect(results.unknownSerial.stderr).toBe("error: No certificate with serial deadbeef.\n");
    });

    it("an unknown option exits 2 naming the option, without a stack trace", () => {
      // KNOWN BUG (reported): scripts/inkan.ts lets parseArgs' TypeError
      // (ERR_PARSE_ARGS_UNKNOWN_OPTION) reach the generic handler: exit 1, a stack trace and
      // "An unexpected error occurred". Fails until parse errors become VALIDATION (exit 2).
      expect(results.unknownOption.stderr).toMatch(/--cssr/);
      expect(results.unknownOption.stderr).not.toMatch(/\n\s+at /);
      expect(results.unknownOption.code).toBe(2);
    });

    it("none of them changed the database", async () => {
      expect(await db.certificate.count()).toBe(1);
      expect(await db.account.count()).toBe(1);
    });
  });
});
