import { getDb } from "@/lib/db";
import { openSecret } from "@/lib/secrets";
import { DAY_MS, dueWarningStep, warningSchedule } from "./schedule";
import type { AlertKind, AlertPage, AlertSettingsView, AlertStatus, AlertView, UpcomingWarning } from "./types";

export const SETTINGS_ID = 1;
export const SMTP_PASSWORD_PURPOSE = "alert-settings:smtp-password";
export const WEBHOOK_SECRET_PURPOSE = "alert-settings:webhook-secret";

type SettingsRow = NonNullable<Awaited<ReturnType<ReturnType<typeof getDb>["alertSettings"]["findUnique"]>>>;

function toSettingsView(row: SettingsRow | null): AlertSettingsView {
  return {
    emailEnabled: row?.emailEnabled ?? false,
    smtpHost: row?.smtpHost ?? "",
    smtpPort: row?.smtpPort ?? 587,
    smtpSecure: row?.smtpSecure ?? false,
    smtpUser: row?.smtpUser ?? "",
    hasSmtpPassword: Boolean(row?.smtpPasswordSealed),
    fromAddress: row?.fromAddress ?? "",
    adminRecipients: row ? (JSON.parse(row.adminRecipients) as string[]) : [],
    webhookEnabled: row?.webhookEnabled ?? false,
    webhookUrl: row?.webhookUrl ?? "",
    hasWebhookSecret: Boolean(row?.webhookSecretSealed),
    updatedAt: row?.updatedAt ?? null,
  };
}

/** The settings without their secrets (defaults until an administrator saves them). */
export async function getAlertSettings(): Promise<AlertSettingsView> {
  return toSettingsView(await getDb().alertSettings.findUnique({ where: { id: SETTINGS_ID } }));
}

/** Everything a delivery needs, secrets opened. Server-only; never passed to the UI or logged. */
export interface DeliveryConfig {
  email: { host: string; port: number; secure: boolean; user: string; password: string | undefined; from: string; admins: string[] } | null;
  webhook: { url: string; secret: string } | null;
}

export async function loadDeliveryConfig(): Promise<DeliveryConfig> {
  const row = await getDb().alertSettings.findUnique({ where: { id: SETTINGS_ID } });
  if (!row) return { email: null, webhook: null };
  let admins = JSON.parse(row.adminRecipients) as string[];
  if (admins.length === 0) {
    const rows = await getDb().admin.findMany({ where: { role: "ADMIN", status: "ACTIVE" }, select: { email: true }, orderBy: { email: "asc" } });
    admins = rows.map((r) => r.email);
  }
  return {
    email: row.emailEnabled && row.smtpHost && row.fromAddress
      ? {
        host: row.smtpHost, port: row.smtpPort, secure: row.smtpSecure, user: row.smtpUser,
        password: row.smtpPasswordSealed ? openSecret(row.smtpPasswordSealed, SMTP_PASSWORD_PURPOSE).toString("utf8") : undefined,
        from: row.fromAddress, admins,
      }
      : null,
    webhook: row.webhookEnabled && row.webhookUrl && row.webhookSecretSealed
      ? { url: row.webhookUrl, secret: openSecret(row.webhookSecretSealed, WEBHOOK_SECRET_PURPOSE).toString("utf8") }
      : null,
  };
}

const ALERT_INCLUDE = {
  certificate: { select: { serial: true, subject: true, notAfter: true, ca: { select: { slug: true } }, account: { select: { name: true, email: true } } } },
} as const;

export async function findAlert(id: string) {
  return getDb().alert.findUnique({ where: { id }, include: ALERT_INCLUDE });
}
export type AlertRow = NonNullable<Awaited<ReturnType<typeof findAlert>>>;

export function toAlertView(row: AlertRow): AlertView {
  const c = row.certificate;
  return {
    id: row.id, kind: row.kind as AlertKind, target: row.target, step: row.step, message: row.message, dueAt: row.dueAt,
    status: row.status as AlertStatus, emailSentAt: row.emailSentAt, webhookSentAt: row.webhookSentAt, sentAt: row.sentAt,
    attempts: row.attempts, lastError: row.lastError, createdAt: row.createdAt,
    certificate: c ? { serial: c.serial, caSlug: c.ca.slug, subject: c.subject, accountName: c.account.name, notAfter: c.notAfter } : null,
  };
}

/** Alerts newest first, keyset-paginated by (createdAt desc, id desc). */
export async function listAlerts(opts: { cursor?: string; limit?: number } = {}): Promise<AlertPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await getDb().alert.findMany({
    include: ALERT_INCLUDE,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, limit).map(toAlertView);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

/**
 * The warnings the schedule will send within `days` from `now` and that are not sent yet,
 * soonest first (at most `limit`; the console shows the head of the queue).
 */
export async function listUpcomingWarnings(now: Date, opts: { days?: number; limit?: number } = {}): Promise<UpcomingWarning[]> {
  const horizon = now.getTime() + (opts.days ?? 90) * DAY_MS;
  const limit = opts.limit ?? 200;
  // A step is at most 60 days before notAfter, so certificates expiring later than horizon + 60 days have none due.
  const certs = await getDb().certificate.findMany({
    where: { status: "ISSUED", notAfter: { gt: now, lte: new Date(horizon + 60 * DAY_MS) } },
    select: { id: true, serial: true, subject: true, notBefore: true, notAfter: true, ca: { select: { slug: true } }, account: { select: { name: true } }, alerts: { select: { step: true } } },
    orderBy: [{ notAfter: "asc" }, { id: "asc" }],
    take: 5000,
  });
  const upcoming: UpcomingWarning[] = [];
  for (const c of certs) {
    const done = new Set(c.alerts.map((a) => a.step));
    const current = dueWarningStep(c, now);
    for (const s of warningSchedule(c)) {
      // A passed step is only upcoming while it is the one due now (not claimed yet: the next tick sends it).
      const passed = s.dueAt.getTime() <= now.getTime();
      if (done.has(s.step) || s.dueAt.getTime() > horizon || (passed && s.step !== current)) continue;
      upcoming.push({ serial: c.serial, caSlug: c.ca.slug, subject: c.subject, accountName: c.account.name, notAfter: c.notAfter, step: s.step, dueAt: s.dueAt });
    }
  }
  return upcoming.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).slice(0, limit);
}
