import { headers } from "next/headers";
import { getServerSession } from "next-auth";
import { InkanError } from "@/lib/errors";
import type { Actor } from "@/lib/audit";
import { currentRequestLine } from "@/lib/http";
import { authenticateApiToken } from "./api-token";
import { findAdminById } from "./data";
import { clientIp, getAuthOptions } from "./options";
import { twoFactorState } from "./two-factor";
import type { Role } from "./types";

/**
 * The one authorization check. Every server action, route handler and loader calls it
 * (middleware is never trusted alone). A Bearer API token wins over a session cookie.
 * Returns the actor for the audit event or throws UNAUTHENTICATED / FORBIDDEN.
 */
export async function requireActor(roles: readonly Role[], opts: { duringTwoFactorSetup?: boolean } = {}): Promise<Actor> {
  const h = await headers();
  const meta = await requestMeta();
  const authorization = h.get("authorization");
  if (authorization) return authenticateApiToken(authorization, roles, { ...meta, ...currentRequestLine() });
  const session = (await getServerSession(getAuthOptions())) as { adminId?: string } | null;
  // The role is read from the database on every call so a demotion takes effect at once.
  const admin = session?.adminId ? await findAdminById(session.adminId) : null;
  if (!admin || admin.status !== "ACTIVE") throw new InkanError("UNAUTHENTICATED", { en: "Sign in to the RA console first.", ja: "先にRAコンソールにログインしてください。" });
  if (!roles.includes(admin.role as Role)) {
    throw new InkanError("FORBIDDEN", { en: `Your role (${admin.role}) may not do this. Ask an administrator.`, ja: `あなたのロール(${admin.role})ではこの操作はできません。管理者に依頼してください。` });
  }
  // An administrator who must use two-factor sign-in but has not set it up may only set it up.
  if (!opts.duringTwoFactorSetup) {
    const twoFactor = await twoFactorState(admin);
    if (twoFactor.required && !twoFactor.enrolled) {
      throw new InkanError("FORBIDDEN", { en: "Set up two-factor sign-in first, on the Security page (/ra/security).", ja: "先にセキュリティのページ(/ra/security)で二要素認証を設定してください。" });
    }
  }
  return { kind: "admin", id: admin.id, label: admin.email, role: admin.role as Role, ...meta };
}

/** The caller's IP and user agent, for the audit event of a public entry point (no actor yet). */
export async function requestMeta(): Promise<{ ip?: string; userAgent?: string }> {
  const h = await headers();
  return { ip: clientIp(h.get("x-forwarded-for"), h.get("x-real-ip")), userAgent: h.get("user-agent") ?? undefined };
}

/**
 * For pages: the signed-in administrator or null (no throw), for layouts that redirect.
 * `twoFactorSetupPending` sends them to /ra/security before anything else.
 */
export async function currentAdmin(): Promise<{ id: string; email: string; role: Role; twoFactorSetupPending: boolean } | null> {
  const session = (await getServerSession(getAuthOptions())) as { adminId?: string } | null;
  const admin = session?.adminId ? await findAdminById(session.adminId) : null;
  if (!admin || admin.status !== "ACTIVE") return null;
  const twoFactor = await twoFactorState(admin);
  return { id: admin.id, email: admin.email, role: admin.role as Role, twoFactorSetupPending: twoFactor.required && !twoFactor.enrolled };
}
