// Delivery of expiry warnings: claims, retries and failures, with a real SMTP server and a
// real webhook receiver, on SQLite and PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { revokeCertificate } from "../../lib/ca";
import { saveAlertSettings, webhookSignature } from "../../lib/alerts";
import { startSmtpServer, startWebhookReceiver, verifyInkanSignature, type TestSmtp, type TestWebhook } from "./support";
import { ADMIN_MAIL, DAY, HOUR, WEBHOOK_SECRET, configureAlerts, issueWithLifetime, mailsAbout, schedulerTick } from "./fixtures";

useServiceEnvironment();

const T0 = new Date("2027-06-01T00:00:00Z");
// A 1-year certificate expiring 40 days after T0: its 30-day step is due at T0 + 10 days.
const EXPIRY = new Date(T0.getTime() + 40 * DAY);
const STEP30 = new Date(EXPIRY.getTime() - 30 * DAY);

/** One scheduler minute (CRLs kept fresh, as the real scheduler does, so only expiry warnings show up). */
const tick = schedulerTick;

describe.each(PROVIDERS)("delivering expiry warnings on %s", (provider) => {
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
    hook.status = 200;
    await createTestAuthority({ now: new Date(T0.getTime() - 400 * DAY) });
  });

  it("an SMTP failure is retried on the next tick and the mail arrives once; the webhook that succeeded is not posted again", async () => {
    await configureAlerts(smtp, hook);
    const cert = await issueWithLifetime(t.db, "alice", EXPIRY, 365);
    smtp.failing = true;
    expect(await tick(STEP30)).toEqual({ sent: 0, retry: 1, dropped: 0 });
    const failed = await t.db.alert.findFirstOrThrow({ where: { certificateId: cert.id } });
    expect(failed).toMatchObject({ step: 30, status: "RETRY", attempts: 1, emailSentAt: null, webhookSentAt: STEP30 });
    expect(failed.lastError).toMatch(/^e-mail: .*451/);
    expect(smtp.mails).toHaveLength(0);
    expect(hook.hooks).toHaveLength(1);

    // Still failing a minute later: retried, still nothing duplicated.
    expect(await tick(new Date(STEP30.getTime() + 60_000))).toEqual({ sent: 0, retry: 1, dropped: 0 });
    smtp.failing = false;
    const recovered = new Date(STEP30.getTime() + 120_000);
    expect(await tick(recovered)).toEqual({ sent: 1, retry: 0, dropped: 0 });
    for (let i = 3; i < 10; i++) await tick(new Date(STEP30.getTime() + i * 60_000));

    expect(mailsAbout(smtp, cert.serial)).toHaveLength(1);
    expect(hook.hooks).toHaveLength(1);
    expect(await t.db.alert.findFirstOrThrow({ where: { certificateId: cert.id } })).toMatchObject({ status: "SENT", attempts: 3, lastError: null, sentAt: recovered, emailSentAt: recovered });
    expect((await auditEvents(t.db, "alert.send", cert.serial)).map((e) => e.details.channels)).toEqual([["email", "webhook"]]);
  });

  it("a webhook answering 500 is retried; every POST carries a timestamp and a valid HMAC-SHA256 signature of timestamp.body", async () => {
    await configureAlerts(null, hook);
    const cert = await issueWithLifetime(t.db, "bob", EXPIRY, 365);
    hook.status = 500;
    expect(await tick(STEP30)).toEqual({ sent: 0, retry: 1, dropped: 0 });
    expect((await t.db.alert.findFirstOrThrow()).lastError).toMatch(/webhook: the webhook answered HTTP 500/);
    hook.status = 200;
    expect(await tick(new Date(STEP30.getTime() + 60_000))).toEqual({ sent: 1, retry: 0, dropped: 0 });
    expect(await tick(new Date(STEP30.getTime() + 120_000))).toEqual({ sent: 0, retry: 0, dropped: 0 });

    expect(hook.hooks).toHaveLength(2);
    const [first, second] = hook.hooks;
    expect(first.signatureValid && second.signatureValid).toBe(true);
    expect(second.headers["x-inkan-timestamp"]).toBe(String((STEP30.getTime() + 60_000) / 1000));
    expect(second.headers["x-inkan-signature"]).toBe(webhookSignature(WEBHOOK_SECRET, String(second.headers["x-inkan-timestamp"]), second.body));
    // Both attempts are the same delivery (a receiver can deduplicate on the id).
    expect(second.headers["x-inkan-delivery"]).toBe(first.headers["x-inkan-delivery"]);
    expect(second.json).toEqual({
      id: first.json.id, type: "certificate.expiry-warning", createdAt: STEP30.toISOString(), step: 30, daysBeforeExpiry: 30,
      certificate: { serial: cert.serial, ca: "ia1", subject: "CN=bob", account: "bob", notAfter: EXPIRY.toISOString(), url: `http://inkan.example.test/ra/certificates/${cert.serial}` },
    });
    // The receiver's check fails for a changed body, another timestamp or another secret.
    const ts = String(second.headers["x-inkan-timestamp"]);
    const sig = String(second.headers["x-inkan-signature"]);
    expect(verifyInkanSignature(WEBHOOK_SECRET, ts, second.body.replace('"daysBeforeExpiry":30', '"daysBeforeExpiry":31'), sig)).toBe(false);
    expect(verifyInkanSignature(WEBHOOK_SECRET, String(Number(ts) + 1), second.body, sig)).toBe(false);
    expect(verifyInkanSignature("another-secret-0123456789", ts, second.body, sig)).toBe(false);
    expect(smtp.mails).toHaveLength(0);
  });

  it("a warning still failing when the next step is due is dropped for it, and the next step goes out once", async () => {
    await configureAlerts(smtp, null);
    const cert = await issueWithLifetime(t.db, "carol", EXPIRY, 365);
    smtp.failing = true;
    await tick(STEP30);
    const step15 = new Date(EXPIRY.getTime() - 15 * DAY);
    smtp.failing = false;
    expect(await tick(step15)).toEqual({ sent: 1, retry: 0, dropped: 1 });
    const rows = await t.db.alert.findMany({ where: { certificateId: cert.id }, orderBy: { step: "desc" } });
    expect(rows.map((r) => [r.step, r.status, r.lastError])).toEqual([[30, "DROPPED", "Superseded by the 15-day warning."], [15, "SENT", null]]);
    expect(mailsAbout(smtp, cert.serial).map((m) => m.subject)).toEqual([expect.stringContaining("expires in 15 days")]);
  });

  it("revoked certificates get no warning, and a pending retry for one is dropped", async () => {
    await configureAlerts(smtp, null);
    const kept = await issueWithLifetime(t.db, "dave", EXPIRY, 365);
    const revoked = await issueWithLifetime(t.db, "erin", EXPIRY, 365);
    const retried = await issueWithLifetime(t.db, "frank", EXPIRY, 365);
    await revokeCertificate({ serial: revoked.serial, reason: "superseded" }, TEST_ACTOR, T0);
    smtp.failing = true;
    await tick(STEP30);
    smtp.failing = false;
    await revokeCertificate({ serial: retried.serial, reason: "keyCompromise" }, TEST_ACTOR, STEP30);
    expect(await tick(new Date(STEP30.getTime() + 60_000))).toEqual({ sent: 1, retry: 0, dropped: 1 });
    expect(mailsAbout(smtp, kept.serial)).toHaveLength(1);
    expect(mailsAbout(smtp, revoked.serial)).toHaveLength(0);
    expect(mailsAbout(smtp, retried.serial)).toHaveLength(0);
    expect(await t.db.alert.count({ where: { certificateId: revoked.id } })).toBe(0);
    expect(await t.db.alert.findFirstOrThrow({ where: { certificateId: retried.id } })).toMatchObject({ status: "DROPPED", lastError: expect.stringMatching(/revoked/) });
  });

  it("an alert left SENDING by a stopped instance is not resent (a duplicate is worse than one missing step)", async () => {
    await configureAlerts(smtp, null);
    const cert = await issueWithLifetime(t.db, "gina", EXPIRY, 365);
    // What a crash between the claim and the SMTP answer leaves behind.
    await t.db.alert.create({ data: { kind: "EXPIRY_WARNING", dedupKey: `expiry:${cert.id}:30`, certificateId: cert.id, step: 30, target: cert.serial, dueAt: STEP30, status: "SENDING", claimedAt: STEP30 } });
    expect(await tick(new Date(STEP30.getTime() + 5 * 60_000))).toEqual({ sent: 0, retry: 0, dropped: 0 });
    expect((await t.db.alert.findFirstOrThrow()).status).toBe("SENDING");
    await tick(new Date(STEP30.getTime() + 16 * 60_000));
    expect(await t.db.alert.findFirstOrThrow()).toMatchObject({ status: "DROPPED", lastError: expect.stringMatching(/not resent/) });
    expect(smtp.mails).toHaveLength(0);
    // The next step is still sent.
    await tick(new Date(EXPIRY.getTime() - 15 * DAY));
    expect(mailsAbout(smtp, cert.serial)).toHaveLength(1);
  });

  it("four instances ticking the same minute send each of 12 due warnings exactly once", async () => {
    await configureAlerts(smtp, hook);
    const certs = [];
    for (let i = 0; i < 12; i++) certs.push(await issueWithLifetime(t.db, `user${i}`, new Date(EXPIRY.getTime() + i * HOUR), 365));
    const now = new Date(EXPIRY.getTime() + 12 * HOUR - 30 * DAY);
    const reports = await Promise.all([0, 1, 2, 3].map(() => tick(now)));
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(12);
    await Promise.all([0, 1, 2, 3].map(() => tick(new Date(now.getTime() + 60_000))));
    for (const c of certs) expect(mailsAbout(smtp, c.serial), c.account).toHaveLength(1);
    expect(smtp.mails).toHaveLength(12);
    expect(hook.hooks).toHaveLength(12);
    expect(await t.db.alert.count({ where: { status: "SENT" } })).toBe(12);
    expect(await t.db.auditEvent.count({ where: { action: "alert.send" } })).toBe(12);
  });

  it("without any channel enabled no warning is claimed, so the step goes out (with the days really left) once one is set up", async () => {
    await saveAlertSettings({ emailEnabled: false, smtpHost: "", smtpPort: 587, smtpSecure: false, smtpUser: "", fromAddress: "", webhookEnabled: false }, TEST_ACTOR);
    const cert = await issueWithLifetime(t.db, "hana", EXPIRY, 365);
    expect(await tick(STEP30)).toEqual({ sent: 0, retry: 0, dropped: 0 });
    expect(await t.db.alert.count()).toBe(0);
    await configureAlerts(smtp, null);
    expect(await tick(new Date(STEP30.getTime() + DAY))).toEqual({ sent: 1, retry: 0, dropped: 0 });
    const [mail] = mailsAbout(smtp, cert.serial);
    expect(mail.envelopeTo.sort()).toEqual(["hana@example.test", ADMIN_MAIL].sort());
    // Sent a day late, the 30-day warning says what is true: 29 days are left.
    expect(mail.subject).toContain("Certificate expires in 29 days: CN=hana");
    expect((await t.db.alert.findFirstOrThrow()).step).toBe(30);
    expect(mail.from).toBe("inkan@example.test");
  });
});
