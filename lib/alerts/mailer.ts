import nodemailer from "nodemailer";
import type { DeliveryConfig } from "./data";

export interface OutgoingMail {
  to: string[];
  bcc?: string[];
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

// Short timeouts: a tick must not hang on an unreachable server; a failure is retried next tick.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** An SMTP mailer over one pooled connection for a tick (nodemailer). */
export function createMailer(config: NonNullable<DeliveryConfig["email"]>): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
    pool: true,
    maxConnections: 1,
    logger: false,
    debug: false,
    ...TIMEOUTS,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: config.from, to: mail.to, bcc: mail.bcc, subject: mail.subject, text: mail.text });
    },
    close() {
      transport.close();
    },
  };
}

/** A sending error as one line for the console and the log; SMTP servers never echo the password. */
export function describeSendError(err: unknown): string {
  const e = err as { message?: string; code?: string; responseCode?: number };
  const text = [e.code, e.responseCode, e.message ?? String(err)].filter(Boolean).join(" ");
  return text.replace(/\s+/g, " ").slice(0, 500);
}
