// CRL freshness and deploy alerts: one alert per CA per CRL number, one per deploy run,
// received by a real SMTP server and a real webhook receiver, on SQLite and PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { auditEvents, createTestAuthority, expectInkanError, useServiceEnvironment } from "../helpers/services";
import { currentCrl, publishCrl } from "../../lib/ca";
import { raiseDeployAlert, runAlertsTick, type DeployAlertInput } from "../../lib/alerts";
import { startSmtpServer, startWebhookReceiver, type TestSmtp, type TestWebhook } from "./support";
import { ADMIN_MAIL, HOUR, WEBHOOK_SECRET, configureAlerts } from "./fixtures";

useServiceEnvironment();

const T0 = new Date("2027-09-01T00:00:00Z");

describe.each(PROVIDERS)("CRL freshness and deploy alerts on %s", (provider) => {
  const t = withTestDatabase(provider);
  let smtp: TestSmtp;
  let hook: TestWebhook;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    hook = await startWebhookReceiver(WEBHOOK_SECRET);
  });
  afterAll(async () => {
    await smtp?.close();
    await hook?.close();
  });
  beforeEach(async () => {
    await t.reset();
    smtp.mails.length = 0;
    hook.hooks.length = 0;
    smtp.failing = false;
    // A CA whose CRL is valid 168 hours, published at T0 (the scheduler is not run: that is the failure alerted on).
    await createTestAuthority({ now: T0, crlValidityHours: 168 });
    await configureAlerts(smtp, hook);
  });

  it("alerts once per CRL number when less than 25% of its validity is left, and again for the next CRL when it too goes stale", async () => {
    const first = (await currentCrl("ia1"))!;
    expect(first.thisUpdate).toEqual(T0);
    // 126 h in, exactly 25% (42 h) is left: no alert yet.
    expect(await runAlertsTick(new Date(T0.getTime() + 126 * HOUR))).toEqual({ sent: 0, retry: 0, dropped: 0 });
    const stale = new Date(T0.getTime() + 126 * HOUR + 60_000);
    expect(await runAlertsTick(stale)).toEqual({ sent: 1, retry: 0, dropped: 0 });
    for (let h = 127; h <= 200; h += 1) await runAlertsTick(new Date(T0.getTime() + h * HOUR)); // also past nextUpdate

    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.envelopeTo).toEqual([ADMIN_MAIL]);
    expect(mail.subject).toBe("[Inkan] CA ia1 の CRL の有効期限が迫っています / The CRL of CA ia1 is about to expire");
    expect(mail.text).toContain(`CRL 番号: ${first.number}`);
    expect(mail.text).toContain(`Next update: ${first.nextUpdate.toISOString().slice(0, 16).replace("T", " ")} UTC`);
    expect(mail.text).toContain("IIS and other servers reject EVERY client certificate");
    expect(mail.text).toContain("npm run inkan -- crl publish --ca ia1");
    expect(hook.hooks.map((h) => [h.json.type, h.json.ca, (h.json.crl as { number: number }).number, h.signatureValid])).toEqual([["crl.freshness", "ia1", first.number, true]]);
    const events = await auditEvents(t.db, "alert.send", "ia1");
    expect(events.map((e) => e.details)).toEqual([{ kind: "CRL_FRESHNESS", alert: expect.any(String), channels: ["email", "webhook"], recipients: 1, target: "ia1" }]);

    // A new CRL is fresh: nothing until it in turn has less than a quarter left.
    const republishedAt = new Date(T0.getTime() + 201 * HOUR);
    const second = await publishCrl("ia1", undefined, republishedAt);
    expect(await runAlertsTick(new Date(republishedAt.getTime() + 100 * HOUR))).toEqual({ sent: 0, retry: 0, dropped: 0 });
    expect(await runAlertsTick(new Date(republishedAt.getTime() + 130 * HOUR))).toEqual({ sent: 1, retry: 0, dropped: 0 });
    expect(smtp.mails.map((m) => m.text.match(/CRL number: (\d+)/)?.[1])).toEqual([String(first.number), String(second.number)]);
    expect(await t.db.alert.findMany({ where: { kind: "CRL_FRESHNESS" }, select: { dedupKey: true }, orderBy: { createdAt: "asc" } }))
      .toEqual([{ dedupKey: `crl:ia1:${first.number}` }, { dedupKey: `crl:ia1:${second.number}` }]);
  });

  it("raiseDeployAlert sends one alert per deploy run, to administrators and the webhook", async () => {
    const failure: DeployAlertInput = { target: "alb-prod", kind: "failure", message: "Uploading the CRL to s3://trust/ia1.crl failed: AccessDenied. Check the bucket policy.", runId: "run-41" };
    expect(await raiseDeployAlert(failure, T0)).toEqual({ created: true, outcome: "SENT" });
    expect(await raiseDeployAlert(failure, new Date(T0.getTime() + 60_000))).toEqual({ created: false });
    expect(await raiseDeployAlert({ ...failure, runId: "run-42" }, new Date(T0.getTime() + HOUR))).toEqual({ created: true, outcome: "SENT" });
    // Without a run id, the same message for the same target alerts once.
    const stale: DeployAlertInput = { target: "alb-prod", kind: "stale-crl", message: "The trust store holds CRL 7 of ia1; the current CRL is 9." };
    expect(await raiseDeployAlert(stale, T0)).toEqual({ created: true, outcome: "SENT" });
    expect(await raiseDeployAlert(stale, new Date(T0.getTime() + HOUR))).toEqual({ created: false });

    expect(smtp.mails.map((m) => m.subject)).toEqual([
      "[Inkan] デプロイに失敗しました: alb-prod / Deploy failed: alb-prod",
      "[Inkan] デプロイに失敗しました: alb-prod / Deploy failed: alb-prod",
      "[Inkan] トラストストアの CRL が古いままです: alb-prod / A trust store holds an old CRL: alb-prod",
    ]);
    expect(smtp.mails[0].text).toContain("AccessDenied. Check the bucket policy.");
    expect(smtp.mails.every((m) => m.envelopeTo.join() === ADMIN_MAIL)).toBe(true);
    expect(hook.hooks.map((h) => [h.json.type, h.json.target, h.signatureValid])).toEqual([
      ["deploy.failure", "alb-prod", true], ["deploy.failure", "alb-prod", true], ["deploy.stale-crl", "alb-prod", true],
    ]);
    expect(await t.db.auditEvent.count({ where: { action: "alert.send" } })).toBe(3);
  });

  it("a deploy alert whose delivery fails is retried by the next tick, once", async () => {
    smtp.failing = true;
    expect(await raiseDeployAlert({ target: "alb-dev", kind: "failure", message: "ACM import failed.", runId: "r1" }, T0)).toEqual({ created: true, outcome: "RETRY" });
    smtp.failing = false;
    expect(await runAlertsTick(new Date(T0.getTime() + 60_000))).toEqual({ sent: 1, retry: 0, dropped: 0 });
    await runAlertsTick(new Date(T0.getTime() + 120_000));
    expect(smtp.mails).toHaveLength(1);
    expect(hook.hooks).toHaveLength(1);
  });

  it("a deploy alert without a target or message is refused and nothing is stored", async () => {
    await expectInkanError(raiseDeployAlert({ target: " ", kind: "failure", message: "x" }, T0), "VALIDATION", /target: Name the deploy target/);
    await expectInkanError(raiseDeployAlert({ target: "a", kind: "failure", message: "" }, T0), "VALIDATION", /message: Say what happened/);
    await expectInkanError(raiseDeployAlert({ target: "a", kind: "oops" as "failure", message: "m" }, T0), "VALIDATION", /kind/);
    expect(await t.db.alert.count()).toBe(0);
  });
});
