import { getDb } from "@/lib/db";
import { recordEvent, SYSTEM_ACTOR, type Actor, type AuditEventInput } from "@/lib/audit";
import { composeAlert } from "./compose";
import { findAlert, type DeliveryConfig } from "./data";
import { createMailer, describeSendError, type Mailer } from "./mailer";
import { postWebhook } from "./webhook";
import type { AlertKind } from "./types";

export const ALERTS_ACTOR: Actor = { ...SYSTEM_ACTOR, label: "alerts" };

export type DeliveryOutcome = "SENT" | "RETRY" | "DROPPED";

/** What one round of deliveries shares: the settings read once and one SMTP connection. */
export interface DeliveryContext {
  config: DeliveryConfig;
  publicUrl: string;
  mailer(): Mailer;
  close(): void;
}

export function deliveryContext(config: DeliveryConfig, publicUrl: string): DeliveryContext {
  let mailer: Mailer | undefined;
  return {
    config,
    publicUrl,
    mailer: () => (mailer ??= createMailer(config.email!)),
    close: () => mailer?.close(),
  };
}

/** Gives up an alert that is not sent (yet): it will not be tried again. */
export async function dropAlert(id: string, reason: string): Promise<void> {
  await getDb().alert.updateMany({ where: { id, status: { in: ["SENDING", "RETRY"] } }, data: { status: "DROPPED", claimedAt: null, lastError: reason } });
}

function auditTarget(kind: AlertKind, target: string): AuditEventInput["target"] {
  if (kind === "EXPIRY_WARNING") return { type: "certificate", id: target };
  if (kind === "CRL_FRESHNESS") return { type: "ca", id: target };
  return undefined; // deploy targets are named in the details
}

/**
 * Delivers an alert the caller has claimed (status SENDING) on each enabled channel not yet
 * done. A channel that succeeds is recorded at once, so a retry never repeats it; when every
 * channel is done the alert becomes SENT together with its audit event.
 */
export async function deliverClaimedAlert(id: string, ctx: DeliveryContext, now: Date): Promise<DeliveryOutcome> {
  const db = getDb();
  const alert = await findAlert(id);
  if (!alert || alert.status !== "SENDING") return "DROPPED";
  const { email, webhook } = ctx.config;
  if (!email && !webhook) {
    await dropAlert(id, "No alert channel is enabled: set up e-mail or a webhook under RA → Alerts.");
    return "DROPPED";
  }
  const errors: string[] = [];
  const channels: string[] = [];
  let recipients = 0;
  try {
    const composed = composeAlert(alert, ctx.publicUrl, now);
    if (email) {
      const to = composed.accountEmail ? [composed.accountEmail] : email.admins;
      const bcc = composed.accountEmail ? email.admins.filter((a) => a !== composed.accountEmail) : [];
      recipients = to.length + bcc.length;
      if (alert.emailSentAt) channels.push("email");
      else if (recipients > 0) {
        try {
          await ctx.mailer().send({ to, bcc, subject: composed.subject, text: composed.text });
          await db.alert.update({ where: { id }, data: { emailSentAt: now } });
          channels.push("email");
        } catch (err) {
          errors.push(`e-mail: ${describeSendError(err)}`);
        }
      }
    }
    if (webhook) {
      if (alert.webhookSentAt) channels.push("webhook");
      else {
        try {
          await postWebhook(webhook, composed.webhook, now);
          await db.alert.update({ where: { id }, data: { webhookSentAt: now } });
          channels.push("webhook");
        } catch (err) {
          errors.push(`webhook: ${describeSendError(err)}`);
        }
      }
    }
  } catch (err) {
    // Anything unexpected (a bad row, the database) leaves the alert for the next tick, never stuck in SENDING.
    errors.push(describeSendError(err));
  }
  const kind = alert.kind as AlertKind;
  if (errors.length) {
    const lastError = errors.join("; ").slice(0, 1000);
    await db.alert.updateMany({ where: { id, status: "SENDING" }, data: { status: "RETRY", claimedAt: null, attempts: { increment: 1 }, lastError } });
    console.warn(`[inkan] alert ${kind} for ${alert.target} not delivered; retrying next minute: ${lastError}`);
    return "RETRY";
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.alert.updateMany({ where: { id, status: "SENDING" }, data: { status: "SENT", sentAt: now, claimedAt: null, attempts: { increment: 1 }, lastError: null } });
    if (count === 0) return; // dropped meanwhile by another instance's clean-up
    const c = alert.certificate;
    await recordEvent(tx, {
      actor: ALERTS_ACTOR,
      action: "alert.send",
      target: auditTarget(kind, alert.target),
      details: {
        kind, alert: alert.id, channels, recipients,
        ...(c ? { step: alert.step, ca: c.ca.slug, account: c.account.name, notAfter: c.notAfter.toISOString() } : { target: alert.target }),
      },
    }, now);
  });
  return "SENT";
}
