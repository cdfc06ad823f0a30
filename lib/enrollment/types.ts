export const CERTIFICATE_STORES = ["USER", "MACHINE"] as const;
export type CertificateStore = (typeof CERTIFICATE_STORES)[number];

export const PLATFORMS = ["windows", "iphone", "android", "mac"] as const;
/** The delivery a browser gets: Windows/other desktops a .p12 with store steps, iOS a profile. */
export type Platform = (typeof PLATFORMS)[number];

export const DEFAULT_UA_NAME = "default";

/** A UA's settings as the RA console and the portal read them. */
export interface UaSettings {
  id: string;
  name: string;
  caSlug: string;
  importToStore: boolean;
  certificateStore: CertificateStore;
  importOnce: boolean;
  downloadAllowed: boolean;
  downloadWindowMinutes: number;
  iphoneUa: boolean;
  iphoneLayout: boolean;
  protectWithLoginPassword: boolean;
  profileName: string;
  profileIdentifier: string;
  profileOrganization: string;
  profileDescription: string;
  androidDownload: boolean;
  macDownload: boolean;
  selfEnroll: boolean;
  pkcs12Encryption: "legacy" | "aes256";
  lockThreshold: number;
  lockMinutes: number;
  /** Whether /<ua>/ua/apply takes registration applications. */
  acceptApplications: boolean;
  /** The groups an approved applicant joins. */
  applicationGroupIds: string[];
}

export interface DeliveryState {
  firstDeliveredAt: Date | null;
  windowEndsAt: Date | null;
  lockedAt: Date | null;
  count: number;
}

/** One of the signed-in user's certificates on the portal page. */
export interface PortalCertificate {
  serial: string;
  subject: string;
  notAfter: Date;
  status: string;
  hasServerKey: boolean;
  delivery: DeliveryState | null;
}

/** A delivery row on the RA UA page. */
export interface DeliveryView extends DeliveryState {
  id: string;
  serial: string;
  accountName: string;
}

export const DELIVERY_REFUSALS = ["already-imported", "window-expired", "not-allowed", "no-key", "revoked", "account-disabled"] as const;
export type DeliveryRefusal = (typeof DELIVERY_REFUSALS)[number];
/** Why the portal sent a download back: a delivery refusal, or a session that ended first. */
export type PortalRefusal = DeliveryRefusal | "session-expired";

export type SignInRefusal = "unknown-ua" | "invalid" | "disabled" | "locked";
