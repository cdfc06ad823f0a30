// Alert settings: validation, sealed secrets that are never shown back or audited, and the
// test e-mail through a real SMTP server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, expectInkanError, useServiceEnvironment } from "../helpers/services";
import { getAlertSettings, saveAlertSettings, sendTestEmail, type AlertSettingsInput } from "../../lib/alerts";
import { startSmtpServer, type TestSmtp } from "./support";
import { SMTP_PASSWORD, WEBHOOK_SECRET, configureAlerts } from "./fixtures";

useServiceEnvironment();

describe("alert settings", () => {
  const t = withTestDatabase("sqlite");
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  beforeEach(async () => {
    await t.reset();
    smtp.mails.length = 0;
    smtp.failing = false;
  });

  const base: AlertSettingsInput = {
    emailEnabled: true, smtpHost: "127.0.0.1", smtpPort: 2525, smtpSecure: false, smtpUser: "", fromAddress: "inkan@example.test",
    adminRecipients: "", webhookEnabled: false, webhookUrl: "",
  };

  it("defaults to nothing enabled before anyone saves", async () => {
    expect(await getAlertSettings()).toMatchObject({ emailEnabled: false, webhookEnabled: false, hasSmtpPassword: false, hasWebhookSecret: false, adminRecipients: [], updatedAt: null });
  });

  it("seals the SMTP password and webhook secret: never stored in clear, never shown back, never in the audit log; empty keeps them", async () => {
    const view = await saveAlertSettings({ ...base, smtpUser: "inkan", smtpPassword: SMTP_PASSWORD, adminRecipients: "A@example.test, b@example.test\nA@example.test", webhookEnabled: true, webhookUrl: "https://hooks.example.test/inkan", webhookSecret: WEBHOOK_SECRET }, TEST_ACTOR);
    expect(view).toMatchObject({ hasSmtpPassword: true, hasWebhookSecret: true, adminRecipients: ["a@example.test", "b@example.test"], smtpUser: "inkan" });
    expect(JSON.stringify(view)).not.toContain(SMTP_PASSWORD);
    const row = await t.db.alertSettings.findUniqueOrThrow({ where: { id: 1 } });
    for (const sealed of [row.smtpPasswordSealed!, row.webhookSecretSealed!]) {
      expect(Buffer.from(sealed).includes(Buffer.from(SMTP_PASSWORD))).toBe(false);
      expect(Buffer.from(sealed).includes(Buffer.from(WEBHOOK_SECRET))).toBe(false);
    }
    // Saving again with empty fields keeps both.
    await saveAlertSettings({ ...base, smtpUser: "inkan", webhookEnabled: true, webhookUrl: "https://hooks.example.test/inkan" }, TEST_ACTOR);
    const again = await t.db.alertSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(Buffer.from(again.smtpPasswordSealed!)).toEqual(Buffer.from(row.smtpPasswordSealed!));
    expect(Buffer.from(again.webhookSecretSealed!)).toEqual(Buffer.from(row.webhookSecretSealed!));
    // The clear flags remove them.
    expect(await saveAlertSettings({ ...base, clearSmtpPassword: true, clearWebhookSecret: true }, TEST_ACTOR)).toMatchObject({ hasSmtpPassword: false, hasWebhookSecret: false });

    const events = await auditEvents(t.db, "alert-settings.update");
    expect(events).toHaveLength(3);
    expect(events[0].details).toMatchObject({ smtpCredentialChanged: true, webhookSigningChanged: true, adminRecipients: 2 });
    expect(events[1].details).toMatchObject({ smtpCredentialChanged: false, webhookSigningChanged: false });
    const all = JSON.stringify(await t.db.auditEvent.findMany());
    expect(all).not.toContain(SMTP_PASSWORD);
    expect(all).not.toContain(WEBHOOK_SECRET);
  });

  it.each<[string, Partial<AlertSettingsInput>, string, RegExp]>([
    ["no SMTP server with e-mail on", { smtpHost: "" }, "smtpHost", /Enter the SMTP server/],
    ["a host with a path", { smtpHost: "smtp.example.com/x" }, "smtpHost", /host name or an IP address/],
    ["port 0", { smtpPort: 0 }, "smtpPort", /1-65535/],
    ["port 70000", { smtpPort: "70000" }, "smtpPort", /1-65535/],
    ["a bad from address", { fromAddress: "inkan" }, "fromAddress", /from address must be an e-mail address/],
    ["no from address with e-mail on", { fromAddress: "" }, "fromAddress", /address alerts are sent from/],
    ["a bad administrator address", { adminRecipients: "ok@example.test, not-an-address" }, "adminRecipients", /"not-an-address" is not an e-mail address/],
    ["a webhook without URL", { webhookEnabled: true }, "webhookUrl", /Enter the webhook URL/],
    ["a non-HTTP webhook", { webhookUrl: "ftp://x.example.test/" }, "webhookUrl", /https:\/\/ or http:\/\//],
    ["credentials in the webhook URL", { webhookUrl: "https://u:p@x.example.test/" }, "webhookUrl", /no credentials/],
    ["a short secret", { webhookUrl: "https://x.example.test/", webhookSecret: "short" }, "webhookSecret", /at least 16 characters/],
    ["a webhook without any secret", { webhookEnabled: true, webhookUrl: "https://x.example.test/" }, "webhookSecret", /Enter a signing secret/],
    ["an SMTP user without password", { smtpUser: "inkan" }, "smtpPassword", /Enter the SMTP password/],
  ])("refuses %s with a message on the field, and stores nothing", async (_name, change, field, message) => {
    const err = await expectInkanError(saveAlertSettings({ ...base, ...change }, TEST_ACTOR), "VALIDATION", message);
    expect((err.details?.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    expect(await t.db.alertSettings.count()).toBe(0);
    expect(await t.db.auditEvent.count()).toBe(0);
  });

  it("sends a test e-mail through the saved settings, with the SMTP credentials, and audits it", async () => {
    await configureAlerts(smtp, null);
    expect(await sendTestEmail({ to: "me@example.test" }, TEST_ACTOR)).toEqual({ to: "me@example.test" });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ envelopeTo: ["me@example.test"], from: "inkan@example.test", subject: "[Inkan] Inkan からのテストメール / Test e-mail from Inkan", auth: { username: "inkan", password: SMTP_PASSWORD } });
    expect(smtp.mails[0].text).toContain("tester@example.test");
    expect((await auditEvents(t.db, "alert.test")).map((e) => [e.outcome, e.details.to])).toEqual([["SUCCESS", "me@example.test"]]);
  });

  it("reports the SMTP server's refusal of the test e-mail, audited as a failure", async () => {
    await configureAlerts(smtp, null);
    smtp.failing = true;
    await expectInkanError(sendTestEmail({ to: "me@example.test" }, TEST_ACTOR), "UNPROCESSABLE", /did not accept the test e-mail: .*451.*Check the server, port, TLS and credentials/);
    expect((await auditEvents(t.db, "alert.test")).map((e) => e.outcome)).toEqual(["FAILURE"]);
  });

  it("refuses a test e-mail before e-mail is set up, or to a bad address", async () => {
    await expectInkanError(sendTestEmail({ to: "me@example.test" }, TEST_ACTOR), "CONFLICT", /E-mail is not set up/);
    await configureAlerts(smtp, null);
    await expectInkanError(sendTestEmail({ to: "nobody" }, TEST_ACTOR), "VALIDATION", /Enter the address to send the test e-mail to/);
    expect(smtp.mails).toHaveLength(0);
  });
});
