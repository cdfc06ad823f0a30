import { parseCertificate } from "@/lib/pki";
import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { listEventsForTarget, listRecentEvents } from "@/lib/audit";
import { countCertificatesByStatus, currentCrl, getCertificate, listAuthorities, listCertificatesForAccount } from "./data";
import { toPem, PEM_LABEL } from "@/lib/pki";

export async function loadAccountCertificates(accountName: string) {
  await requireActor(EVERYONE);
  return listCertificatesForAccount(accountName);
}

export async function loadCertificateDetail(serial: string) {
  await requireActor(EVERYONE);
  const cert = await getCertificate(serial);
  const info = parseCertificate(cert.certificateDer);
  const { certificateDer, ...view } = cert;
  return {
    ...view,
    pem: toPem(PEM_LABEL.CERTIFICATE, certificateDer),
    issuer: info.issuerString,
    sha1: info.sha1Fingerprint,
    sha256: info.sha256Fingerprint,
    events: await listEventsForTarget("certificate", cert.serial),
  };
}

export async function loadAuthorities() {
  await requireActor(EVERYONE);
  const cas = await listAuthorities();
  return Promise.all(
    cas.map(async (ca) => {
      const info = parseCertificate(ca.certificateDer);
      const crl = await currentCrl(ca.slug);
      return {
        slug: ca.slug, name: ca.name, subject: ca.subject, keyAlgorithm: ca.keyAlgorithm,
        notBefore: info.notBefore, notAfter: info.notAfter, sha1: info.sha1Fingerprint, sha256: info.sha256Fingerprint,
        crl: crl ? { number: crl.number, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, entries: crl.entries } : null,
      };
    }),
  );
}

export async function loadDashboard() {
  await requireActor(EVERYONE);
  const [counts, authorities, recent] = await Promise.all([countCertificatesByStatus(), loadAuthorities(), listRecentEvents(15)]);
  return { counts, authorities, recent };
}
