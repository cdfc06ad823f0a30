import { headers } from "next/headers";
import { getServerSession } from "next-auth";
import { InkanError } from "@/lib/errors";
import type { Actor } from "@/lib/audit";
import { findAdminById, findLiveApiToken, touchApiToken } from "./data";
import { clientIp, getAuthOptions } from "./options";
import type { Role } from "./types";

/**
 * The one authorization check. Every server action, route handler and loader calls it
 * (middleware is never trusted alone). A Bearer API token wins over a session cookie.
 * Returns the actor for the audit event or throws UNAUTHENTICATED / FORBIDDEN.
 */
export async function requireActor(roles: readonly Role[]): Promise<Actor> {
  const h = await headers();
  const meta = { ip: clientIp(h.get("x-forwarded-for"), h.get("x-real-ip")), userAgent: h.get("user-agent") ?? undefined };
  const authorization = h.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const token = match ? await findLiveApiToken(match[1]) : null;
    if (!token) throw new InkanError("UNAUTHENTICATED", "The API token is missing, malformed, unknown or revoked.");
    if (!roles.includes(token.role as Role)) {
      throw new InkanError("FORBIDDEN", `This API token's role (${token.role}) may not do this.`);
    }
    await touchApiToken(token.id, new Date());
    return { kind: "api", id: token.id, label: token.name, role: token.role as Role, ...meta };
  }
  const session = (await getServerSession(getAuthOptions())) as { adminId?: string } | null;
  // The role is read from the database on every call so a demotion takes effect at once.
  const admin = session?.adminId ? await findAdminById(session.adminId) : null;
  if (!admin || admin.status !== "ACTIVE") throw new InkanError("UNAUTHENTICATED", "Sign in to the RA console first.");
  if (!roles.includes(admin.role as Role)) {
    throw new InkanError("FORBIDDEN", `Your role (${admin.role}) may not do this. Ask an administrator.`);
  }
  return { kind: "admin", id: admin.id, label: admin.email, role: admin.role as Role, ...meta };
}

/** For pages: the signed-in administrator or null (no throw), for layouts that redirect. */
export async function currentAdmin(): Promise<{ id: string; email: string; role: Role } | null> {
  const session = (await getServerSession(getAuthOptions())) as { adminId?: string } | null;
  const admin = session?.adminId ? await findAdminById(session.adminId) : null;
  return admin && admin.status === "ACTIVE" ? { id: admin.id, email: admin.email, role: admin.role as Role } : null;
}
