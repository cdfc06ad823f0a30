import { cookies, headers } from "next/headers";
import { parseCertificate } from "@/lib/pki";
import { getLocale } from "@/lib/i18n/locale";
import { findAuthorityCertificate } from "@/lib/ca";
import { findUa, listPortalCertificates, accountIsActive } from "./data";
import { ENROLLMENT_MESSAGES, type EnrollmentMessages } from "./messages";
import { deliveryAvailability, parseLayoutChoice, platformAllowed, platformFor } from "./policy";
import { openUaSession, UA_LAYOUT_COOKIE, UA_SESSION_COOKIE } from "./session";
import { uaNow } from "./clock";
import type { DeliveryRefusal, Platform, UaSettings } from "./types";

export interface PortalCertificateView {
  serial: string;
  subject: string;
  notAfter: string;
  availability: "available" | DeliveryRefusal;
  windowEndsAt: string | null;
}

export interface PortalData {
  uaName: string;
  locale: "ja" | "en";
  t: EnrollmentMessages;
  ua: Pick<UaSettings, "name" | "importOnce" | "protectWithLoginPassword" | "certificateStore" | "downloadWindowMinutes" | "iphoneUa" | "acceptApplications"> | null;
  user: null | {
    name: string;
    platform: Platform;
    /** The compact page for iPhone / iPad users, when the UA uses the iPhone layout. */
    compactLayout: boolean;
    platformAllowed: boolean;
    certificates: PortalCertificateView[];
    rootThumbprint: string | null;
  };
}

/** The UA portal page: the UA, the signed-in user (from the UA session cookie) and their certificates. */
export async function loadPortal(uaName: string, now = uaNow(uaName)): Promise<PortalData> {
  const [locale, c, h] = await Promise.all([getLocale(), cookies(), headers()]);
  const t = ENROLLMENT_MESSAGES[locale];
  const ua = await findUa(uaName);
  if (!ua) return { uaName, locale, t, ua: null, user: null };
  const view = { name: ua.name, importOnce: ua.importOnce, protectWithLoginPassword: ua.protectWithLoginPassword, certificateStore: ua.certificateStore, downloadWindowMinutes: ua.downloadWindowMinutes, iphoneUa: ua.iphoneUa, acceptApplications: ua.acceptApplications };
  const session = openUaSession(ua.name, c.get(UA_SESSION_COOKIE)?.value, now);
  // A session of an account disabled or deleted since sign-in shows the sign-in form again.
  if (!session || !(await accountIsActive(session.accountId))) return { uaName, locale, t, ua: view, user: null };
  const platform = platformFor(h.get("user-agent"), ua, parseLayoutChoice(c.get(UA_LAYOUT_COOKIE)?.value));
  const rows = await listPortalCertificates(ua.id, ua.caId, session.accountId);
  const root = await findAuthorityCertificate(ua.caSlug);
  return {
    uaName, locale, t, ua: view,
    user: {
      name: session.accountName,
      platform,
      compactLayout: platform === "iphone" && ua.iphoneLayout,
      platformAllowed: platformAllowed(ua, platform),
      rootThumbprint: root ? parseCertificate(root).sha1Fingerprint : null,
      certificates: rows.map((r) => ({
        serial: r.serial, subject: r.subject, notAfter: r.notAfter.toISOString(),
        availability: r.hasServerKey || r.delivery?.lockedAt ? deliveryAvailability(ua, r.delivery, now) : "no-key",
        windowEndsAt: r.delivery?.windowEndsAt?.toISOString() ?? null,
      })),
    },
  };
}
