import { loadDeliveryConfig } from "./data";
import { createMailer, describeSendError } from "./mailer";

/** What became of one e-mail sent for another domain (an administrator invitation). */
export type NoticeOutcome = { status: "sent" } | { status: "not-configured" } | { status: "failed"; error: string };

/**
 * Sends one e-mail through the SMTP server and from address of the alert settings (the
 * console has one mail setup). Never throws: the caller decides what a failure means, and
 * the SMTP server's refusal comes back as one line without the credentials.
 */
export async function sendNotice(mail: { to: string; subject: string; text: string }): Promise<NoticeOutcome> {
  const { email } = await loadDeliveryConfig();
  if (!email) return { status: "not-configured" };
  const mailer = createMailer(email);
  try {
    await mailer.send({ to: [mail.to], subject: mail.subject, text: mail.text });
    return { status: "sent" };
  } catch (err) {
    return { status: "failed", error: describeSendError(err) };
  } finally {
    mailer.close();
  }
}
