// `npm run inkan -- deploy` as a child process (the way cron or EventBridge-driven jobs run it)
// against a SQLite file and the local AWS. Each CLI start loads tsx and the SDKs: generous timeouts.
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useServiceEnvironment } from "../helpers/services";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { createDb, setDbForTesting, type Db } from "../../lib/db";
import { getTarget } from "../../lib/deploy";
import { BUCKET, makeTarget } from "./helpers";

const env = useServiceEnvironment();
const ROOT = path.resolve(import.meta.dirname, "../..");

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/inkan.ts", ...args], {
      cwd: ROOT, timeout: 240_000,
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, INKAN_DATA_DIR: env.dataDir, INKAN_MASTER_KEY: env.masterKey,
        DATABASE_URL: `file:${path.join(env.dataDir, "inkan.db")}`, INKAN_CA_KEY_ALGORITHM: "RSA-2048", INKAN_SCHEDULER: "off",
      } as unknown as NodeJS.ProcessEnv,
    }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

describe("the deploy CLI", () => {
  let aws: LocalAws;
  let db: Db;
  let restore: () => void;

  beforeAll(async () => {
    aws = await startLocalAws({ buckets: [BUCKET] });
    expect((await cli("init")).code).toBe(0);
    const url = `file:${path.join(env.dataDir, "inkan.db")}`;
    db = createDb(url);
    restore = setDbForTesting(db, url);
  }, 300_000);
  afterAll(async () => {
    restore?.();
    await db?.$disconnect();
    await aws?.stop();
  });

  it("dry-runs, deploys, and after a revocation the --due pass refreshes the trust store", async () => {
    const target = await makeTarget(aws);
    const dry = await cli("deploy", "--target", target.name, "--dry-run", "--json");
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).plan).toMatchObject({ trustStoreExists: false, bundleChanged: true, revocationIdsToAdd: 1 });
    expect(aws.elbv2.trustStores()).toEqual([]);

    const first = await cli("deploy", "--target", target.name);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`deployed ${target.name}: added \\d+, removed nothing`));

    const issued = await cli("account", "create", "--kind", "server", "--name", "cli1", "--hostname", "cli1.example.test");
    expect(issued.code, issued.stderr).toBe(0);
    const { issueWithServerKey, revokeCertificate } = await import("../../lib/ca");
    const { TEST_ACTOR } = await import("../helpers/services");
    const cert = await issueWithServerKey({ account: "cli1", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
    await revokeCertificate({ serial: cert.serial, reason: "keyCompromise" }, TEST_ACTOR);

    const due = await cli("deploy", "--due", "--json");
    expect(due.code, due.stderr).toBe(0);
    const [run] = JSON.parse(due.stdout).runs;
    expect(run).toMatchObject({ targetName: target.name, trigger: "REVOCATION", actor: "cli", status: "SUCCEEDED" });
    const store = aws.elbv2.trustStore((await getTarget(target.name)).trustStoreArn!)!;
    expect(store.revocations[0].serials).toContain(cert.serial.toUpperCase().replace(/^0+/, ""));
    expect((await cli("deploy", "--due")).stdout).toMatch(/no target needed a refresh/);
  }, 900_000);

  it("names a missing or unknown target", async () => {
    const missing = await cli("deploy");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing --target/);
    const unknown = await cli("deploy", "--target", "nope");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No deploy target named "nope"/);
  }, 600_000);
});
