// Two-factor sign-in for administrators (TOTP). Gléas requires a second factor for its RA;
// Inkan lets an administrator enrol an authenticator app, and lets ADMINs require it per
// administrator or for everyone (SignInPolicy).
import { getDb, toBytes } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { openSecret, sealSecret } from "@/lib/secrets";
import { recordEvent, type Actor } from "@/lib/audit";
import { generateTotpSecret, otpauthUri, base32Encode, verifyTotp } from "./totp";

const purpose = (adminId: string) => `totp:${adminId}`;

export interface TwoFactorState {
  enrolled: boolean;
  /** Required for this administrator, by their own flag or the console-wide policy. */
  required: boolean;
}

export async function getSignInPolicy(): Promise<{ requireTotp: boolean }> {
  const row = await getDb().signInPolicy.findUnique({ where: { id: 1 } });
  return { requireTotp: row?.requireTotp ?? false };
}

export async function twoFactorState(admin: { totpEnabledAt: Date | null; totpRequired: boolean }): Promise<TwoFactorState> {
  const enrolled = admin.totpEnabledAt !== null;
  const required = admin.totpRequired || (!enrolled && (await getSignInPolicy()).requireTotp);
  return { enrolled, required };
}

/**
 * Checks a code at sign-in and consumes its time step. The conditional update makes two
 * concurrent sign-ins with the same code accept it at most once.
 */
export async function acceptTotpCode(adminId: string, code: string, now: Date): Promise<boolean> {
  const db = getDb();
  const admin = await db.admin.findUnique({ where: { id: adminId }, select: { totpSecretSealed: true, totpEnabledAt: true, totpLastStep: true } });
  if (!admin?.totpSecretSealed || !admin.totpEnabledAt) return false;
  const step = verifyTotp(openSecret(admin.totpSecretSealed, purpose(adminId)), code, now, admin.totpLastStep);
  if (step === null) return false;
  const claimed = await db.admin.updateMany({
    where: { id: adminId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return claimed.count === 1;
}

/**
 * Starts enrolment for the signed-in administrator: a new secret is stored (sealed) but not
 * yet in force. Returns what the authenticator app needs; the secret is shown only here.
 */
export async function beginTotpEnrollment(actor: Actor): Promise<{ secret: string; uri: string }> {
  const adminId = requireAdminActor(actor);
  const db = getDb();
  const admin = await db.admin.findUnique({ where: { id: adminId } });
  if (!admin) throw new InkanError("NOT_FOUND", { en: "No such administrator.", ja: "その管理者はいません。" });
  if (admin.totpEnabledAt) {
    throw new InkanError("CONFLICT", { en: "Two-factor sign-in is already set up. To move to a new phone, ask an ADMIN to reset it, then set it up again.", ja: "二要素認証はすでに設定されています。新しい端末に移すには、ADMIN にリセットを依頼してから設定し直してください。" });
  }
  const secret = generateTotpSecret();
  await db.admin.update({ where: { id: adminId }, data: { totpSecretSealed: toBytes(sealSecret(secret, purpose(adminId))), totpLastStep: null } });
  return { secret: base32Encode(secret), uri: otpauthUri(secret, admin.email) };
}

/** Puts the pending secret in force once the administrator proves their app shows its codes. */
export async function confirmTotpEnrollment(actor: Actor, code: string, now = new Date()): Promise<void> {
  const adminId = requireAdminActor(actor);
  await getDb().$transaction(async (tx) => {
    const admin = await tx.admin.findUnique({ where: { id: adminId } });
    if (!admin?.totpSecretSealed) throw new InkanError("CONFLICT", { en: "Start the set-up first: no authenticator secret is pending.", ja: "先に設定を開始してください。保留中の認証アプリの秘密鍵がありません。" });
    if (admin.totpEnabledAt) throw new InkanError("CONFLICT", { en: "Two-factor sign-in is already set up.", ja: "二要素認証はすでに設定されています。" });
    const step = verifyTotp(openSecret(admin.totpSecretSealed, purpose(adminId)), code, now, admin.totpLastStep);
    if (step === null) {
      throw new InkanError("VALIDATION", { en: "That code does not match. Check that the phone's clock is right and type the 6 digits shown now.", ja: "コードが一致しません。端末の時計が正しいことを確認し、いま表示されている6桁を入力してください。" });
    }
    await tx.admin.update({ where: { id: adminId }, data: { totpEnabledAt: now, totpLastStep: step } });
    await recordEvent(tx, { actor, action: "admin.totp", target: { type: "admin", id: admin.email }, details: { change: "enabled" } }, now);
  });
}

/** An ADMIN removes an administrator's authenticator (lost phone); they enrol again. */
export async function resetTotp(adminId: string, actor: Actor): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const admin = await tx.admin.findUnique({ where: { id: adminId } });
    if (!admin) throw new InkanError("NOT_FOUND", { en: "No such administrator.", ja: "その管理者はいません。" });
    await tx.admin.update({ where: { id: adminId }, data: { totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null } });
    await recordEvent(tx, { actor, action: "admin.totp", target: { type: "admin", id: admin.email }, details: { change: "reset" } });
  });
}

function requireAdminActor(actor: Actor): string {
  if (actor.kind !== "admin" || !actor.id) throw new InkanError("FORBIDDEN", { en: "Only a signed-in administrator can set up their own two-factor sign-in.", ja: "自分の二要素認証を設定できるのはログインしている管理者だけです。" });
  return actor.id;
}
