import { getDb } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import type { CertificateStore, DeliveryView, PortalCertificate, UaSettings } from "./types";

type UaRow = Omit<UaSettings, "caSlug" | "certificateStore" | "pkcs12Encryption" | "applicationGroupIds"> & {
  caId: string; certificateStore: string; pkcs12Encryption: string; ca: { slug: string }; applicationGroups: Array<{ groupId: string }>;
};

export function toUaSettings(row: UaRow): UaSettings & { caId: string } {
  return {
    id: row.id, name: row.name, caId: row.caId, caSlug: row.ca.slug,
    importToStore: row.importToStore, certificateStore: row.certificateStore as CertificateStore, importOnce: row.importOnce,
    downloadAllowed: row.downloadAllowed, downloadWindowMinutes: row.downloadWindowMinutes,
    iphoneUa: row.iphoneUa, iphoneLayout: row.iphoneLayout, protectWithLoginPassword: row.protectWithLoginPassword,
    profileName: row.profileName, profileIdentifier: row.profileIdentifier, profileOrganization: row.profileOrganization, profileDescription: row.profileDescription,
    androidDownload: row.androidDownload, macDownload: row.macDownload, selfEnroll: row.selfEnroll,
    pkcs12Encryption: row.pkcs12Encryption === "aes256" ? "aes256" : "legacy",
    lockThreshold: row.lockThreshold, lockMinutes: row.lockMinutes,
    acceptApplications: row.acceptApplications, applicationGroupIds: row.applicationGroups.map((g) => g.groupId).sort(),
  };
}

export const withCa = { ca: { select: { slug: true } }, applicationGroups: { select: { groupId: true } } } as const;

export async function findUa(name: string): Promise<(UaSettings & { caId: string }) | null> {
  const row = await getDb().enrollmentAuthority.findUnique({ where: { name }, include: withCa });
  return row ? toUaSettings(row) : null;
}

export async function getUa(name: string): Promise<UaSettings & { caId: string }> {
  const ua = await findUa(name);
  if (!ua) throw new InkanError("NOT_FOUND", { en: `No UA named "${name}".`, ja: `UA「${name}」はありません。` });
  return ua;
}

export async function listUas(): Promise<UaSettings[]> {
  const rows = await getDb().enrollmentAuthority.findMany({ include: withCa, orderBy: { createdAt: "asc" } });
  return rows.map(toUaSettings);
}

/** The signed-in user's certificates from the UA's CA, with their delivery state at this UA. */
export async function listPortalCertificates(uaId: string, caId: string, accountId: string): Promise<PortalCertificate[]> {
  const rows = await getDb().certificate.findMany({
    where: { accountId, caId, status: "ISSUED" },
    include: { deliveries: { where: { uaId } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((r) => {
    const d = r.deliveries[0];
    return {
      serial: r.serial, subject: r.subject, notAfter: r.notAfter, status: r.status, hasServerKey: r.privateKeyEncrypted !== null,
      delivery: d ? { firstDeliveredAt: d.firstDeliveredAt, windowEndsAt: d.windowEndsAt, lockedAt: d.lockedAt, count: d.count } : null,
    };
  });
}

export async function listDeliveries(uaId: string, limit = 200): Promise<DeliveryView[]> {
  const rows = await getDb().delivery.findMany({
    where: { uaId },
    include: { certificate: { select: { serial: true } }, account: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.map((d) => ({
    id: d.id, serial: d.certificate.serial, accountName: d.account.name,
    firstDeliveredAt: d.firstDeliveredAt, windowEndsAt: d.windowEndsAt, lockedAt: d.lockedAt, count: d.count,
  }));
}

export async function findUserAccount(name: string) {
  return getDb().account.findUnique({ where: { name }, select: { id: true, name: true, kind: true, status: true, uaPasswordHash: true } });
}

export async function accountIsActive(accountId: string): Promise<boolean> {
  const account = await getDb().account.findUnique({ where: { id: accountId }, select: { status: true } });
  return account?.status === "ACTIVE";
}
