import { getDb } from "@/lib/db";
import { recordStandaloneEvent } from "@/lib/audit";
import { findAdminByEmail, findAdminById } from "./data";
import { verifyPassword } from "./passwords";
import { acceptTotpCode } from "./two-factor";
import type { Role } from "./types";

export const SIGNIN_FAILURE_LIMIT = 10;
export const SIGNIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface SignedInAdmin {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export type SignInFailure = "invalid" | "locked" | "disabled" | "totp-required" | "totp-invalid";
export type SignInResult = { ok: true; admin: SignedInAdmin } | { ok: false; reason: SignInFailure };

/**
 * Checks an administrator's credentials, and the authenticator code (`attempt.totp`) when
 * the administrator has two-factor sign-in. Every attempt, good or bad, is audited; wrong
 * codes count towards the lock like wrong passwords, so codes cannot be guessed either.
 */
export async function signInAdmin(
  emailInput: string,
  password: string,
  attempt: { ip?: string; userAgent?: string; totp?: string },
  now = new Date(),
): Promise<SignInResult> {
  const typed = emailInput.trim().toLowerCase();
  // People sometimes type their password into the e-mail field: what is not shaped like an
  // address is never written to the audit log (no administrator can have it as e-mail anyway).
  const email = /^[^\s@]+@[^\s@]+$/.test(typed) ? typed : "(not an e-mail address)";
  const { totp, ...meta } = attempt;
  const actor = { kind: "anonymous" as const, label: typed ? email : "(empty)", ...meta };
  const recentFailures = await getDb().auditEvent.count({
    where: { action: "auth.signin", outcome: "FAILURE", targetId: email, at: { gte: new Date(now.getTime() - SIGNIN_FAILURE_WINDOW_MS) } },
  });
  if (recentFailures >= SIGNIN_FAILURE_LIMIT) {
    await recordStandaloneEvent({ actor, action: "auth.signin", outcome: "FAILURE", target: { type: "admin", id: email }, details: { reason: "locked" } }, now);
    return { ok: false, reason: "locked" };
  }
  const admin = await findAdminByEmail(email);
  const valid = await verifyPassword(admin?.passwordHash, password);
  if (!admin || !valid || admin.status !== "ACTIVE") {
    const reason = admin && valid ? "disabled" : "invalid";
    await recordStandaloneEvent({ actor, action: "auth.signin", outcome: "FAILURE", target: { type: "admin", id: email }, details: { reason } }, now);
    return { ok: false, reason };
  }
  if (admin.totpEnabledAt) {
    const reason = !totp?.trim() ? "totp-required" : (await acceptTotpCode(admin.id, totp, now)) ? null : "totp-invalid";
    if (reason) {
      await recordStandaloneEvent({ actor, action: "auth.signin", outcome: "FAILURE", target: { type: "admin", id: email }, details: { reason } }, now);
      return { ok: false, reason };
    }
  }
  await recordStandaloneEvent(
    { actor: { ...actor, kind: "admin", id: admin.id, role: admin.role as Role }, action: "auth.signin", target: { type: "admin", id: email } },
    now,
  );
  return { ok: true, admin: { id: admin.id, email: admin.email, name: admin.name, role: admin.role as Role } };
}

/**
 * A console sign-out, from next-auth's signOut event with the session's administrator. The
 * JWT session is a cookie, so nothing changes in the database: the event is the only trace.
 */
export async function recordSignOut(adminId: string | undefined, attempt: { ip?: string; userAgent?: string }, now = new Date()): Promise<void> {
  // Without a valid session (next-auth could not decode the cookie) nobody is signing out,
  // and anyone can post to /api/auth/signout: nothing to attribute, nothing recorded.
  const admin = adminId ? await findAdminById(adminId) : null;
  if (!admin) return;
  await recordStandaloneEvent(
    { actor: { kind: "admin", id: admin.id, label: admin.email, role: admin.role as Role, ...attempt }, action: "auth.signout", target: { type: "admin", id: admin.email } },
    now,
  );
}
