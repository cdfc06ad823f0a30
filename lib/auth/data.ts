import { getDb } from "@/lib/db";
import { hashApiToken } from "./mutations";

export function findAdminByEmail(email: string) {
  return getDb().admin.findUnique({ where: { email: email.trim().toLowerCase() } });
}

export function findAdminById(id: string) {
  return getDb().admin.findUnique({ where: { id } });
}

/** The token (live or revoked) matching the presented secret, or null. */
export function findApiTokenBySecret(secret: string) {
  return getDb().apiToken.findUnique({ where: { tokenHash: hashApiToken(secret) } });
}

export function listApiTokens() {
  return getDb().apiToken.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true } });
}

export function countAdmins() {
  return getDb().admin.count();
}

export interface AdminView {
  id: string;
  email: string;
  name: string | null;
  role: string;
  status: string;
  createdAt: Date;
  totpEnabled: boolean;
  totpRequired: boolean;
  /** For an INVITED administrator: when the newest link expires (it may have already). */
  invitation: { expiresAt: Date; expired: boolean } | null;
}

/** Every administrator (a console has a handful, so no paging), ADMINs first. */
export async function listAdmins(now = new Date()): Promise<AdminView[]> {
  const rows = await getDb().admin.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    include: { invitations: { where: { usedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" }, take: 1, select: { expiresAt: true } } },
  });
  return rows.map((a) => ({
    id: a.id, email: a.email, name: a.name, role: a.role, status: a.status, createdAt: a.createdAt,
    totpEnabled: a.totpEnabledAt !== null, totpRequired: a.totpRequired,
    invitation: a.status === "INVITED" && a.invitations[0] ? { expiresAt: a.invitations[0].expiresAt, expired: a.invitations[0].expiresAt.getTime() <= now.getTime() } : null,
  }));
}

/** The administrator an API token was created by (null for tokens made at first start or by the CLI). */
export async function adminIdOfApiToken(tokenId: string): Promise<string | null> {
  const token = await getDb().apiToken.findUnique({ where: { id: tokenId }, select: { adminId: true } });
  return token?.adminId ?? null;
}
