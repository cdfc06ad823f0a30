import { parseCertificate, type RevocationReason, type KeyAlgorithm } from "@/lib/pki";
import { getDb } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import type { AuthorityView, CertificateSource, CertificateStatus, CertificateView, CrlView } from "./types";

export const DEFAULT_CA_SLUG = "ia1";

/** The CRL distribution point written into certificates (the seed's /crl/ia1_crl.der form). */
export function crlUrlFor(publicUrl: string, slug: string): string {
  return `${publicUrl}/crl/${slug}_crl.der`;
}

const parsedCa = new Map<string, { subjectDer: Buffer; keyIdentifier: Buffer }>();

/** A CA row with what signing needs: its exact subject Name DER and key identifier. */
export async function loadAuthority(slug: string) {
  const ca = await getDb().certificateAuthority.findUnique({ where: { slug } });
  if (!ca) throw new InkanError("NOT_FOUND", { en: `No CA named "${slug}".`, ja: `認証局「${slug}」はありません。` });
  const cacheKey = `${ca.id}:${ca.certificateDer.length}`;
  let parts = parsedCa.get(cacheKey);
  if (!parts) {
    const info = parseCertificate(Buffer.from(ca.certificateDer));
    parts = { subjectDer: info.subjectDer, keyIdentifier: info.subjectKeyIdentifier ?? Buffer.alloc(0) };
    parsedCa.set(cacheKey, parts);
  }
  return { ...ca, encryptedKey: Buffer.from(ca.encryptedKey), certificateDer: Buffer.from(ca.certificateDer), ...parts };
}

export async function listAuthorities(): Promise<AuthorityView[]> {
  const rows = await getDb().certificateAuthority.findMany({ orderBy: [{ createdAt: "asc" }, { slug: "asc" }], include: { parent: { select: { slug: true } } } });
  return rows.map(toAuthorityView);
}

function toAuthorityView(r: {
  id: string; slug: string; name: string; subject: string; keyAlgorithm: string; crlNumber: number; crlValidityHours: number;
  certificateDer: Uint8Array; createdAt: Date; serial: string | null; revokedAt: Date | null; revocationReason: string | null; parent: { slug: string } | null;
}): AuthorityView {
  return {
    id: r.id, slug: r.slug, name: r.name, subject: r.subject, keyAlgorithm: r.keyAlgorithm as KeyAlgorithm,
    crlNumber: r.crlNumber, crlValidityHours: r.crlValidityHours, certificateDer: Buffer.from(r.certificateDer), createdAt: r.createdAt,
    parentSlug: r.parent?.slug ?? null, serial: r.serial, revokedAt: r.revokedAt, revocationReason: r.revocationReason as RevocationReason | null,
  };
}

export async function getAuthority(slug: string): Promise<AuthorityView> {
  const row = await getDb().certificateAuthority.findUnique({ where: { slug }, include: { parent: { select: { slug: true } } } });
  if (!row) throw new InkanError("NOT_FOUND", { en: `No CA named "${slug}".`, ja: `認証局「${slug}」はありません。` });
  return toAuthorityView(row);
}

/** The CA's certificate followed by its issuers up to the root (what a relying party's chain file holds). */
export async function authorityChain(slug: string): Promise<Buffer[]> {
  const chain: Buffer[] = [];
  let ca: { parentId: string | null; certificateDer: Uint8Array } | null = await getDb().certificateAuthority.findUnique({ where: { slug }, select: { parentId: true, certificateDer: true } });
  // A CA hierarchy is a few levels deep; the bound guards against a corrupted cycle.
  for (let depth = 0; ca && depth < 8; depth++) {
    chain.push(Buffer.from(ca.certificateDer));
    ca = ca.parentId ? await getDb().certificateAuthority.findUnique({ where: { id: ca.parentId }, select: { parentId: true, certificateDer: true } }) : null;
  }
  return chain;
}

export async function findAuthorityCertificate(slug: string): Promise<Buffer | null> {
  const ca = await getDb().certificateAuthority.findUnique({ where: { slug }, select: { certificateDer: true } });
  return ca ? Buffer.from(ca.certificateDer) : null;
}

type CertificateRow = {
  id: string; serial: string; subject: string; sans: string; keyAlgorithm: string; notBefore: Date; notAfter: Date;
  status: string; source: string; revokedAt: Date | null; revocationReason: string | null; privateKeyEncrypted: Uint8Array | null;
  createdAt: Date; ca: { slug: string }; account: { name: string; kind: string };
};

export function toCertificateView(row: CertificateRow): CertificateView {
  return {
    id: row.id,
    serial: row.serial,
    caSlug: row.ca.slug,
    accountName: row.account.name,
    accountKind: row.account.kind as "USER" | "SERVER",
    subject: row.subject,
    sans: JSON.parse(row.sans) as string[],
    keyAlgorithm: row.keyAlgorithm,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    status: row.status as CertificateStatus,
    source: row.source as CertificateSource,
    revokedAt: row.revokedAt,
    revocationReason: row.revocationReason as RevocationReason | null,
    hasServerKey: row.privateKeyEncrypted !== null,
    createdAt: row.createdAt,
  };
}

const withNames = { ca: { select: { slug: true } }, account: { select: { name: true, kind: true } } } as const;

/** A certificate by serial; when several CAs used the same serial, `ca` disambiguates. */
export async function findCertificate(serial: string, ca?: string) {
  const rows = await getDb().certificate.findMany({
    where: { serial, ...(ca ? { ca: { slug: ca } } : {}) },
    include: withNames,
    take: 2,
  });
  if (rows.length === 0) throw new InkanError("NOT_FOUND", { en: `No certificate with serial ${serial}${ca ? ` from CA ${ca}` : ""}.`, ja: `${ca ? `認証局 ${ca} の` : ""}シリアル番号 ${serial} の証明書はありません。` });
  if (rows.length > 1) throw new InkanError("CONFLICT", { en: `Serial ${serial} exists under several CAs; name the CA.`, ja: `シリアル番号 ${serial} は複数の認証局にあります。認証局を指定してください。` });
  return rows[0];
}

export async function getCertificate(serial: string, ca?: string): Promise<CertificateView & { certificateDer: Buffer }> {
  const row = await findCertificate(serial, ca);
  return { ...toCertificateView(row), certificateDer: Buffer.from(row.certificateDer) };
}

export async function listCertificatesForAccount(accountName: string): Promise<CertificateView[]> {
  const rows = await getDb().certificate.findMany({
    where: { account: { name: accountName } },
    include: withNames,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toCertificateView);
}

export async function countCertificatesByStatus(): Promise<Record<string, number>> {
  const groups = await getDb().certificate.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}

/** The newest CRL of a CA (the one served), or null before the first publication. */
export async function currentCrl(slug: string): Promise<CrlView | null> {
  const crl = await getDb().crl.findFirst({ where: { ca: { slug } }, orderBy: { number: "desc" } });
  return crl ? { caSlug: slug, number: crl.number, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, entries: crl.entries, der: Buffer.from(crl.der) } : null;
}
