// The scheduled refresh's own lease (a short one, renewed while the pass runs, taken over once
// a dead instance's expires) and how the pass treats a target another run holds, on SQLite and
// PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { getDb } from "../../lib/db";
import { acquireLease, DEPLOY_SCHEDULE, deployTarget, listRuns, refreshDueTargets, releaseLease } from "../../lib/deploy";
import { targetLock } from "../../lib/deploy/deploy";
import { FAST_RETRY, BUCKET, makeTarget, revokeOne } from "./helpers";

useServiceEnvironment();

const SCHEDULER_LEASE = "deploy-scheduler";
const deploy = { retry: FAST_RETRY };

describe.each(PROVIDERS)("the scheduler's lease on %s", (provider) => {
  withTestDatabase(provider);
  let aws: LocalAws;

  beforeAll(async () => {
    aws = await startLocalAws({ buckets: [BUCKET] });
    await createTestAuthority();
  });
  afterAll(() => aws?.stop());
  // Every test counts the runs of its own targets only: none of an earlier test's is due.
  beforeEach(async () => {
    await getDb().deployTarget.deleteMany();
    await getDb().deployLease.deleteMany();
  });

  /** A target deployed once by hand, then a revocation: due for a scheduled refresh a minute on. */
  async function dueTarget() {
    const target = await makeTarget(aws);
    const first = await deployTarget(target.name, TEST_ACTOR, deploy);
    expect(first.kind === "run" && first.run.status).toBe("SUCCEEDED");
    await revokeOne(`lease${Math.random().toString(36).slice(2, 8)}`);
    return target;
  }

  it("an instance that died mid-pass holds the schedule back for one minute, not ten", async () => {
    const target = await dueTarget();
    const t0 = new Date(Date.now() + 2 * 60_000);
    // What a pass takes at its start; the process then dies and renews nothing.
    expect(await acquireLease(SCHEDULER_LEASE, "instance-crashed", DEPLOY_SCHEDULE.leaseMs, t0)).toBe(true);

    expect(await refreshDueTargets(new Date(t0.getTime() + 59_000), { holder: "instance-b", deploy })).toEqual([]);
    const runs = await refreshDueTargets(new Date(t0.getTime() + 60_000), { holder: "instance-b", deploy });
    expect(runs.map((r) => [r.targetName, r.trigger, r.status])).toEqual([[target.name, "REVOCATION", "SUCCEEDED"]]);
    // The pass released its lease when it finished.
    expect(await getDb().deployLease.findUnique({ where: { name: SCHEDULER_LEASE } })).toBeNull();
  });

  it("a pass that outlives its lease keeps it by renewing, so no other instance takes over", async () => {
    const target = await dueTarget();
    const t0 = new Date(Date.now() + 2 * 60_000);
    const schedule = { ...DEPLOY_SCHEDULE, leaseMs: 1_500 }; // renewed every second
    let takeover: boolean | undefined;
    const afterStep = async (step: string) => {
      if (takeover !== undefined || !step.startsWith("crl.")) return;
      // The run waits here until the pass's lease has been renewed past its first expiry...
      await expect.poll(async () => (await getDb().deployLease.findUnique({ where: { name: SCHEDULER_LEASE } }))?.expiresAt.getTime() ?? 0, { timeout: 10_000 })
        .toBeGreaterThan(t0.getTime() + schedule.leaseMs + 500);
      // ...so another instance arriving after that first expiry finds it held.
      takeover = await acquireLease(SCHEDULER_LEASE, "instance-b", schedule.leaseMs, new Date(t0.getTime() + schedule.leaseMs + 100));
    };
    const runs = await refreshDueTargets(t0, { holder: "instance-a", schedule, deploy: { ...deploy, afterStep } });
    expect(takeover).toBe(false);
    expect(runs.map((r) => [r.targetName, r.status])).toEqual([[target.name, "SUCCEEDED"]]);
  });

  it("a pass whose lease was taken over while it stalled stops before its next target", async () => {
    const first = await dueTarget();
    const second = await dueTarget();
    const t0 = new Date(Date.now() + 2 * 60_000);
    const afterStep = async (step: string) => {
      if (!step.startsWith("crl.")) return;
      // As if this pass stalled past its lease: another instance takes it over.
      await getDb().deployLease.update({ where: { name: SCHEDULER_LEASE }, data: { expiresAt: t0 } });
      expect(await acquireLease(SCHEDULER_LEASE, "instance-b", DEPLOY_SCHEDULE.leaseMs, new Date(t0.getTime() + 1))).toBe(true);
    };
    const runs = await refreshDueTargets(t0, { holder: "instance-a", deploy: { ...deploy, afterStep } });
    // The run under way finishes (its target lock is its own); the next target is left to instance-b.
    expect([first.name, second.name].sort()[0]).toBe(runs[0]?.targetName);
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe("SUCCEEDED");
    expect((await getDb().deployLease.findUnique({ where: { name: SCHEDULER_LEASE } }))?.holder).toBe("instance-b");
  });

  it("a refusal because another run held the target puts it in no back-off", async () => {
    const target = await dueTarget();
    // An operator's deploy holds the target while the schedule's run starts: refused and recorded.
    expect(await acquireLease(targetLock(target.id), "operator-run", 60_000)).toBe(true);
    const refused = await deployTarget(target.name, { ...TEST_ACTOR, label: "scheduler" }, { ...deploy, trigger: "REVOCATION" });
    expect(refused.kind === "run" && refused.run).toMatchObject({ status: "FAILED", errorCode: "DeployInProgress" });
    await releaseLease(targetLock(target.id), "operator-run");

    // Well inside the five-minute back-off a real failure would start: the next tick deploys.
    const runs = await refreshDueTargets(new Date(Date.now() + 2 * 60_000), { deploy });
    expect(runs.map((r) => [r.targetName, r.trigger, r.status])).toEqual([[target.name, "REVOCATION", "SUCCEEDED"]]);
  });

  it("while a run holds a target the pass leaves it alone, recording nothing, and deploys it on a later tick", async () => {
    const target = await dueTarget();
    const t0 = new Date(Date.now() + 2 * 60_000);
    expect(await acquireLease(targetLock(target.id), "operator-run", 60_000, t0)).toBe(true);
    expect(await refreshDueTargets(t0, { deploy })).toEqual([]);
    expect((await listRuns(target.name)).runs.map((r) => r.trigger)).toEqual(["MANUAL"]);

    await releaseLease(targetLock(target.id), "operator-run");
    const runs = await refreshDueTargets(new Date(t0.getTime() + 60_000), { deploy });
    expect(runs.map((r) => [r.targetName, r.trigger, r.status])).toEqual([[target.name, "REVOCATION", "SUCCEEDED"]]);
  });
});
