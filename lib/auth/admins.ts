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
    if (!admin) throw new InkanError("NOT_FOUND", { en: "No such administrator.", ja: "その管理者はいません。" });
    if (next.status === "DISABLED" && actor.id === adminId) {
      throw new InkanError("CONFLICT", { en: "You cannot disable yourself. Ask another ADMIN.", ja: "自分自身は無効にできません。別の ADMIN に依頼してください。" });
    }
    const losesAdmin = admin.role === "ADMIN" && admin.status === "ACTIVE" && ((next.role && next.role !== "ADMIN") || next.status === "DISABLED");
    if (losesAdmin && (await otherActiveAdmins(tx, adminId)) === 0) {
      throw new InkanError("CONFLICT", { en: `${admin.email} is the only active ADMIN. Make another administrator ADMIN first.`, ja: `${admin.email} は唯一の有効な ADMIN です。先に別の管理者を ADMIN にしてください。` });
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
    if (!admin) throw new InkanError("NOT_FOUND", { en: "No such administrator.", ja: "その管理者はいません。" });
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
