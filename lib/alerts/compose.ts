import { ALERT_MESSAGES, fill } from "./messages";
import { DAY_MS } from "./schedule";
import type { AlertRow } from "./data";
import type { AlertKind, CrlAlertDetails } from "./types";

export interface ComposedAlert {
  subject: string;
  text: string;
  /** The account's own address for an expiry warning (administrators are added by the caller). */
  accountEmail: string | null;
  webhook: { id: string; type: string } & Record<string, unknown>;
}

const WEBHOOK_TYPE: Record<AlertKind, string> = {
  EXPIRY_WARNING: "certificate.expiry-warning",
  CRL_FRESHNESS: "crl.freshness",
  DEPLOY_FAILURE: "deploy.failure",
  DEPLOY_STALE_CRL: "deploy.stale-crl",
};

/** "2027-01-01 09:30 UTC": unambiguous for readers in any zone. */
function utc(d: Date | string): string {
  return `${new Date(d).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Japanese first, then English, in one message: the same mail reaches users and administrators. */
function bilingual(pick: (m: (typeof ALERT_MESSAGES)["en"]["mail"]) => [string, string], values: Record<string, string>) {
  const [jaSubject, jaBody] = pick(ALERT_MESSAGES.ja.mail);
  const [enSubject, enBody] = pick(ALERT_MESSAGES.en.mail);
  return {
    subject: `[Inkan] ${fill(jaSubject, values)} / ${fill(enSubject, values)}`,
    text: [fill(jaBody, values), "", "----", "", fill(enBody, values), "", "--", ALERT_MESSAGES.ja.mail.footer, ALERT_MESSAGES.en.mail.footer, ""].join("\n"),
  };
}

/** The mail and the webhook payload of one alert. */
export function composeAlert(alert: AlertRow, publicUrl: string, now: Date): ComposedAlert {
  const kind = alert.kind as AlertKind;
  const base = { id: alert.id, type: WEBHOOK_TYPE[kind], createdAt: alert.createdAt.toISOString() };
  if (kind === "EXPIRY_WARNING") {
    const c = alert.certificate;
    if (!c) throw new Error(`expiry warning ${alert.id} has no certificate`);
    const url = `${publicUrl}/ra/certificates/${c.serial}`;
    // The days actually left: the step's own number when sent on time, fewer when a retry or downtime delayed it.
    const daysLeft = Math.max(1, Math.ceil((c.notAfter.getTime() - now.getTime()) / DAY_MS));
    const values = { days: String(daysLeft), account: c.account.name, serial: c.serial, subject: c.subject, ca: c.ca.slug, notAfter: utc(c.notAfter), url };
    return {
      ...bilingual((m) => [m.expirySubject, m.expiryBody], values),
      accountEmail: c.account.email,
      webhook: {
        ...base,
        step: alert.step,
        daysBeforeExpiry: daysLeft,
        certificate: { serial: c.serial, ca: c.ca.slug, subject: c.subject, account: c.account.name, notAfter: c.notAfter.toISOString(), url },
      },
    };
  }
  if (kind === "CRL_FRESHNESS") {
    const d = JSON.parse(alert.details) as CrlAlertDetails;
    const url = `${publicUrl}/ra/authorities/${alert.target}`;
    const values = { ca: alert.target, number: String(d.number), thisUpdate: utc(d.thisUpdate), nextUpdate: utc(d.nextUpdate), url };
    return {
      ...bilingual((m) => [m.crlSubject, m.crlBody], values),
      accountEmail: null,
      webhook: { ...base, ca: alert.target, crl: d, url },
    };
  }
  const values = { target: alert.target, message: alert.message, url: `${publicUrl}/ra/deploy` };
  return {
    ...bilingual((m) => [kind === "DEPLOY_FAILURE" ? m.deployFailureSubject : m.deployStaleSubject, m.deployBody], values),
    accountEmail: null,
    webhook: { ...base, target: alert.target, message: alert.message, url: values.url },
  };
}
