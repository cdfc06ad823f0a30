import { getDb } from "@/lib/db";
import { recordStandaloneEvent } from "@/lib/audit";
import { findAdminByEmail } from "./data";
import { verifyPassword } from "./passwords";
import type { Role } from "./types";

export const SIGNIN_FAILURE_LIMIT = 10;
export const SIGNIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface SignedInAdmin {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export type SignInResult = { ok: true; admin: SignedInAdmin } | { ok: false; reason: "invalid" | "locked" | "disabled" };

/** Checks an administrator's credentials; every attempt, good or bad, is audited. */
export async function signInAdmin(
  emailInput: string,
  password: string,
  meta: { ip?: string; userAgent?: string },
  now = new Date(),
): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const actor = { kind: "anonymous" as const, label: email || "(empty)", ...meta };
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
  await recordStandaloneEvent(
    { actor: { ...actor, kind: "admin", id: admin.id, role: admin.role as Role }, action: "auth.signin", target: { type: "admin", id: email } },
    now,
  );
  return { ok: true, admin: { id: admin.id, email: admin.email, name: admin.name, role: admin.role as Role } };
}
