// Shared set-up of the alert tests: settings pointing at the local receivers, certificates
// of a chosen lifetime, and one scheduler minute as the real scheduler runs it.
import { expect } from "vitest";
import { TEST_ACTOR, makeCsr } from "../helpers/services";
import type { Db } from "../../lib/db";
import { createAccount } from "../../lib/accounts";
import { issueFromCsr, refreshDueCrls } from "../../lib/ca";
import { runAlertsTick, saveAlertSettings } from "../../lib/alerts";
import type { TestSmtp, TestWebhook } from "./support";

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const WEBHOOK_SECRET = "whsec-test-0123456789abcdef";
export const SMTP_PASSWORD = "smtp-pass-Δ-never-logged";
export const ADMIN_MAIL = "pki-admins@example.test";

/** E-mail through the test SMTP server (with authentication) and, if given, the webhook. */
export async function configureAlerts(smtp: TestSmtp | null, hook: TestWebhook | null) {
  return saveAlertSettings({
    emailEnabled: Boolean(smtp), smtpHost: smtp ? "127.0.0.1" : "", smtpPort: smtp?.port ?? 587, smtpSecure: false,
    smtpUser: smtp ? "inkan" : "", smtpPassword: smtp ? SMTP_PASSWORD : "", fromAddress: "inkan@example.test", adminRecipients: ADMIN_MAIL,
    webhookEnabled: Boolean(hook), webhookUrl: hook?.url ?? "", webhookSecret: hook ? WEBHOOK_SECRET : "",
  }, TEST_ACTOR);
}

export interface TestCertificate {
  id: string;
  serial: string;
  account: string;
  email: string;
  notBefore: Date;
  notAfter: Date;
}

/**
 * A user certificate issued through lib/ca (a new account each, so no per-account limit
 * applies) that expires at `notAfter` with a lifetime of `lifetimeDays`.
 *
 * Issuance cannot be given a validity yet (it comes from the account's template, 365 days by
 * default), so the certificate is issued 365 days before `notAfter` and, for other
 * lifetimes, the row's notBefore is moved to `notAfter − lifetime − 60 s` (the 60 s
 * backdating issuance applies). The alert rule reads only the row's two dates.
 */
export async function issueWithLifetime(db: Db, name: string, notAfter: Date, lifetimeDays: number): Promise<TestCertificate> {
  const email = `${name}@example.test`;
  await createAccount({ kind: "user", name, email }, TEST_ACTOR);
  const issuedAt = new Date(notAfter.getTime() - 365 * DAY);
  const cert = await issueFromCsr({ account: name, csr: makeCsr("p256").pem }, TEST_ACTOR, issuedAt);
  expect(cert.notAfter.getTime()).toBe(notAfter.getTime());
  const notBefore = new Date(notAfter.getTime() - lifetimeDays * DAY - 60_000);
  await db.certificate.update({ where: { id: cert.id }, data: { notBefore, notAfter } });
  return { id: cert.id, serial: cert.serial, account: name, email, notBefore, notAfter };
}

/** One scheduler minute as lib/scheduler.ts runs it: republish due CRLs, then alerts. */
export async function schedulerTick(now: Date) {
  await refreshDueCrls(now);
  return runAlertsTick(now);
}

/** Mails about one certificate (its serial is in every warning's body). */
export function mailsAbout(smtp: TestSmtp, serial: string) {
  return smtp.mails.filter((m) => m.text.includes(serial));
}
