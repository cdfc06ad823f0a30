import { createHash } from "node:crypto";
import { toPem, PEM_LABEL } from "@/lib/pki";
import { InkanError } from "@/lib/errors";
import { ALB_QUOTAS, type AlbQuotas } from "./quotas";

export interface BundleCa {
  slug: string;
  certificateDer: Buffer;
}

export interface CaBundle {
  pem: string;
  sha256: string;
  count: number;
}

/**
 * The trust store's CA bundle as ALB reads it: PEM certificates only, one after another, no
 * blank lines, at most 25 certificates of at most 16 KB each. Refused with the quota's name.
 */
export function buildCaBundle(cas: readonly BundleCa[], quotas: AlbQuotas = ALB_QUOTAS): CaBundle {
  if (cas.length === 0) throw new InkanError("VALIDATION", { en: "The CA bundle is empty: choose at least one CA for this deploy target.", ja: "CA バンドルが空です。このデプロイ先に認証局を少なくとも1つ選んでください。" });
  if (cas.length > quotas.caCertificatesPerBundle) {
    throw new InkanError("VALIDATION", { en: `The CA bundle would hold ${cas.length} certificates; the ALB quota "CA certificates per trust store bundle" is ${quotas.caCertificatesPerBundle}. Split the CAs across trust stores.`, ja: `CA バンドルの証明書は ${cas.length} 個になります。ALB のクォータ「CA certificates per trust store bundle」は ${quotas.caCertificatesPerBundle} です。認証局を複数のトラストストアに分けてください。` }, { quota: "CA certificates per trust store bundle" });
  }
  const blocks = cas.map((ca) => {
    const pem = toPem(PEM_LABEL.CERTIFICATE, ca.certificateDer);
    if (Buffer.byteLength(pem) > quotas.caCertificateBytes) {
      throw new InkanError("VALIDATION", { en: `The certificate of CA ${ca.slug} is ${Buffer.byteLength(pem)} bytes as PEM; the ALB quota "CA certificate size" is ${quotas.caCertificateBytes} bytes.`, ja: `認証局 ${ca.slug} の証明書は PEM で ${Buffer.byteLength(pem)} バイトです。ALB のクォータ「CA certificate size」は ${quotas.caCertificateBytes} バイトです。` }, { quota: "CA certificate size" });
    }
    return pem;
  });
  // toPem ends every block with exactly one newline, so concatenation leaves no blank line.
  const pem = blocks.join("");
  return { pem, sha256: sha256Hex(pem), count: cas.length };
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** "inkan/alb" → "inkan/alb/"; "" stays "" (keys at the bucket root). */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/^\/+/, "");
  return trimmed === "" || trimmed.endsWith("/") ? trimmed : `${trimmed}/`;
}

/** Content-addressed key: the same bundle maps to the same object and is never uploaded twice. */
export function bundleKey(prefix: string, bundle: CaBundle): string {
  return `${normalizePrefix(prefix)}ca-bundle-${bundle.sha256.slice(0, 16)}.pem`;
}

/** A new key per CRL (number and content), so the list in use is never overwritten. */
export function crlKey(prefix: string, slug: string, crlNumber: number, pem: string): string {
  return `${normalizePrefix(prefix)}crl/${slug}-${crlNumber}-${sha256Hex(pem).slice(0, 12)}.pem`;
}

/** The CRL as ALB accepts it: PEM with the RFC 7468 label "X509 CRL". */
export function crlPem(der: Buffer): string {
  return toPem(PEM_LABEL.X509_CRL, der);
}
