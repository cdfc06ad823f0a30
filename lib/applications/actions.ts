"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requireActor } from "@/lib/auth/guard";
import { clientIp } from "@/lib/auth/options";
import { STAFF } from "@/lib/auth";
import { runAction, type ActionResult } from "@/lib/action-result";
import { approveApplication, rejectApplication } from "./decide";
import { submitApplication } from "./submit";
import type { SubmitOutcome } from "./types";

/** UA portal (public while the UA takes applications): submit a registration application. */
/** What the form gets back: the outcome, and after a refusal what was typed (never the password) to fill the form again. */
export type SubmitActionResult = (SubmitOutcome | { ok: false; reason: "error" }) & { values?: Record<"userId" | "displayName" | "email" | "note", string> };

export async function submitApplicationAction(uaName: string, _prev: unknown, form: FormData): Promise<SubmitActionResult> {
  const get = (k: string) => String(form?.get?.(k) ?? "");
  const values = { userId: get("userId"), displayName: get("displayName"), email: get("email"), note: get("note") };
  try {
    const h = await headers();
    const outcome = await submitApplication(
      uaName,
      { userId: get("userId"), displayName: get("displayName"), email: get("email"), password: get("password"), confirm: get("confirm"), note: get("note") },
      { ip: clientIp(h.get("x-forwarded-for"), h.get("x-real-ip")), userAgent: h.get("user-agent") ?? undefined },
    );
    if (outcome.ok) {
      revalidatePath("/ra/applications");
      return outcome;
    }
    return { ...outcome, values };
  } catch (err) {
    console.error("[inkan] registration application failed:", err instanceof Error ? err.stack : err);
    return { ok: false, reason: "error", values };
  }
}

/** RA console (ADMIN, OPERATOR): approve; creates the account. */
export async function approveApplicationAction(id: string): Promise<ActionResult<{ accountName: string; groups: string[] }>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const result = await approveApplication(String(id), actor);
    revalidatePath("/ra/applications");
    revalidatePath(`/ra/applications/${id}`);
    return result;
  });
}

/** RA console (ADMIN, OPERATOR): reject with a reason. */
export async function rejectApplicationAction(id: string, _prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    await rejectApplication(String(id), String(form?.get?.("reason") ?? ""), actor);
    revalidatePath("/ra/applications");
    revalidatePath(`/ra/applications/${id}`);
    return undefined;
  });
}
