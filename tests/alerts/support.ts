// Real receivers for the alert tests: an SMTP server (smtp-server) and an HTTP webhook
// receiver, both on a random loopback port, recording what they accepted.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  envelopeTo: string[];
  from: string;
  subject: string;
  text: string;
  raw: string;
  auth: { username?: string; password?: string } | null;
}

export interface TestSmtp {
  port: number;
  mails: ReceivedMail[];
  /** While set, every RCPT TO is refused with a temporary 451 error. */
  failing: boolean;
  close(): Promise<void>;
}

/** RFC 2047 encoded-words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=) of a header value, decoded. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === "b"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"));
}

/** The headers and the decoded text body of a single-part text/plain message (what Inkan sends). */
export function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = raw.slice(split + 4);
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  let text: string;
  if (encoding === "base64") text = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  else if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    text = Buffer.from(bytes, "latin1").toString("utf8");
  } else text = body;
  return { headers, text: text.replace(/\r\n/g, "\n") };
}

export async function startSmtpServer(): Promise<TestSmtp> {
  const state = { failing: false };
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true, // loopback only; a real server is reached over TLS
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: { username: auth.username, password: auth.password } });
    },
    onRcptTo(_address, _session, callback) {
      if (state.failing) {
        const err = new Error("Mailbox temporarily unavailable (test)") as Error & { responseCode: number };
        err.responseCode = 451;
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("latin1");
        const { headers, text } = parseMail(raw);
        mails.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          subject: decodeWords(headers.subject ?? ""),
          text,
          raw,
          auth: (session.user as ReceivedMail["auth"]) ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    get failing() {
      return state.failing;
    },
    set failing(v: boolean) {
      state.failing = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  /** The receiver's own check of X-Inkan-Signature with the shared secret. */
  signatureValid: boolean;
}

export interface TestWebhook {
  url: string;
  hooks: ReceivedHook[];
  /** The HTTP status answered (200 by default). */
  status: number;
  close(): Promise<void>;
}

/** How a receiver checks a delivery: HMAC-SHA256 over "<timestamp>.<body>", compared in constant time. */
export function verifyInkanSignature(secret: string, timestamp: string | undefined, body: string, header: string | undefined): boolean {
  if (!timestamp || !header?.startsWith("sha256=")) return false;
  const expected = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest();
  const given = Buffer.from(header.slice(7), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookReceiver(secret: string): Promise<TestWebhook> {
  const hooks: ReceivedHook[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const signatureValid = verifyInkanSignature(secret, req.headers["x-inkan-timestamp"] as string | undefined, body, req.headers["x-inkan-signature"] as string | undefined);
      hooks.push({ headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown>, signatureValid });
      res.writeHead(state.status, { "content-type": "text/plain" }).end(state.status === 200 ? "ok" : "fail");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/inkan`,
    hooks,
    get status() {
      return state.status;
    },
    set status(v: number) {
      state.status = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
