// Administrator invitations (issue 3, point 8). An ADMIN invites by e-mail and role: Inkan
// creates the administrator as INVITED (no password: nothing signs in as them) and a
// single-use link <INKAN_PUBLIC_URL>/ra/invite/<token>. Only the token's SHA-256 is stored;
// the link is shown once to the inviting ADMIN and mailed when e-mail is set up. The invitee
// chooses a name and password there; a required second factor is then set up on
// /ra/security before anything else (the console layout and requireActor see to that).
import { createHash, randomBytes } from "node:crypto";
import { getConfig } from "@/lib/config";
import { getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { validationError } from "@/lib/i18n/validation";
import { InkanError, type LocalizedText } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { sendNotice, type NoticeOutcome } from "@/lib/alerts";
import { fill } from "@/lib/i18n/fill";
import { AUTH_MESSAGES } from "./messages";
import { hashPassword } from "./passwords";
import { acceptInvitationSchema, inviteAdminSchema } from "./schema";
import { getSignInPolicy } from "./two-factor";
import type { Role } from "./types";

export const INVITE_PATH = "/ra/invite/";

export type InvitationState = "valid" | "used" | "revoked" | "expired" | "unknown";

export interface IssuedInvitation {
  adminId: string;
  email: string;
  role: Role;
  /** The only copy of the token outside the invitee's mailbox: show it once, never log it. */
  link: string;
  expiresAt: Date;
  mail: NoticeOutcome;
}

/** The SHA-256 stored for a token (the token itself never reaches the database). */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** 256 bits from the CSPRNG, base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export async function inviteAdmin(input: { email: string; role: string; totpRequired?: boolean }, actor: Actor, now = new Date()): Promise<IssuedInvitation> {
  const parsed = inviteAdminSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { email, role, totpRequired } = parsed.data;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + getConfig().invitationTtlMs);
  let adminId: string;
  try {
    adminId = await getDb().$transaction(async (tx) => {
      const existing = await tx.admin.findUnique({ where: { email } });
      if (existing) throw alreadyThere(email, existing.status === "INVITED");
      const admin = await tx.admin.create({ data: { email, role, status: "INVITED", passwordHash: null, totpRequired } });
      await issueInvitation(tx, { id: admin.id, email, role }, token, expiresAt, actor, now, { totpRequired, resend: false });
      return admin.id;
    });
  } catch (err) {
    // Two ADMINs inviting the same address at once: the unique e-mail decides.
    if (isUniqueViolation(err)) throw alreadyThere(email, true);
    throw err;
  }
  const link = linkFor(token);
  return { adminId, email, role, link, expiresAt, mail: await mailInvitation({ email, role, link, expiresAt, inviter: actor.label }) };
}

/** A new link for an administrator still invited; every earlier link stops working. */
export async function resendInvitation(adminId: string, actor: Actor, now = new Date()): Promise<IssuedInvitation> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + getConfig().invitationTtlMs);
  const admin = await getDb().$transaction(async (tx) => {
    const admin = await invitedAdmin(tx, adminId);
    await tx.adminInvitation.updateMany({ where: { adminId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await issueInvitation(tx, admin, token, expiresAt, actor, now, { totpRequired: admin.totpRequired, resend: true });
    return admin;
  });
  const link = linkFor(token);
  const role = admin.role as Role;
  return { adminId, email: admin.email, role, link, expiresAt, mail: await mailInvitation({ email: admin.email, role, link, expiresAt, inviter: actor.label }) };
}

/**
 * Withdraws the invitation: its links stop working and the invited administrator is removed
 * (nobody ever signed in as them). The invitation rows stay, so an old link says "revoked".
 */
export async function revokeInvitation(adminId: string, actor: Actor, now = new Date()): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const admin = await invitedAdmin(tx, adminId);
    await tx.adminInvitation.updateMany({ where: { adminId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await tx.adminInvitation.updateMany({ where: { adminId }, data: { adminId: null } });
    // Conditional: an acceptance that committed meanwhile made them ACTIVE, and they stay.
    const removed = await tx.admin.deleteMany({ where: { id: adminId, status: "INVITED" } });
    if (removed.count !== 1) throw acceptedMeanwhile(admin.email);
    await recordEvent(tx, { actor, action: "admin.invite.revoke", target: { type: "admin", id: admin.email }, details: { role: admin.role } }, now);
  });
}

/** What the invitation page shows for a token; the e-mail and role only for a live link. */
export async function findInvitation(token: string, now = new Date()): Promise<{ state: InvitationState; email?: string; role?: Role; twoFactorRequired?: boolean }> {
  const invitation = await findByToken(token);
  const state = stateOf(invitation, now);
  if (state !== "valid" || !invitation?.admin) return { state };
  const twoFactorRequired = invitation.admin.totpRequired || (await getSignInPolicy()).requireTotp;
  return { state, email: invitation.email, role: invitation.role as Role, twoFactorRequired };
}

/**
 * The invitee accepts: name and password are set and the administrator becomes ACTIVE. The
 * conditional update of the invitation makes a link work once, even for two tabs at once.
 */
export async function acceptInvitation(
  token: string,
  input: { name: string; password: string; confirm: string },
  meta: { ip?: string; userAgent?: string } = {},
  now = new Date(),
): Promise<{ email: string; role: Role; twoFactorRequired: boolean }> {
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const found = await findByToken(token);
  const state = stateOf(found, now);
  if (!found || state !== "valid") throw unusable(state);
  const passwordHash = await hashPassword(parsed.data.password);
  const admin = await getDb().$transaction(async (tx) => {
    const claimed = await tx.adminInvitation.updateMany({
      where: { id: found.id, usedAt: null, revokedAt: null, expiresAt: { gt: now }, adminId: { not: null } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw unusable(stateOf(await tx.adminInvitation.findUnique({ where: { id: found.id }, include: { admin: true } }), now));
    const activated = await tx.admin.updateMany({ where: { id: found.adminId!, status: "INVITED" }, data: { status: "ACTIVE", name: parsed.data.name, passwordHash } });
    if (activated.count !== 1) throw unusable("revoked");
    const admin = await tx.admin.findUniqueOrThrow({ where: { id: found.adminId! } });
    const actor: Actor = { kind: "admin", id: admin.id, label: admin.email, role: admin.role as Role, ...meta };
    await recordEvent(tx, { actor, action: "admin.invite.accept", target: { type: "admin", id: admin.email }, details: { role: admin.role } }, now);
    return admin;
  });
  const twoFactorRequired = admin.totpRequired || (await getSignInPolicy()).requireTotp;
  return { email: admin.email, role: admin.role as Role, twoFactorRequired };
}

async function issueInvitation(
  tx: Tx,
  admin: { id: string; email: string; role: string },
  token: string,
  expiresAt: Date,
  actor: Actor,
  now: Date,
  facts: { totpRequired: boolean; resend: boolean },
): Promise<void> {
  await tx.adminInvitation.create({
    data: { tokenHash: hashInvitationToken(token), adminId: admin.id, email: admin.email, role: admin.role, invitedBy: actor.label, createdAt: now, expiresAt },
  });
  // Facts only: the token (and so the link) is never part of an event.
  await recordEvent(tx, {
    actor, action: "admin.invite", target: { type: "admin", id: admin.email },
    details: { role: admin.role, expiresAt: expiresAt.toISOString(), totpRequired: facts.totpRequired, resend: facts.resend },
  }, now);
}

async function invitedAdmin(tx: Tx, adminId: string) {
  const admin = await tx.admin.findUnique({ where: { id: adminId } });
  if (!admin) throw new InkanError("NOT_FOUND", { en: "No such administrator: reload the page.", ja: "該当する管理者がいません。ページを再読み込みしてください。" });
  if (admin.status !== "INVITED") throw acceptedMeanwhile(admin.email);
  return admin;
}

function findByToken(token: string) {
  if (!TOKEN_SHAPE.test(token)) return Promise.resolve(null);
  return getDb().adminInvitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, include: { admin: true } });
}

type FoundInvitation = Awaited<ReturnType<typeof findByToken>>;

function stateOf(invitation: FoundInvitation, now: Date): InvitationState {
  if (!invitation) return "unknown";
  if (invitation.usedAt) return "used";
  if (invitation.revokedAt || !invitation.admin || invitation.admin.status !== "INVITED") return "revoked";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

function unusable(state: InvitationState): InkanError {
  const text: LocalizedText = { en: AUTH_MESSAGES.en.invite[state === "valid" ? "unknown" : state], ja: AUTH_MESSAGES.ja.invite[state === "valid" ? "unknown" : state] };
  return new InkanError(state === "unknown" ? "NOT_FOUND" : "CONFLICT", text, { invitation: state });
}

function alreadyThere(email: string, invited: boolean): InkanError {
  return invited
    ? new InkanError("CONFLICT", { en: `${email} is already invited. Use "Resend invitation" in the list for a new link.`, ja: `${email} はすでに招待中です。新しいリンクは一覧の「招待を再送」で作成してください。` })
    : new InkanError("CONFLICT", { en: `An administrator with the e-mail ${email} already exists.`, ja: `メールアドレス ${email} の管理者はすでに存在します。` });
}

function acceptedMeanwhile(email: string): InkanError {
  return new InkanError("CONFLICT", {
    en: `${email} is no longer invited (the invitation was accepted or withdrawn). Reload the page; to remove an active administrator, disable them.`,
    ja: `${email} は招待中ではありません（招待は受諾済みか取り消し済みです）。ページを再読み込みしてください。有効な管理者を外すには無効化してください。`,
  });
}

function linkFor(token: string): string {
  return `${getConfig().publicUrl}${INVITE_PATH}${token}`;
}

/** Both languages in one e-mail (the invitee's language is unknown), Japanese first like the alerts. */
async function mailInvitation(v: { email: string; role: Role; link: string; expiresAt: Date; inviter: string }): Promise<NoticeOutcome> {
  const values = { inviter: v.inviter, role: v.role, link: v.link, expires: `${v.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` };
  const outcome = await sendNotice({
    to: v.email,
    subject: `[Inkan] ${AUTH_MESSAGES.ja.mail.subject} / ${AUTH_MESSAGES.en.mail.subject}`,
    text: `${fill(AUTH_MESSAGES.ja.mail.body, values)}\n\n----\n\n${fill(AUTH_MESSAGES.en.mail.body, values)}\n`,
  });
  // The log names the address and the SMTP server's answer, never the link.
  if (outcome.status === "failed") console.warn(`[inkan] the invitation e-mail to ${v.email} was not sent: ${outcome.error}`);
  return outcome;
}
