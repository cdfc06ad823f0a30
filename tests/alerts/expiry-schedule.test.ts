// The seed's expiry warning schedule end to end: 90 simulated days pass tick by tick through
// the scheduler's own steps (CRL refresh, then alerts), with a real SMTP server and a real
// webhook receiver, two instances ticking at once, and a restart half way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { auditEvents, createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { createDb, setDbForTesting } from "../../lib/db";
import { verifyAuditChain } from "../../lib/audit";
import { startSmtpServer, startWebhookReceiver, type TestSmtp, type TestWebhook } from "./support";
import {
  ADMIN_MAIL, DAY, HOUR, SMTP_PASSWORD, configureAlerts, issueWithLifetime, mailsAbout, schedulerTick, type TestCertificate,
} from "./fixtures";

useServiceEnvironment();

const T0 = new Date("2027-03-01T00:00:00Z");
// The simulated scheduler ticks every 6 hours (the real one every minute; the unit tests walk hour by hour).
const TICK = 6 * HOUR;
const DAILY = [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

describe.each(PROVIDERS)("the expiry warning schedule on %s", (provider) => {
  const t = withTestDatabase(provider);
  let smtp: TestSmtp;
  let hook: TestWebhook;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    hook = await startWebhookReceiver("whsec-test-0123456789abcdef");
  });
  afterAll(async () => {
    await smtp?.close();
    await hook?.close();
  });

  it("90-day, 1-year and 2-year certificates are warned exactly on the seed's days, once each, across two concurrent instances and a restart", async () => {
    await t.reset();
    await createTestAuthority({ now: new Date(T0.getTime() - 800 * DAY) });
    await configureAlerts(smtp, hook);
    // Expiry moments off the hour grid, so "sent at the first tick at or after the due moment" is a real check.
    const certs: Array<TestCertificate & { expected: number[] }> = [
      { ...(await issueWithLifetime(t.db, "ninety", new Date(T0.getTime() + 89 * DAY + 7.5 * HOUR), 90)), expected: [30, ...DAILY] },
      { ...(await issueWithLifetime(t.db, "one-year", new Date(T0.getTime() + 80 * DAY + 13.25 * HOUR), 365)), expected: [60, 30, ...DAILY] },
      { ...(await issueWithLifetime(t.db, "two-years", new Date(T0.getTime() + 85 * DAY + 2.75 * HOUR), 730)), expected: [60, 30, ...DAILY] },
    ];

    const end = T0.getTime() + 90 * DAY;
    const restartAt = T0.getTime() + 70 * DAY;
    let restore: (() => void) | undefined;
    let restarted: ReturnType<typeof createDb> | undefined;
    for (let now = T0.getTime(); now <= end; now += TICK) {
      if (now === restartAt) {
        // A restart: a new process with its own database client; it replays the last two ticks it cannot know were done.
        restarted = createDb(t.url);
        restore = setDbForTesting(restarted, t.url);
        for (let replay = now - 2 * TICK; replay < now; replay += TICK) await schedulerTick(new Date(replay));
      }
      // Two instances tick the same minute (on PostgreSQL on separate pooled connections).
      await Promise.all([schedulerTick(new Date(now)), schedulerTick(new Date(now))]);
    }
    restore?.();
    await restarted?.$disconnect();

    for (const c of certs) {
      const rows = await t.db.alert.findMany({ where: { certificateId: c.id }, orderBy: { dueAt: "asc" } });
      expect(rows.map((r) => r.step), c.account).toEqual(c.expected);
      for (const r of rows) {
        const due = c.notAfter.getTime() - r.step! * DAY;
        const firstTick = T0.getTime() + Math.ceil((due - T0.getTime()) / TICK) * TICK;
        expect({ step: r.step, status: r.status, sentAt: r.sentAt?.toISOString() }).toEqual({ step: r.step, status: "SENT", sentAt: new Date(firstTick).toISOString() });
        // The day it went out, counted back from the expiry, is the step's day.
        expect(Math.ceil((c.notAfter.getTime() - r.sentAt!.getTime()) / DAY)).toBe(r.step);
      }

      const mails = mailsAbout(smtp, c.serial);
      expect(mails.map((m) => m.subject.match(/あと (\d+) 日/)?.[1]).map(Number), c.account).toEqual(c.expected);
      for (const [i, m] of mails.entries()) {
        expect(m.envelopeTo.sort()).toEqual([c.email, ADMIN_MAIL].sort());
        expect(m.subject).toContain(`Certificate expires in ${c.expected[i]} days: CN=${c.account}`);
        expect(m.text).toContain(`シリアル番号: ${c.serial}`);
        expect(m.text).toContain(`Serial number: ${c.serial}`);
        expect(m.text).toContain(`Expires: ${c.notAfter.toISOString().slice(0, 16).replace("T", " ")} UTC`);
        expect(m.text).toContain("Issue a new certificate before then");
        expect(m.auth).toEqual({ username: "inkan", password: SMTP_PASSWORD });
      }

      const hooks = hook.hooks.filter((h) => (h.json.certificate as { serial?: string } | undefined)?.serial === c.serial);
      expect(hooks.map((h) => [h.json.step, h.json.daysBeforeExpiry])).toEqual(c.expected.map((d) => [d, d]));
      expect(hooks.every((h) => h.signatureValid && h.headers["x-inkan-event"] === "certificate.expiry-warning")).toBe(true);

      const audited = await auditEvents(t.db, "alert.send", c.serial);
      expect(audited.map((e) => e.details.step)).toEqual(c.expected);
      expect(audited.every((e) => e.actor === "system:alerts" && JSON.stringify(e.details) === JSON.stringify({ ...e.details, channels: ["email", "webhook"] }))).toBe(true);
    }
    // Nothing else was sent: the CRL was kept fresh by the same ticks, so no CRL alert either.
    expect(smtp.mails).toHaveLength(certs.reduce((n, c) => n + c.expected.length, 0));
    expect(await t.db.alert.count({ where: { kind: "CRL_FRESHNESS" } })).toBe(0);
    expect(JSON.stringify(await t.db.auditEvent.findMany())).not.toContain(SMTP_PASSWORD);
    expect((await verifyAuditChain()).ok).toBe(true);
  }, 600_000);
});
