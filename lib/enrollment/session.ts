import { InkanError } from "@/lib/errors";
import { openSecret, sealSecret } from "@/lib/secrets";

// The end user's UA session: not next-auth's administrator session. The cookie is the
// session sealed with AES-256-GCM under the master key (confidential and tamper-evident),
// bound to the UA by the associated data, scoped to /<ua>/ua, HttpOnly, SameSite=Lax,
// and short-lived. The login password rides along only when the UA protects PKCS#12
// files with it, because the server never stores it.
export const UA_SESSION_COOKIE = "inkan-ua";
export const UA_SESSION_MINUTES = 15;

export interface UaSession {
  accountId: string;
  accountName: string;
  expiresAt: number;
  loginPassword?: string;
}

const purpose = (ua: string) => `ua-session:${ua}`;

export function sealUaSession(ua: string, session: UaSession): string {
  return sealSecret(Buffer.from(JSON.stringify(session), "utf8"), purpose(ua)).toString("base64url");
}

/** The session in a cookie value, or null when absent, forged, for another UA, or expired. */
export function openUaSession(ua: string, value: string | undefined, now: Date): UaSession | null {
  if (!value) return null;
  try {
    const session = JSON.parse(openSecret(Buffer.from(value, "base64url"), purpose(ua)).toString("utf8")) as UaSession;
    return typeof session.accountId === "string" && session.expiresAt > now.getTime() ? session : null;
  } catch (err) {
    if (err instanceof InkanError || err instanceof SyntaxError) return null;
    throw err;
  }
}

export function uaCookiePath(ua: string): string {
  return `/${ua}/ua`;
}

export function uaCookieOptions(ua: string, secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: uaCookiePath(ua), secure, maxAge: UA_SESSION_MINUTES * 60 };
}

// The layout a user picked at this UA ("iphone" / "desktop"): a preference, not a credential.
export const UA_LAYOUT_COOKIE = "inkan-ua-layout";

export function uaLayoutCookieOptions(ua: string, secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: uaCookiePath(ua), secure, maxAge: 365 * 86400 };
}
