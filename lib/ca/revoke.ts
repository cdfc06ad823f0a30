import type { RevocationReason } from "@/lib/pki";
import { getDb } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { findCertificate, getCertificate } from "./data";
import { publishCrl } from "./crl";
import { REVOCATION_REASONS } from "./schema";
import type { CertificateView } from "./types";

/**
 * Revokes a certificate with an RFC 5280 reason, then republishes the CA's CRL at once.
 * A conditional update decides, so two concurrent revocations yield one success and one
 * clear "already revoked".
 */
export async function revokeCertificate(
  input: { serial: string; reason: RevocationReason; ca?: string },
  actor: Actor,
  now = new Date(),
): Promise<CertificateView> {
  if (!REVOCATION_REASONS.includes(input.reason)) {
    throw new InkanError("VALIDATION", {
      en: `"${input.reason}" is not a revocation reason for a full CRL (removeFromCRL belongs to delta CRLs). Use one of ${REVOCATION_REASONS.join(", ")}.`,
      ja: `「${input.reason}」は完全CRLの失効理由ではありません(removeFromCRL はデルタCRL用です)。${REVOCATION_REASONS.join(", ")} のいずれかを使ってください。`,
    });
  }
  const cert = await findCertificate(input.serial, input.ca);
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.certificate.updateMany({
      where: { id: cert.id, status: "ISSUED" },
      // The server-held key is of no further use once the certificate is revoked.
      data: { status: "REVOKED", revokedAt: now, revocationReason: input.reason, privateKeyEncrypted: null },
    });
    if (count === 0) {
      const current = await tx.certificate.findUnique({ where: { id: cert.id }, select: { revokedAt: true } });
      throw new InkanError("CONFLICT", {
        en: `Certificate ${cert.serial} is already revoked${current?.revokedAt ? ` (since ${current.revokedAt.toISOString()})` : ""}.`,
        ja: `証明書 ${cert.serial} はすでに失効しています${current?.revokedAt ? `(${current.revokedAt.toISOString()} から)` : ""}。`,
      });
    }
    await recordEvent(tx, {
      actor,
      action: "certificate.revoke",
      target: { type: "certificate", id: cert.serial },
      details: { ca: cert.ca.slug, account: cert.account.name, reason: input.reason },
    }, now);
  });
  await publishCrl(cert.ca.slug, actor, now);
  return getCertificate(cert.serial, cert.ca.slug);
}
