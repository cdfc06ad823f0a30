// Several app instances sharing one database each run the scheduled deploy pass at the same
// moment, as separate Node processes (tests/deploy/scheduler-instance.ts): exactly one deploy
// run per due target, and each trust store sees one rotation. The instances agree through the
// scheduler's lease row (lib/deploy/lease.ts), not a PostgreSQL advisory lock, so the same
// holds for instances sharing one SQLite file.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { normalizeSerial, startLocalAws, type LocalAws } from "../support/aws-local";
import { getDb } from "../../lib/db";
import { deployTarget, getTarget } from "../../lib/deploy";
import { BUCKET, FAST_RETRY, gapsAfterListing, makeTarget, revokeOne } from "./helpers";

const env = useServiceEnvironment();
const ROOT = path.resolve(import.meta.dirname, "../..");
const INSTANCES = 3;

interface InstanceReport {
  holder: string;
  runs: Array<{ target: string; trigger: string; status: string; error: string | null }>;
}

/** Starts one instance; resolves once it is connected and waiting for the start signal. */
async function startInstance(databaseUrl: string, holder: string, now: Date) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/deploy/scheduler-instance.ts", holder, now.toISOString()], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME,
      DATABASE_URL: databaseUrl, INKAN_DATA_DIR: env.dataDir, INKAN_MASTER_KEY: env.masterKey,
      INKAN_PUBLIC_URL: "http://inkan.example.test", INKAN_SCHEDULER: "off",
    } as unknown as NodeJS.ProcessEnv,
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: string[] = [];
  // "close", not "exit": by then every line the instance printed has been read.
  const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      if (line === "ready") resolve();
    });
    void closed.then(() => reject(new Error(`${holder} exited before it was ready:\n${stderr}`)));
  });
  const report = closed.then((code) => {
    if (code !== 0) throw new Error(`${holder} exited with ${code}:\n${stderr}`);
    return JSON.parse(lines[lines.length - 1]) as InstanceReport;
  });
  return { go: () => child.stdin.end("go\n"), report, kill: () => child.kill("SIGKILL") };
}

describe.each(PROVIDERS)("separate app instances on one %s database", (provider) => {
  const t = withTestDatabase(provider);
  let aws: LocalAws;

  beforeAll(async () => {
    aws = await startLocalAws({ buckets: [BUCKET] });
    await createTestAuthority();
  });
  afterAll(() => aws?.stop());

  it("started at the same moment, exactly one instance deploys each due target, and each trust store sees one rotation", async () => {
    const targets = [await makeTarget(aws, { keyPrefix: "inkan/a" }), await makeTarget(aws, { keyPrefix: "inkan/b" })];
    for (const target of targets) {
      const outcome = await deployTarget(target.name, TEST_ACTOR, { retry: FAST_RETRY });
      expect(outcome.kind === "run" && outcome.run.status).toBe("SUCCEEDED");
    }
    const arns = await Promise.all(targets.map(async (target) => (await getTarget(target.name)).trustStoreArn!));
    const before = Math.max(0, ...aws.elbv2.history().map((c) => c.seq));
    const serial = await revokeOne("instances");

    // Past the debounce; every instance's clock reads the same.
    const now = new Date(Date.now() + 2 * 60_000);
    const instances = await Promise.all(Array.from({ length: INSTANCES }, (_, i) => startInstance(t.url, `instance-${i}`, now)));
    let reports: InstanceReport[];
    try {
      for (const instance of instances) instance.go();
      reports = await Promise.all(instances.map((i) => i.report));
    } finally {
      for (const instance of instances) instance.kill();
    }

    const reported = reports.flatMap((r) => r.runs.map((run) => [run.target, run.trigger, run.status]));
    expect(reported.sort()).toEqual(targets.map((target) => [target.name, "REVOCATION", "SUCCEEDED"]).sort());
    // The history agrees: one scheduled run per target beside its manual one, and no refused run.
    for (const target of targets) {
      const runs = await getDb().deployRun.findMany({ where: { target: { name: target.name } }, orderBy: { startedAt: "asc" } });
      expect(runs.map((r) => [r.trigger, r.actor, r.status, r.errorCode])).toEqual([
        ["MANUAL", TEST_ACTOR.label, "SUCCEEDED", null],
        ["REVOCATION", "scheduler", "SUCCEEDED", null],
      ]);
    }
    for (const arn of arns) {
      const changes = aws.elbv2.history().filter((c) => c.trustStoreArn === arn && c.seq > before).map((c) => c.operation);
      expect(changes).toEqual(["AddTrustStoreRevocations", "RemoveTrustStoreRevocations"]);
      const store = aws.elbv2.trustStore(arn)!;
      expect(store.revocations).toHaveLength(1);
      expect(store.revocations[0].serials).toContain(normalizeSerial(serial));
      expect(gapsAfterListing(aws, arn)).toEqual([]);
    }
    // One instance held the lease and made every run; the others found it held, or nothing left to do.
    expect(reports.filter((r) => r.runs.length > 0)).toHaveLength(1);
    expect(await getDb().deployLease.count({ where: { name: "deploy-scheduler" } })).toBe(0);
  });
});
