// Audit actions are typed: one name per kind of event, written as domain.verb.
export const AUDIT_ACTIONS = [
  "auth.signin",
  "auth.signout",
  "setup.complete",
  "admin.create",
  "admin.update",
  "admin.password",
  "admin.totp",
  "admin.invite",
  "admin.invite.accept",
  "admin.invite.revoke",
  "signin-policy.update",
  "apitoken.create",
  "apitoken.revoke",
  "account.create",
  "account.update",
  "ca.create",
  "certificate.issue",
  "certificate.download",
  "certificate.revoke",
  "crl.publish",
  "ua.create",
  "ua.update",
  "ua.signin",
  "ua.signout",
  "ua.lock",
  "delivery.deliver",
  "delivery.refuse",
  "delivery.reset",
  "ca.revoke",
  "account.disable",
  "account.enable",
  "account.delete",
  "account.import",
  "group.create",
  "group.update",
  "group.delete",
  "group.add-member",
  "group.remove-member",
  "template.create",
  "template.update",
  "template.delete",
  "alert.send",
  "alert.test",
  "alert-settings.update",
  "deploy.target.create",
  "deploy.target.update",
  "deploy.target.delete",
  "deploy.run",
  "deploy.acm.import",
  "deploy.acm.export",
  "audit.export",
  "audit.verify",
  "apitoken.use",
  "group.bulk-issue",
  "testclock.advance",
  "application.submit",
  "application.approve",
  "application.reject",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditTargetType = "account" | "certificate" | "ca" | "admin" | "apitoken" | "crl" | "group" | "template" | "deploy-target" | "ua" | "application";

/** Who did it: an administrator, an API token, the scheduler, or nobody signed in. */
export interface Actor {
  kind: "admin" | "api" | "system" | "anonymous";
  id?: string;
  label: string; // e-mail, token name, "scheduler", "cli"
  role?: "ADMIN" | "OPERATOR" | "AUDITOR";
  ip?: string;
  userAgent?: string;
}

export interface AuditEventInput {
  actor: Actor;
  action: AuditAction;
  target?: { type: AuditTargetType; id: string };
  outcome?: "SUCCESS" | "FAILURE";
  /** Never secrets: no passwords, keys, tokens or cookies. */
  details?: Record<string, unknown>;
}

export const SYSTEM_ACTOR: Actor = { kind: "system", label: "system" };
export const CLI_ACTOR: Actor = { kind: "system", label: "cli" };
