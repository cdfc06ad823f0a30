export const ALERT_KINDS = ["EXPIRY_WARNING", "CRL_FRESHNESS", "DEPLOY_FAILURE", "DEPLOY_STALE_CRL"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * SENDING: claimed by one instance, being delivered. RETRY: a channel failed; the next tick
 * tries the channels not yet done. SENT: every enabled channel delivered. DROPPED: will not
 * be sent (superseded by a later step, certificate revoked or expired, no channel enabled,
 * or the sender stopped mid-send: resending could duplicate).
 */
export const ALERT_STATUSES = ["SENDING", "RETRY", "SENT", "DROPPED"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The settings as the console shows them: secrets only as "stored or not". */
export interface AlertSettingsView {
  emailEnabled: boolean;
  smtpHost: string;
  smtpPort: number;
  smtpSecure: boolean;
  smtpUser: string;
  hasSmtpPassword: boolean;
  fromAddress: string;
  adminRecipients: string[];
  webhookEnabled: boolean;
  webhookUrl: string;
  hasWebhookSecret: boolean;
  updatedAt: Date | null;
}

export interface AlertView {
  id: string;
  kind: AlertKind;
  target: string;
  step: number | null;
  message: string;
  dueAt: Date;
  status: AlertStatus;
  emailSentAt: Date | null;
  webhookSentAt: Date | null;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  certificate: { serial: string; caSlug: string; subject: string; accountName: string; notAfter: Date } | null;
}

export interface AlertPage {
  items: AlertView[];
  nextCursor: string | null;
}

/** A warning the schedule will send (not yet sent) within the look-ahead window. */
export interface UpcomingWarning {
  serial: string;
  caSlug: string;
  subject: string;
  accountName: string;
  notAfter: Date;
  step: number;
  dueAt: Date;
}

/** What a deploy run reports (lib/deploy calls raiseDeployAlert). */
export interface DeployAlertInput {
  /** The deploy target's name, as shown in the console. */
  target: string;
  /** "failure": the run failed; "stale-crl": the target's trust store holds an older CRL than the current one. */
  kind: "failure" | "stale-crl";
  /** What happened and what to do, in plain words; never secrets. */
  message: string;
  /** The deploy run's id: one alert per run. Without it, the same message for the same target and kind alerts once. */
  runId?: string;
}

/** Facts the CRL freshness mail is built from (Alert.details). */
export interface CrlAlertDetails {
  number: number;
  thisUpdate: string;
  nextUpdate: string;
}
