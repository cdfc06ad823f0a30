import { getDb, toBytes } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { recordEvent, recordStandaloneEvent, type Actor } from "@/lib/audit";
import { sealSecret } from "@/lib/secrets";
import { alertSettingsSchema, splitRecipients, testEmailSchema, type AlertSettingsInput } from "./schema";
import { getAlertSettings, loadDeliveryConfig, SETTINGS_ID, SMTP_PASSWORD_PURPOSE, WEBHOOK_SECRET_PURPOSE } from "./data";
import { createMailer, describeSendError } from "./mailer";
import { ALERT_MESSAGES, fill } from "./messages";
import type { AlertSettingsView } from "./types";

function invalid(issues: Array<{ path: PropertyKey[]; message: string }>): InkanError {
  const errors = issues.map((i) => ({ field: String(i.path[0] ?? ""), message: issueText(i.message) }));
  return new InkanError("VALIDATION", { en: errors.map((e) => e.message.en).join(" "), ja: errors.map((e) => e.message.ja).join(" ") }, { errors });
}

/**
 * Saves where alerts go. An empty password or secret keeps the stored one (they are never
 * shown back); the clear flags remove them. Secrets are sealed before they reach the database.
 */
export async function saveAlertSettings(input: AlertSettingsInput, actor: Actor, now = new Date()): Promise<AlertSettingsView> {
  const parsed = alertSettingsSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const v = parsed.data;
  await getDb().$transaction(async (tx) => {
    const current = await tx.alertSettings.findUnique({ where: { id: SETTINGS_ID }, select: { smtpPasswordSealed: true, webhookSecretSealed: true } });
    const smtpPasswordSealed = v.smtpPassword
      ? toBytes(sealSecret(Buffer.from(v.smtpPassword, "utf8"), SMTP_PASSWORD_PURPOSE))
      : v.clearSmtpPassword ? null : (current?.smtpPasswordSealed ?? null);
    const webhookSecretSealed = v.webhookSecret
      ? toBytes(sealSecret(Buffer.from(v.webhookSecret, "utf8"), WEBHOOK_SECRET_PURPOSE))
      : v.clearWebhookSecret ? null : (current?.webhookSecretSealed ?? null);
    if (v.webhookEnabled && !webhookSecretSealed) {
      throw invalid([{ path: ["webhookSecret"], message: "Enter a signing secret (16+ characters): receivers verify every POST with it." }]);
    }
    if (v.smtpUser && v.emailEnabled && !smtpPasswordSealed) {
      throw invalid([{ path: ["smtpPassword"], message: "Enter the SMTP password for this user, or clear the user name to send without authentication." }]);
    }
    const data = {
      emailEnabled: v.emailEnabled, smtpHost: v.smtpHost, smtpPort: v.smtpPort, smtpSecure: v.smtpSecure, smtpUser: v.smtpUser,
      smtpPasswordSealed, fromAddress: v.fromAddress, adminRecipients: JSON.stringify(splitRecipients(v.adminRecipients)),
      webhookEnabled: v.webhookEnabled, webhookUrl: v.webhookUrl, webhookSecretSealed,
    };
    await tx.alertSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...data }, update: data });
    await recordEvent(tx, {
      actor,
      action: "alert-settings.update",
      // Only facts: never the password or the secret, not even whether they match the old ones.
      details: {
        emailEnabled: v.emailEnabled, smtpHost: v.smtpHost, smtpPort: v.smtpPort, smtpSecure: v.smtpSecure, smtpUser: v.smtpUser,
        fromAddress: v.fromAddress, adminRecipients: splitRecipients(v.adminRecipients).length,
        webhookEnabled: v.webhookEnabled, webhookUrl: v.webhookUrl,
        smtpCredentialChanged: Boolean(v.smtpPassword) || v.clearSmtpPassword, webhookSigningChanged: Boolean(v.webhookSecret) || v.clearWebhookSecret,
      },
    }, now);
  });
  return getAlertSettings();
}

/** Sends a test e-mail through the saved SMTP settings; the SMTP server's refusal is reported as is. */
export async function sendTestEmail(input: { to: string }, actor: Actor, now = new Date()): Promise<{ to: string }> {
  const parsed = testEmailSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const { to } = parsed.data;
  const { email } = await loadDeliveryConfig();
  if (!email) throw new InkanError("CONFLICT", { en: "E-mail is not set up: enable it and save the SMTP server and from address first.", ja: "メールが設定されていません。先に有効にして、SMTPサーバと送信元アドレスを保存してください。" });
  const mailer = createMailer(email);
  const values = { admin: actor.label };
  try {
    await mailer.send({
      to: [to],
      subject: `[Inkan] ${ALERT_MESSAGES.ja.mail.testSubject} / ${ALERT_MESSAGES.en.mail.testSubject}`,
      text: `${fill(ALERT_MESSAGES.ja.mail.testBody, values)}\n\n----\n\n${fill(ALERT_MESSAGES.en.mail.testBody, values)}\n`,
    });
  } catch (err) {
    const reason = describeSendError(err);
    await recordStandaloneEvent({ actor, action: "alert.test", outcome: "FAILURE", details: { to, smtpHost: email.host, error: reason } }, now);
    throw new InkanError("UNPROCESSABLE", {
      en: `The SMTP server ${email.host}:${email.port} did not accept the test e-mail: ${reason}. Check the server, port, TLS and credentials.`,
      ja: `SMTPサーバ ${email.host}:${email.port} がテストメールを受け付けませんでした: ${reason}。サーバ、ポート、TLS、認証情報を確認してください。`,
    });
  } finally {
    mailer.close();
  }
  await recordStandaloneEvent({ actor, action: "alert.test", details: { to, smtpHost: email.host } }, now);
  return { to };
}
