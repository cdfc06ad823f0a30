// The stale-CRL alert of the scheduled refresh (lib/deploy/schedule.ts): while a target's deploys
// fail, its trust store keeps an older CRL than the CA's current one; past
// DEPLOY_SCHEDULE.staleAlertMs the administrators are told, once per CRL number, by e-mail
// through a real SMTP server. The clock of the refresh is injected; AWS is the local one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { startSmtpServer, type TestSmtp } from "../alerts/support";
import { configureAlerts } from "../alerts/fixtures";
import { currentCrl, publishCrl } from "../../lib/ca";
import { getDb } from "../../lib/db";
import { DEPLOY_SCHEDULE, deployTarget, getTarget, listRuns, refreshDueTargets } from "../../lib/deploy";
import { BUCKET, FAST_RETRY, gapsAfterListing, makeTarget, revokeOne } from "./helpers";

useServiceEnvironment();

const MINUTE = 60_000;

describe.each(PROVIDERS)("stale CRL in a trust store on %s", (provider) => {
  withTestDatabase(provider);
  let aws: LocalAws;
  let smtp: TestSmtp;

  beforeAll(async () => {
    aws = await startLocalAws({ buckets: [BUCKET] });
    smtp = await startSmtpServer();
    await createTestAuthority();
    await configureAlerts(smtp, null);
  });
  afterAll(async () => {
    await aws?.stop();
    await smtp?.close();
  });

  it("a target whose deploys fail alerts once per CRL number after the threshold, and no more once the CRL is deployed", async () => {
    const target = await makeTarget(aws);
    const first = await deployTarget(target.name, TEST_ACTOR, { retry: FAST_RETRY });
    expect(first.kind === "run" && first.run.status).toBe("SUCCEEDED");
    const arn = (await getTarget(target.name)).trustStoreArn!;
    const deployedNumber = (await currentCrl("ia1"))!.number;

    // A revocation publishes a newer CRL; from now on every upload to S3 fails.
    const serial = await revokeOne("stale1");
    const second = (await currentCrl("ia1"))!;
    aws.faults.inject({ service: "s3", operation: "PutObject", kind: "http500", times: 100 });
    const tick = (at: number) => refreshDueTargets(new Date(at), { deploy: { retry: { ...FAST_RETRY, attempts: 1 }, requestTimeoutMs: 1500 } });
    const staleAlerts = () => getDb().alert.findMany({ where: { kind: "DEPLOY_STALE_CRL", target: target.name }, orderBy: { createdAt: "asc" } });
    const staleMails = () => smtp.mails.filter((m) => m.subject.includes(`A trust store holds an old CRL: ${target.name}`));
    const T1 = second.thisUpdate.getTime();
    try {
      // Failing, but not yet for long: no stale alert.
      expect((await tick(T1 + 2 * MINUTE)).map((r) => [r.trigger, r.status])).toEqual([["REVOCATION", "FAILED"]]);
      await tick(T1 + DEPLOY_SCHEDULE.staleAlertMs - MINUTE);
      expect(await staleAlerts()).toEqual([]);
      // Past the threshold: one alert, however many ticks follow.
      await tick(T1 + DEPLOY_SCHEDULE.staleAlertMs + MINUTE);
      await tick(T1 + DEPLOY_SCHEDULE.staleAlertMs + 15 * MINUTE);
      expect((await staleAlerts()).map((a) => a.message)).toEqual([expect.stringContaining(`holds CRL #${deployedNumber} of ia1; the current one is #${second.number}`)]);

      // A newer CRL, still undeployed: its own alert, once, after the threshold.
      const T2 = T1 + 46 * MINUTE;
      const third = await publishCrl("ia1", TEST_ACTOR, new Date(T2));
      await tick(T2 + 10 * MINUTE);
      expect(await staleAlerts()).toHaveLength(1);
      await tick(T2 + DEPLOY_SCHEDULE.staleAlertMs + MINUTE);
      await tick(T2 + DEPLOY_SCHEDULE.staleAlertMs + 20 * MINUTE);
      expect((await staleAlerts()).map((a) => a.message)).toEqual([
        expect.stringContaining(`the current one is #${second.number}`),
        expect.stringContaining(`holds CRL #${deployedNumber} of ia1; the current one is #${third.number}`),
      ]);
      expect(staleMails().map((m) => m.text.match(/the current one is #(\d+)/)?.[1])).toEqual([String(second.number), String(third.number)]);
      expect(staleMails().every((m) => m.envelopeTo.join() === "pki-admins@example.test")).toBe(true);

      // S3 works again: the next tick deploys the current CRL and the alerts stop.
      aws.faults.clear();
      const [recovered] = await tick(T2 + 60 * MINUTE);
      expect(recovered).toMatchObject({ status: "SUCCEEDED" });
      expect(await tick(T2 + 90 * MINUTE)).toEqual([]);
      expect(await staleAlerts()).toHaveLength(2);
      expect(staleMails()).toHaveLength(2);
    } finally {
      aws.faults.clear();
    }
    const runs = (await listRuns(target.name)).runs;
    expect(runs.map((r) => r.status)).toEqual(["SUCCEEDED", ...Array(7).fill("FAILED"), "SUCCEEDED"]);
    expect(aws.elbv2.trustStore(arn)!.revocations[0].serials).toContain(serial);
    expect(gapsAfterListing(aws, arn)).toEqual([]);
  });
});
