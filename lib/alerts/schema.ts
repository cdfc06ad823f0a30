import { z } from "zod";

// A checkbox: "on" from a form, or a boolean from code; absent is off.
const flag = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).optional().default(false);
const email = z.string().trim().email();

/** "a@x, b@y\nc@z" → distinct addresses (validated by alertSettingsSchema). */
export function splitRecipients(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((a) => a.trim().toLowerCase()).filter(Boolean))];
}

export const alertSettingsSchema = z
  .object({
    emailEnabled: flag,
    smtpHost: z.string().trim().max(253, "The host name is at most 253 characters.").regex(/^[A-Za-z0-9.:[\]-]*$/, "The SMTP server is a host name or an IP address, like smtp.example.com."),
    smtpPort: z.coerce.number().int("The port is a whole number.").min(1, "The port is 1-65535.").max(65535, "The port is 1-65535."),
    smtpSecure: flag,
    smtpUser: z.string().trim().max(256),
    // Empty: keep the stored password (it is never shown back).
    smtpPassword: z.string().max(1024).default(""),
    clearSmtpPassword: flag,
    fromAddress: z.string().trim().max(254, "The address is too long.").refine((v) => v === "" || email.safeParse(v).success, "The from address must be an e-mail address like inkan@example.com."),
    adminRecipients: z.string().max(4000).default(""),
    webhookEnabled: flag,
    webhookUrl: z.string().trim().max(2048, "The URL is at most 2048 characters.").default(""),
    webhookSecret: z.string().max(1024).default(""),
    clearWebhookSecret: flag,
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.emailEnabled && !v.smtpHost) issue("smtpHost", "Enter the SMTP server to send e-mail through.");
    if (v.emailEnabled && !v.fromAddress) issue("fromAddress", "Enter the address alerts are sent from.");
    if (v.webhookUrl) {
      let url: URL | undefined;
      try {
        url = new URL(v.webhookUrl);
      } catch {
        url = undefined;
      }
      if (!url || !["http:", "https:"].includes(url.protocol)) issue("webhookUrl", "The webhook URL must start with https:// or http://.");
      else if (url.username || url.password) issue("webhookUrl", "Put no credentials in the webhook URL; the signature authenticates Inkan.");
    } else if (v.webhookEnabled) issue("webhookUrl", "Enter the webhook URL to POST alerts to.");
    if (v.webhookSecret && v.webhookSecret.length < 16) issue("webhookSecret", "The signing secret needs at least 16 characters.");
    const recipients = splitRecipients(v.adminRecipients);
    if (recipients.length > 50) issue("adminRecipients", "At most 50 administrator addresses.");
    for (const a of recipients) {
      if (!email.safeParse(a).success) {
        issue("adminRecipients", `"${a}" is not an e-mail address.`);
        break;
      }
    }
  });

export type AlertSettingsInput = z.input<typeof alertSettingsSchema>;

export const testEmailSchema = z.object({ to: z.string().trim().email("Enter the address to send the test e-mail to, like you@example.com.").max(254, "The address is too long.") });
