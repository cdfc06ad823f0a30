import { colonHex, parseCertificate, toPem, PEM_LABEL, type CertificateInfo, type KeyDescription } from "@/lib/pki";
import { requireActor } from "@/lib/auth/guard";
import { ADMIN_ONLY, EVERYONE } from "@/lib/auth";
import { listEventsForTarget, listRecentEvents } from "@/lib/audit";
import { listUas } from "@/lib/enrollment";
import { currentCrl, getAuthority, getCertificate, listAuthorities, listCertificatesForAccount } from "./data";
import { parseCertificateSearch, searchCertificates } from "./search";
import { certificateCounts, crlFreshness, expiringPerWeek } from "./dashboard";
import type { AuthorityView } from "./types";

export async function loadAccountCertificates(accountName: string) {
  await requireActor(EVERYONE);
  return listCertificatesForAccount(accountName);
}

function describeKeyText(key: KeyDescription): string {
  return key.type === "rsa" ? `RSA ${key.bits} bit` : `ECDSA ${key.curve ?? `${key.bits} bit`}`;
}

/** Every field an administrator reads from a certificate, as display strings. */
function certificateFields(info: CertificateInfo) {
  const sans = info.subjectAltNames;
  return {
    issuer: info.issuerString,
    subjectString: info.subjectString,
    keyDescription: describeKeyText(info.key),
    signatureAlgorithm: info.signatureAlgorithm,
    sanList: [...sans.dns.map((d) => `DNS:${d}`), ...sans.email.map((e) => `email:${e}`), ...sans.ip.map((i) => `IP:${i}`), ...sans.uri.map((u) => `URI:${u}`)],
    keyUsage: info.keyUsage,
    extendedKeyUsage: info.extendedKeyUsage,
    basicConstraints: info.isCa ? `CA:TRUE${info.pathLength !== undefined ? `, pathlen:${info.pathLength}` : ""}` : "CA:FALSE",
    subjectKeyIdentifier: info.subjectKeyIdentifier ? colonHex(info.subjectKeyIdentifier) : null,
    authorityKeyIdentifier: info.authorityKeyIdentifier ? colonHex(info.authorityKeyIdentifier) : null,
    crlDistributionPoints: info.crlDistributionPoints,
    sha1: info.sha1Fingerprint,
    sha256: info.sha256Fingerprint,
  };
}

export async function loadCertificateDetail(serial: string) {
  await requireActor(EVERYONE);
  const cert = await getCertificate(serial);
  const info = parseCertificate(cert.certificateDer);
  const { certificateDer, ...view } = cert;
  return {
    ...view,
    ...certificateFields(info),
    pem: toPem(PEM_LABEL.CERTIFICATE, certificateDer),
    events: await listEventsForTarget("certificate", cert.serial),
  };
}

function authoritySummary(ca: AuthorityView) {
  const info = parseCertificate(ca.certificateDer);
  return {
    slug: ca.slug, name: ca.name, subject: ca.subject, keyAlgorithm: ca.keyAlgorithm, parentSlug: ca.parentSlug, serial: ca.serial,
    revokedAt: ca.revokedAt, revocationReason: ca.revocationReason, crlValidityHours: ca.crlValidityHours,
    notBefore: info.notBefore, notAfter: info.notAfter, sha1: info.sha1Fingerprint, sha256: info.sha256Fingerprint,
    pathLength: info.pathLength ?? null,
  };
}

async function crlSummary(slug: string) {
  const crl = await currentCrl(slug);
  return crl ? { number: crl.number, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, entries: crl.entries } : null;
}

/** The authorities list (認証局一覧): every CA with its current CRL, and the UAs bound to each. */
export async function loadAuthorities() {
  await requireActor(EVERYONE);
  const [cas, uas] = await Promise.all([listAuthorities(), listUas()]);
  return Promise.all(cas.map(async (ca) => ({
    ...authoritySummary(ca),
    crl: await crlSummary(ca.slug),
    uas: uas.filter((ua) => ua.caSlug === ca.slug).map((ua) => ua.name),
  })));
}

/** One CA's page: its certificate's every field, the current CRL, and its sub-CAs. */
export async function loadAuthorityDetail(slug: string) {
  await requireActor(EVERYONE);
  const ca = await getAuthority(slug);
  const info = parseCertificate(ca.certificateDer);
  const children = (await listAuthorities()).filter((c) => c.parentSlug === slug).map((c) => ({ slug: c.slug, name: c.name, revokedAt: c.revokedAt }));
  return {
    ...authoritySummary(ca),
    ...certificateFields(info),
    pem: toPem(PEM_LABEL.CERTIFICATE, ca.certificateDer),
    crl: await crlSummary(slug),
    children,
  };
}

/** Parents an administrator may choose for a new intermediate: live CAs without pathLen 0. */
export async function loadParentChoices() {
  await requireActor(ADMIN_ONLY);
  const cas = await listAuthorities();
  return cas
    .filter((ca) => !ca.revokedAt && parseCertificate(ca.certificateDer).pathLength !== 0)
    .map((ca) => ({ slug: ca.slug, name: ca.name }));
}

export async function loadCertificateList(raw: Record<string, unknown>) {
  await requireActor(EVERYONE);
  const search = parseCertificateSearch(raw);
  const [page, authorities] = await Promise.all([searchCertificates(search), listAuthorities()]);
  return { search, ...page, authorities: authorities.map((a) => a.slug) };
}

export async function loadDashboard(now = new Date()) {
  await requireActor(EVERYONE);
  const [counts, weeks, crls, recent] = await Promise.all([certificateCounts(now), expiringPerWeek(now), crlFreshness(now), listRecentEvents(15)]);
  return { counts, weeks, crls, recent };
}
