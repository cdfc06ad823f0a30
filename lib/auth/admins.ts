// Administrator management (ADMIN only, from /ra/admins and the CLI). The console must
// always keep one active ADMIN: every change that could remove the last one is refused.
import { getDb, type Tx } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { firstIssueError, validationError } from "@/lib/i18n/validation";
import { recordEvent, type Actor } from "@/lib/audit";
import { hashPassword, verifyPassword } from "./passwords";
import { changePasswordSchema, passwordSchema, updateAdminSchema } from "./schema";
import type { z } from "zod";

export type AdminChange = z.input<typeof updateAdminSchema>;

export async function updateAdmin(adminId: string, change: AdminChange, actor: Actor): Promise<void> {
  const parsed = updateAdminSchema.safeParse(change);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const next = parsed.data;
  await getDb().$transaction(async (tx) => {
    const admin = await tx.admin.findUnique({ where: { id: adminId } });
    if (!admin) throw new InkanError("NOT_FOUND", { en: "No such administrator: reload the page.", ja: "該当する管理者がいません。ページを再読み込みしてください。" });
    // Self-demotion and self-disabling are refused rather than confirmed: the ADMIN would
    // lose this page at once and could not undo it, and a role change of an ADMIN is a
    // decision another ADMIN should take (four eyes). The console asks another ADMIN.
    if (actor.id === adminId && next.status === "DISABLED") {
      throw new InkanError("CONFLICT", { en: "You cannot disable yourself. Ask another ADMIN.", ja: "自分自身は無効化できません。ほかの ADMIN に依頼してください。" });
    }
    if (actor.id === adminId && next.role && next.role !== admin.role) {
      throw new InkanError("CONFLICT", { en: "You cannot change your own role. Ask another ADMIN.", ja: "自分自身のロールは変更できません。ほかの ADMIN に依頼してください。" });
    }
    if (admin.status === "INVITED" && next.status) {
      throw new InkanError("CONFLICT", {
        en: `${admin.email} has not accepted the invitation yet: resend or revoke the invitation instead.`,
        ja: `${admin.email} はまだ招待を受諾していません。代わりに招待の再送または取り消しを行ってください。`,
      });
    }
    const losesAdmin = admin.role === "ADMIN" && admin.status === "ACTIVE" && ((next.role && next.role !== "ADMIN") || next.status === "DISABLED");
    if (losesAdmin && (await otherActiveAdmins(tx, adminId)) === 0) {
      throw new InkanError("CONFLICT", {
        en: `${admin.email} is the only active ADMIN. Make another administrator ADMIN first.`,
        ja: `${admin.email} は唯一の有効な ADMIN です。先にほかの管理者を ADMIN にしてください。`,
      });
    }
    const data = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
    if (Object.keys(data).length === 0) return;
    await tx.admin.update({ where: { id: adminId }, data });
    const changed = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { from: admin[k as keyof typeof admin] ?? null, to: v }]));
    await recordEvent(tx, { actor, action: "admin.update", target: { type: "admin", id: admin.email }, details: changed });
  });
}

/** An ADMIN sets a new password for an administrator who lost theirs (told to them out of band). */
export async function resetAdminPassword(adminId: string, password: string, actor: Actor): Promise<void> {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw firstIssueError(parsed.error.issues);
  const passwordHash = await hashPassword(parsed.data);
  await getDb().$transaction(async (tx) => {
    const admin = await tx.admin.findUnique({ where: { id: adminId } });
    if (!admin) throw new InkanError("NOT_FOUND", { en: "No such administrator: reload the page.", ja: "該当する管理者がいません。ページを再読み込みしてください。" });
    if (admin.status === "INVITED") {
      throw new InkanError("CONFLICT", {
        en: `${admin.email} has not accepted the invitation yet and chooses a password when they do: resend the invitation instead.`,
        ja: `${admin.email} はまだ招待を受諾していません。パスワードは受諾時に本人が設定します。代わりに招待を再送してください。`,
      });
    }
    await tx.admin.update({ where: { id: adminId }, data: { passwordHash } });
    await recordEvent(tx, { actor, action: "admin.password", target: { type: "admin", id: admin.email }, details: { change: "reset by an administrator" } });
  });
}

/** The signed-in administrator changes their own password; the current one is required. */
export async function changeOwnPassword(actor: Actor, input: { current: string; next: string }): Promise<void> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  if (actor.kind !== "admin" || !actor.id) throw new InkanError("FORBIDDEN", { en: "Only a signed-in administrator can change their password.", ja: "パスワードを変更できるのはログインしている管理者だけです。" });
  const db = getDb();
  const admin = await db.admin.findUnique({ where: { id: actor.id } });
  if (!admin || !(await verifyPassword(admin.passwordHash, parsed.data.current))) {
    throw new InkanError("VALIDATION", { en: "The current password is wrong.", ja: "現在のパスワードが違います。" });
  }
  const passwordHash = await hashPassword(parsed.data.next);
  await db.$transaction(async (tx) => {
    await tx.admin.update({ where: { id: admin.id }, data: { passwordHash } });
    await recordEvent(tx, { actor, action: "admin.password", target: { type: "admin", id: admin.email }, details: { change: "changed by its owner" } });
  });
}

export async function setSignInPolicy(policy: { requireTotp: boolean }, actor: Actor): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await tx.signInPolicy.upsert({ where: { id: 1 }, create: { id: 1, requireTotp: policy.requireTotp }, update: { requireTotp: policy.requireTotp } });
    await recordEvent(tx, { actor, action: "signin-policy.update", details: { requireTotp: policy.requireTotp } });
  });
}

function otherActiveAdmins(tx: Tx, adminId: string): Promise<number> {
  return tx.admin.count({ where: { role: "ADMIN", status: "ACTIVE", id: { not: adminId } } });
}
