import { buildPkcs12, toPem, PEM_LABEL } from "@/lib/pki";
import { getDb } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { recordEvent, recordStandaloneEvent, type Actor } from "@/lib/audit";
import { authorityChain, findCertificate, loadAuthority } from "./data";
import { openLeafKey } from "./key-custody";
import { pkcs12EncryptionSchema, pkcs12PasswordSchema } from "./schema";

export type CertificateFormat = "pem" | "der" | "chain";

export interface DeliveredFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** Chain order after the leaf: its issuer up to the root (the PEM a server's "chain file" wants). */
const chainDers = authorityChain;

/** The issued certificate as PEM, DER, or PEM with its CA chain; the download is audited. */
export async function downloadCertificate(input: { serial: string; ca?: string; format: CertificateFormat }, actor: Actor, now = new Date()): Promise<DeliveredFile> {
  const cert = await findCertificate(input.serial, input.ca);
  const der = Buffer.from(cert.certificateDer);
  const base = `${cert.account.name}-${cert.serial.slice(0, 16)}`;
  let file: DeliveredFile;
  if (input.format === "der") file = { filename: `${base}.cer`, contentType: "application/pkix-cert", body: der };
  else if (input.format === "pem") file = { filename: `${base}.pem`, contentType: "application/x-pem-file", body: Buffer.from(toPem(PEM_LABEL.CERTIFICATE, der)) };
  else {
    const chain = await chainDers(cert.ca.slug);
    file = { filename: `${base}-chain.pem`, contentType: "application/x-pem-file", body: Buffer.from([der, ...chain].map((d) => toPem(PEM_LABEL.CERTIFICATE, d)).join("")) };
  }
  await recordStandaloneEvent({ actor, action: "certificate.download", target: { type: "certificate", id: cert.serial }, details: { format: input.format } }, now);
  return file;
}

/**
 * Packs the server-held key, the certificate and its CA chain as PKCS#12 under the
 * password the caller typed. Legacy 3DES/SHA-1 by default so iOS, macOS and older Windows
 * import it. The password is used and forgotten: never stored, never logged.
 */
export async function exportPkcs12(
  input: { serial: string; ca?: string; password: string; encryption?: "legacy" | "aes256" },
  actor: Actor,
  now = new Date(),
): Promise<DeliveredFile> {
  const password = pkcs12PasswordSchema.safeParse(input.password);
  if (!password.success) throw new InkanError("VALIDATION", issueText(password.error.issues[0].message));
  const encryption = pkcs12EncryptionSchema.parse(input.encryption);
  const cert = await findCertificate(input.serial, input.ca);
  if (cert.status !== "ISSUED") throw new InkanError("CONFLICT", { en: `Certificate ${cert.serial} is revoked; a PKCS#12 is no longer offered.`, ja: `証明書 ${cert.serial} は失効しているため、PKCS#12 は提供されません。` });
  if (!cert.privateKeyEncrypted) {
    throw new InkanError("CONFLICT", cert.source === "CSR"
      ? {
        en: "This certificate was issued from a CSR: its private key never left the requester, so there is no PKCS#12. Download the certificate as PEM or DER instead.",
        ja: "この証明書はCSRから発行されたため、秘密鍵は申請者の手元にあり、PKCS#12 はありません。代わりに証明書をPEMかDERでダウンロードしてください。",
      }
      : { en: "The server no longer holds this certificate's key, so a PKCS#12 cannot be made.", ja: "サーバにこの証明書の秘密鍵がもうないため、PKCS#12 を作れません。" });
  }
  const ca = await loadAuthority(cert.ca.slug);
  const body = buildPkcs12({
    privateKey: openLeafKey(ca.id, cert.serial, cert.privateKeyEncrypted),
    certificate: Buffer.from(cert.certificateDer),
    chain: await chainDers(cert.ca.slug),
    password: password.data,
    encryption,
    friendlyName: cert.account.name,
  });
  await getDb().$transaction((tx) =>
    recordEvent(tx, { actor, action: "certificate.download", target: { type: "certificate", id: cert.serial }, details: { format: "pkcs12", encryption } }, now),
  );
  return { filename: `${cert.account.name}-${cert.serial.slice(0, 16)}.p12`, contentType: "application/x-pkcs12", body };
}
