import { toPem, PEM_LABEL } from "@/lib/pki";
import type { CertificateView } from "./types";

/** The JSON shape of a certificate in /api/v1 and the CLI's --json output. */
export function certificateJson(cert: CertificateView & { certificateDer?: Buffer }) {
  return {
    serial: cert.serial,
    ca: cert.caSlug,
    account: cert.accountName,
    subject: cert.subject,
    sans: cert.sans,
    keyAlgorithm: cert.keyAlgorithm,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    status: cert.status,
    source: cert.source,
    revokedAt: cert.revokedAt?.toISOString() ?? null,
    revocationReason: cert.revocationReason,
    ...(cert.certificateDer ? { certificate: toPem(PEM_LABEL.CERTIFICATE, cert.certificateDer) } : {}),
  };
}
