import { DELIVERY_REFUSALS, type DeliveryRefusal, type DeliveryState, type Platform, type PortalRefusal, type UaSettings } from "./types";

/** The page layout a user picked at a UA (remembered in a cookie), or null for "by my browser". */
export type LayoutChoice = "iphone" | "desktop";

export function parseLayoutChoice(value: string | undefined): LayoutChoice | null {
  return value === "iphone" || value === "desktop" ? value : null;
}

/**
 * The platform a browser gets. Seed 000 §5/§6.1: with "use the iPhone/iPad UA" an iOS browser
 * gets the configuration profile. The user may also pick the iPhone layout themselves: iPadOS
 * Safari sends a Mac user agent, so an iPad reaches the profile only that way. "Use the iPhone
 * layout" is a screen-layout setting (the compact page for those users), never a reason to
 * treat other browsers as iPhones.
 */
export function platformFor(userAgent: string | null | undefined, ua: Pick<UaSettings, "iphoneUa">, choice: LayoutChoice | null = null): Platform {
  const s = userAgent ?? "";
  const ios = /\b(iPhone|iPad|iPod)\b/.test(s);
  if (ua.iphoneUa && (choice === "iphone" || (ios && choice !== "desktop"))) return "iphone";
  if (/Android/i.test(s)) return "android";
  if (/Macintosh|Mac OS X/.test(s) && !ios) return "mac";
  return "windows";
}

/** Whether the UA offers a delivery to this platform at all. */
export function platformAllowed(ua: UaSettings, platform: Platform): boolean {
  switch (platform) {
    case "windows": return ua.importToStore;
    case "iphone": return ua.iphoneUa && ua.downloadAllowed;
    case "android": return ua.androidDownload;
    case "mac": return ua.macDownload;
  }
}

/**
 * The PKCS#12 encryption a platform gets. AES-256 (PBES2) only where the UA chose it and the
 * importer takes it: Windows 10 1709 and later. iOS profiles, macOS Keychain Access and older
 * Android key stores reject PBES2 files (often as a "wrong password"), so they always get the
 * legacy 3DES / SHA-1 MAC profile; the UA settings page says so beside the choice.
 */
export function pkcs12EncryptionFor(ua: Pick<UaSettings, "pkcs12Encryption">, platform: Platform): UaSettings["pkcs12Encryption"] {
  return platform === "windows" ? ua.pkcs12Encryption : "legacy";
}

/**
 * What the page shows for a delivery. The server decides again with one conditional update
 * (lib/enrollment/deliver.ts); this is only for rendering the button or "Downloaded".
 */
export function deliveryAvailability(ua: Pick<UaSettings, "importOnce" | "downloadWindowMinutes">, d: DeliveryState | null, now: Date): "available" | DeliveryRefusal {
  if (!d) return "available";
  if (d.lockedAt) return "already-imported";
  if (ua.importOnce && d.firstDeliveredAt) return "already-imported";
  if (ua.downloadWindowMinutes > 0 && d.windowEndsAt && d.windowEndsAt.getTime() <= now.getTime()) return "window-expired";
  return "available";
}

/** The ?refused= value the delivery route sends a form post back with; anything else is ignored. */
export function parseRefusal(value: string | undefined): PortalRefusal | null {
  if (value === "session-expired") return value;
  return (DELIVERY_REFUSALS as readonly string[]).includes(value ?? "") ? (value as DeliveryRefusal) : null;
}
