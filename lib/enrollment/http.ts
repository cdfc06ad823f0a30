import { clientIp } from "@/lib/auth/options";
import { getConfig } from "@/lib/config";
import { InkanError } from "@/lib/errors";
import { assertSameOrigin, fileResponse, problemResponse } from "@/lib/http";
import { deliverCertificate } from "./deliver";
import { findUa } from "./data";
import { parseLayoutChoice, platformFor } from "./policy";
import { openUaSession, UA_LAYOUT_COOKIE, UA_SESSION_COOKIE, uaCookiePath } from "./session";
import { uaUserActor } from "./sign-in";
import { uaNow } from "./clock";
import { en, ja, refusalText } from "./messages";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n/locale";
import { PLATFORMS, type Platform, type PortalRefusal } from "./types";

function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

function clearSessionCookie(ua: string): string {
  const secure = getConfig().publicUrl.startsWith("https:") ? "; Secure" : "";
  return `${UA_SESSION_COOKIE}=; Path=${uaCookiePath(ua)}; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
}

/**
 * POST /<ua>/ua/deliver/<serial>: the file for the signed-in user, or a refusal. A page's
 * fetch() gets problem+json; a plain form post (iOS Safari) is sent back to the page.
 */
export async function handleDeliveryRequest(request: Request, uaName: string, serial: string, now = uaNow(uaName)): Promise<Response> {
  const wantsHtml = (request.headers.get("accept") ?? "").includes("text/html");
  // The page shows why (window expired, session ended, already imported) from ?refused=.
  const back = (reason: PortalRefusal) => new Response(null, { status: 303, headers: { location: `${uaCookiePath(uaName)}?refused=${reason}` } });
  try {
    assertSameOrigin(request);
    const ua = await findUa(uaName);
    if (!ua) throw new InkanError("NOT_FOUND", { en: `No UA named "${uaName}".`, ja: `UA「${uaName}」はありません。` });
    const session = openUaSession(ua.name, readCookie(request, UA_SESSION_COOKIE), now);
    if (!session) throw new InkanError("UNAUTHENTICATED", { en: "Sign in to the UA first.", ja: "先にUAにログインしてください。" });
    const requested = new URL(request.url).searchParams.get("platform");
    const platform: Platform = (PLATFORMS as readonly string[]).includes(requested ?? "") ? (requested as Platform)
      : platformFor(request.headers.get("user-agent"), ua, parseLayoutChoice(readCookie(request, UA_LAYOUT_COOKIE)));
    const actor = uaUserActor(ua.name, session.accountName, {
      ip: clientIp(request.headers.get("x-forwarded-for"), request.headers.get("x-real-ip")),
      userAgent: request.headers.get("user-agent") ?? undefined,
    });
    const outcome = await deliverCertificate({ ua: ua.name, accountId: session.accountId, serial, platform, loginPassword: session.loginPassword }, actor, now);
    if (!outcome.ok) {
      if (wantsHtml) return back(outcome.reason);
      throw new InkanError("CONFLICT", { en: refusalText(en.portal, outcome.reason), ja: refusalText(ja.portal, outcome.reason) }, { reason: outcome.reason });
    }
    const extra: Record<string, string> = {};
    if (outcome.oneTimePassword) extra["x-inkan-pkcs12-password"] = outcome.oneTimePassword;
    if (outcome.signOut) {
      extra["set-cookie"] = clearSessionCookie(ua.name);
      extra["x-inkan-signed-out"] = "1";
    }
    return fileResponse(outcome.file, extra);
  } catch (err) {
    if (wantsHtml && err instanceof InkanError && err.code === "UNAUTHENTICATED") return back("session-expired");
    // The portal's fetch shows `detail` to the end user: in the portal's language, as the page is.
    return problemResponse(err, pickLocale(readCookie(request, LOCALE_COOKIE), request.headers.get("accept-language")));
  }
}
