"use server";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { requireActor } from "@/lib/auth/guard";
import { clientIp } from "@/lib/auth/options";
import { ADMIN_ONLY } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { recordStandaloneEvent } from "@/lib/audit";
import { runAction, type ActionResult } from "@/lib/action-result";
import { createUa, resetDelivery, updateUa } from "./mutations";
import { openUaSession, sealUaSession, UA_LAYOUT_COOKIE, UA_SESSION_COOKIE, uaCookieOptions, uaLayoutCookieOptions } from "./session";
import { parseLayoutChoice } from "./policy";
import { uaNameSchema } from "./schema";
import { signInUaUser, uaUserActor } from "./sign-in";
import { uaNow } from "./clock";
import type { SignInRefusal } from "./types";
import type { UaSettingsInput } from "./schema";

async function requestMeta() {
  const h = await headers();
  return { ip: clientIp(h.get("x-forwarded-for"), h.get("x-real-ip")), userAgent: h.get("user-agent") ?? undefined };
}

/** UA portal: sign in with user ID and UA password; sets the UA session cookie. */
export async function uaSignInAction(uaName: string, _prev: unknown, form: FormData): Promise<{ ok: boolean; reason?: SignInRefusal | "error"; lockedUntil?: string }> {
  try {
    const result = await signInUaUser(uaName, { userId: String(form.get("userId") ?? ""), password: String(form.get("password") ?? "") }, await requestMeta(), uaNow(uaName));
    if (!result.ok) return { ok: false, reason: result.reason, lockedUntil: result.lockedUntil?.toISOString() };
    (await cookies()).set(UA_SESSION_COOKIE, sealUaSession(uaName, result.session), uaCookieOptions(uaName, getConfig().publicUrl.startsWith("https:")));
    return { ok: true };
  } catch (err) {
    console.error("[inkan] UA sign-in failed:", err instanceof Error ? err.stack : err);
    return { ok: false, reason: "error" };
  }
}

/** UA portal: sign out (audited when a session was open). */
export async function uaSignOutAction(uaName: string): Promise<void> {
  const jar = await cookies();
  const now = uaNow(uaName);
  const session = openUaSession(uaName, jar.get(UA_SESSION_COOKIE)?.value, now);
  jar.set(UA_SESSION_COOKIE, "", { ...uaCookieOptions(uaName, getConfig().publicUrl.startsWith("https:")), maxAge: 0 });
  if (session) await recordStandaloneEvent({ actor: uaUserActor(uaName, session.accountName, await requestMeta()), action: "ua.signout", target: { type: "account", id: session.accountName }, details: { ua: uaName } }, now);
}

/** UA portal: remember the layout the user picked (the iPhone layout reaches the profile from an iPad). */
export async function chooseUaLayoutAction(uaName: string, layout: string): Promise<void> {
  const name = uaNameSchema.safeParse(uaName);
  const choice = parseLayoutChoice(layout);
  if (!name.success || !choice) return;
  (await cookies()).set(UA_LAYOUT_COOKIE, choice, uaLayoutCookieOptions(name.data, getConfig().publicUrl.startsWith("https:")));
}

function settingsFrom(form: FormData): UaSettingsInput {
  const get = (k: string) => String(form.get(k) ?? "");
  const on = (k: string) => form.get(k) === "on";
  return {
    name: get("name"), caSlug: get("caSlug"), importToStore: on("importToStore"), certificateStore: get("certificateStore") === "MACHINE" ? "MACHINE" : "USER",
    importOnce: on("importOnce"), downloadAllowed: on("downloadAllowed"), downloadWindowMinutes: get("downloadWindowMinutes") || "0",
    iphoneUa: on("iphoneUa"), iphoneLayout: on("iphoneLayout"), protectWithLoginPassword: on("protectWithLoginPassword"),
    profileName: get("profileName"), profileIdentifier: get("profileIdentifier"), profileOrganization: get("profileOrganization"), profileDescription: get("profileDescription"),
    androidDownload: on("androidDownload"), macDownload: on("macDownload"), selfEnroll: on("selfEnroll"),
    pkcs12Encryption: get("pkcs12Encryption") === "aes256" ? "aes256" : "legacy", lockThreshold: get("lockThreshold") || "5", lockMinutes: get("lockMinutes") || "15",
    acceptApplications: on("acceptApplications"), applicationGroupIds: form.getAll("applicationGroupIds").map(String).filter(Boolean),
  };
}

/** RA console (ADMIN): create a UA, or save an existing one's settings when `existing` is set. */
export async function saveUaAction(existing: string | null, _prev: unknown, form: FormData): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const ua = existing ? await updateUa(existing, settingsFrom(form), actor) : await createUa(settingsFrom(form), actor);
    revalidatePath("/ra/enrollment");
    return { name: ua.name };
  });
}

/** RA console (ADMIN): reset a delivery lock for a user who lost the device. */
export async function resetDeliveryAction(deliveryId: string, uaName: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await resetDelivery(deliveryId, actor);
    revalidatePath(`/ra/enrollment/${uaName}`);
    return undefined;
  });
}
