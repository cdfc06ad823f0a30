import { getConfig } from "@/lib/config";
import { requireActor } from "./guard";
import { findInvitation } from "./invitations";
import { findAdminById, listAdmins, listApiTokens } from "./data";
import { getSignInPolicy, twoFactorState } from "./two-factor";
import { ADMIN_ONLY, EVERYONE } from "./types";

export async function loadApiTokens() {
  await requireActor(ADMIN_ONLY);
  return listApiTokens();
}

export async function loadAdministrators() {
  const actor = await requireActor(ADMIN_ONLY);
  const [admins, policy] = await Promise.all([listAdmins(), getSignInPolicy()]);
  return { admins, policy, selfId: actor.id, invitationHours: getConfig().invitationTtlMs / 3_600_000 };
}

/** The public invitation page: the token is checked, nothing else (the invitee has no session). */
export function loadInvitation(token: string) {
  return findInvitation(token);
}

/** The Security page: reachable while a required second factor is still being set up. */
export async function loadOwnSecurity() {
  const actor = await requireActor(EVERYONE, { duringTwoFactorSetup: true });
  const admin = actor.kind === "admin" && actor.id ? await findAdminById(actor.id) : null;
  if (!admin) return null;
  return { email: admin.email, role: admin.role, twoFactor: await twoFactorState(admin) };
}
