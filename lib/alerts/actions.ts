"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/guard";
import { ADMIN_ONLY } from "@/lib/auth";
import { runAction, type ActionResult } from "@/lib/action-result";
import { saveAlertSettings, sendTestEmail } from "./mutations";

const text = (form: FormData, k: string) => String(form.get(k) ?? "");

/** RA (ADMIN): save SMTP and webhook settings. */
export async function saveAlertSettingsAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await saveAlertSettings({
      emailEnabled: form.get("emailEnabled") === "on", smtpHost: text(form, "smtpHost"), smtpPort: text(form, "smtpPort") || "587",
      smtpSecure: form.get("smtpSecure") === "on", smtpUser: text(form, "smtpUser"), smtpPassword: text(form, "smtpPassword"),
      clearSmtpPassword: form.get("clearSmtpPassword") === "on", fromAddress: text(form, "fromAddress"), adminRecipients: text(form, "adminRecipients"),
      webhookEnabled: form.get("webhookEnabled") === "on", webhookUrl: text(form, "webhookUrl"), webhookSecret: text(form, "webhookSecret"),
      clearWebhookSecret: form.get("clearWebhookSecret") === "on",
    }, actor);
    revalidatePath("/ra/alerts");
    return undefined;
  });
}

/** RA (ADMIN): send a test e-mail through the saved settings. */
export async function sendTestEmailAction(_prev: unknown, form: FormData): Promise<ActionResult<{ to: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    return sendTestEmail({ to: text(form, "to") }, actor);
  });
}
