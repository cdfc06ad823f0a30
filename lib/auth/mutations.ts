import { createHash, randomBytes } from "node:crypto";
import { getDb, type Tx } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { validationError } from "@/lib/i18n/validation";
import { recordEvent, type Actor } from "@/lib/audit";
import { hashPassword } from "./passwords";
import { createAdminSchema } from "./schema";
import type { Role } from "./types";

export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A validated administrator with its password hashed, ready to insert (hashing stays outside transactions). */
export interface NewAdmin {
  email: string;
  name: string | null;
  role: Role;
  passwordHash: string;
}

export async function prepareAdmin(input: { email: string; name?: string; role: Role; password: string }): Promise<NewAdmin> {
  const parsed = createAdminSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { email, name, role, password } = parsed.data;
  return { email, name: name || null, role, passwordHash: await hashPassword(password) };
}

/** Inserts the administrator and its admin.create event in the caller's transaction (setup adds its own change to it). */
export async function insertAdmin(tx: Tx, admin: NewAdmin, actor: Actor): Promise<{ id: string; email: string }> {
  const existing = await tx.admin.findUnique({ where: { email: admin.email } });
  if (existing) throw new InkanError("CONFLICT", { en: `An administrator with the e-mail ${admin.email} already exists.`, ja: `メールアドレス ${admin.email} の管理者はすでにいます。` });
  const row = await tx.admin.create({ data: admin });
  await recordEvent(tx, { actor, action: "admin.create", target: { type: "admin", id: row.email }, details: { role: admin.role } });
  return { id: row.id, email: row.email };
}

export async function createAdmin(
  input: { email: string; name?: string; role: Role; password: string },
  actor: Actor,
): Promise<{ id: string }> {
  const admin = await prepareAdmin(input);
  const { id } = await getDb().$transaction((tx) => insertAdmin(tx, admin, actor));
  return { id };
}

/** Creates a bearer token; the secret is returned once and only its hash is stored. */
export async function createApiToken(
  input: { name: string; role: Role; adminId?: string; secret?: string },
  actor: Actor,
): Promise<{ id: string; secret: string }> {
  const secret = input.secret ?? `inkan_${randomBytes(24).toString("base64url")}`;
  return getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: { name: input.name, role: input.role, adminId: input.adminId, tokenHash: hashApiToken(secret) },
    });
    await recordEvent(tx, {
      actor,
      action: "apitoken.create",
      target: { type: "apitoken", id: token.id },
      details: { tokenName: input.name, role: input.role },
    });
    return { id: token.id, secret };
  });
}

export async function revokeApiToken(id: string, actor: Actor, now = new Date()): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id } });
    if (!token) throw new InkanError("NOT_FOUND", { en: "No such API token.", ja: "そのAPIトークンはありません。" });
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: now } });
    await recordEvent(tx, { actor, action: "apitoken.revoke", target: { type: "apitoken", id }, details: { tokenName: token.name } });
  });
}

/** A use of a live token: its last-used time and the apitoken.use event, in one transaction. */
export async function recordApiTokenUse(tokenId: string, actor: Actor, details: Record<string, unknown>, now: Date): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: now } });
    await recordEvent(tx, { actor, action: "apitoken.use", target: { type: "apitoken", id: tokenId }, details }, now);
  });
}
