import { parseCertificate } from "@/lib/pki";
import { getCertificate, listAuthorities } from "@/lib/ca";
import { InkanError } from "@/lib/errors";
import type { RecipeAuthority, RecipeServerCertificate } from "./types";

const thumbprint = (colon: string) => colon.replace(/:/g, "").toLowerCase();

/** A CA as the recipes need it: subject, thumbprint, and its chain of issuers among Inkan's CAs. */
export async function findRecipeAuthority(slug: string): Promise<RecipeAuthority> {
  const cas = (await listAuthorities()).map((ca) => ({ slug: ca.slug, subject: ca.subject, info: parseCertificate(ca.certificateDer) }));
  const ca = cas.find((c) => c.slug === slug);
  if (!ca) throw new InkanError("NOT_FOUND", { en: `No CA named "${slug}".`, ja: `認証局「${slug}」はありません。` });
  const chain = [ca.slug];
  let current = ca;
  // An intermediate's issuers must be on the server too (trusted, and their CRLs checked).
  while (!current.info.issuerDer.equals(current.info.subjectDer) && chain.length < 8) {
    const parent = cas.find((c) => !chain.includes(c.slug) && c.info.subjectDer.equals(current.info.issuerDer));
    if (!parent) break;
    chain.push(parent.slug);
    current = parent;
  }
  return { slug: ca.slug, subject: ca.subject, chain, sha1Thumbprint: thumbprint(ca.info.sha1Fingerprint) };
}

/** An issued server certificate to name in a recipe (host names, IIS certhash). */
export async function findRecipeServerCertificate(serial: string): Promise<RecipeServerCertificate> {
  const cert = await getCertificate(serial.replace(/:/g, "").toLowerCase());
  if (cert.accountKind !== "SERVER") throw new InkanError("UNPROCESSABLE", { en: `Certificate ${cert.serial} belongs to the user account ${cert.accountName}, not to a server.`, ja: `証明書 ${cert.serial} はサーバではなく、ユーザアカウント ${cert.accountName} のものです。` });
  if (cert.status !== "ISSUED") throw new InkanError("UNPROCESSABLE", { en: `Certificate ${cert.serial} is revoked; choose a valid server certificate.`, ja: `証明書 ${cert.serial} は失効しています。有効なサーバ証明書を選んでください。` });
  return {
    serial: cert.serial,
    hostnames: cert.sans.filter((s) => s.startsWith("DNS:")).map((s) => s.slice(4)),
    sha1Thumbprint: thumbprint(parseCertificate(cert.certificateDer).sha1Fingerprint),
  };
}
