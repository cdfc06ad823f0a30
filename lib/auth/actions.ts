"use server";
import { revalidatePath } from "next/cache";
import { InkanError } from "@/lib/errors";
import { firstIssueError, validationError } from "@/lib/i18n/validation";
import { runAction, type ActionResult } from "@/lib/action-result";
import { requestMeta, requireActor } from "./guard";
import { acceptInvitation, inviteAdmin, resendInvitation, revokeInvitation } from "./invitations";
import { createAdmin, createApiToken, revokeApiToken } from "./mutations";
import { changeOwnPassword, resetAdminPassword, setSignInPolicy, updateAdmin, type AdminChange } from "./admins";
import { beginTotpEnrollment, confirmTotpEnrollment, resetTotp } from "./two-factor";
import { createApiTokenSchema, totpCodeSchema } from "./schema";
import { ADMIN_ONLY, EVERYONE, ROLES, type Role } from "./types";

export async function createApiTokenAction(_prev: unknown, form: FormData): Promise<ActionResult<{ secret: string; name: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const parsed = createApiTokenSchema.safeParse({ name: form.get("name"), role: form.get("role") });
    if (!parsed.success) throw validationError(parsed.error.issues);
    const token = await createApiToken({ ...parsed.data, adminId: actor.id }, actor);
    revalidatePath("/ra/tokens");
    return { secret: token.secret, name: parsed.data.name };
  });
}

export async function revokeApiTokenAction(id: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await revokeApiToken(id, actor);
    revalidatePath("/ra/tokens");
    return null;
  });
}

export async function createAdminAction(_prev: unknown, form: FormData): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const role = ROLES.find((r) => r === form.get("role")) as Role | undefined;
    if (!role) throw new InkanError("VALIDATION", { en: `Choose a role: ${ROLES.join(", ")}.`, ja: `ロールを選んでください: ${ROLES.join(", ")}。` });
    const email = String(form.get("email") ?? "");
    await createAdmin({ email, name: String(form.get("name") ?? "") || undefined, role, password: String(form.get("password") ?? "") }, actor);
    revalidatePath("/ra/admins");
    return { email: email.trim().toLowerCase() };
  });
}

/** What the inviting ADMIN sees once: the link, and whether it was mailed. */
export interface InvitationResult {
  email: string;
  link: string;
  expiresAt: string;
  mail: { status: "sent" | "not-configured" | "failed"; error?: string };
}

export async function inviteAdminAction(_prev: unknown, form: FormData): Promise<ActionResult<InvitationResult>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const issued = await inviteAdmin({ email: String(form.get("email") ?? ""), role: String(form.get("role") ?? ""), totpRequired: form.get("totpRequired") === "on" }, actor);
    revalidatePath("/ra/admins");
    return { email: issued.email, link: issued.link, expiresAt: issued.expiresAt.toISOString(), mail: issued.mail };
  });
}

export async function resendInvitationAction(adminId: string): Promise<ActionResult<InvitationResult>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const issued = await resendInvitation(adminId, actor);
    revalidatePath("/ra/admins");
    return { email: issued.email, link: issued.link, expiresAt: issued.expiresAt.toISOString(), mail: issued.mail };
  });
}

export async function revokeInvitationAction(adminId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await revokeInvitation(adminId, actor);
    revalidatePath("/ra/admins");
    return null;
  });
}

// Public on purpose: the invitee has no session yet. The token is the credential; the use
// case refuses an unknown, used, revoked or expired one before anything is written.
export async function acceptInvitationAction(token: string, _prev: unknown, form: FormData): Promise<ActionResult<{ email: string; twoFactorRequired: boolean }>> {
  return runAction(async () => {
    if (typeof token !== "string") throw new InkanError("NOT_FOUND", { en: "This invitation link is not valid.", ja: "この招待リンクは無効です。" });
    const input = { name: String(form?.get?.("name") ?? ""), password: String(form?.get?.("password") ?? ""), confirm: String(form?.get?.("confirm") ?? "") };
    const accepted = await acceptInvitation(token, input, await requestMeta());
    return { email: accepted.email, twoFactorRequired: accepted.twoFactorRequired };
  });
}

export async function updateAdminAction(adminId: string, change: AdminChange): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await updateAdmin(adminId, change, actor);
    revalidatePath("/ra/admins");
    return null;
  });
}

export async function resetAdminPasswordAction(adminId: string, password: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await resetAdminPassword(adminId, password, actor);
    return null;
  });
}

export async function resetTotpAction(adminId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await resetTotp(adminId, actor);
    revalidatePath("/ra/admins");
    return null;
  });
}

export async function setSignInPolicyAction(requireTotp: boolean): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await setSignInPolicy({ requireTotp }, actor);
    revalidatePath("/ra/admins");
    return null;
  });
}

// The Security page's actions work for every role, and also before a required second
// factor is set up (that is what the page is for).
export async function changeOwnPasswordAction(_prev: unknown, form: FormData): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor(EVERYONE, { duringTwoFactorSetup: true });
    await changeOwnPassword(actor, { current: String(form.get("current") ?? ""), next: String(form.get("next") ?? "") });
    return null;
  });
}

export async function beginTotpEnrollmentAction(): Promise<ActionResult<{ secret: string; uri: string }>> {
  return runAction(async () => {
    const actor = await requireActor(EVERYONE, { duringTwoFactorSetup: true });
    return beginTotpEnrollment(actor);
  });
}

export async function confirmTotpEnrollmentAction(_prev: unknown, form: FormData): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor(EVERYONE, { duringTwoFactorSetup: true });
    const code = totpCodeSchema.safeParse(form.get("code") ?? "");
    if (!code.success) throw firstIssueError(code.error.issues);
    await confirmTotpEnrollment(actor, code.data);
    revalidatePath("/ra/security");
    return null;
  });
}
