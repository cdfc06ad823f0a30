import { createHash } from "node:crypto";
import { toPem, PEM_LABEL } from "@/lib/pki";
import { authorityChain, currentCrl, findAuthorityCertificate } from "./data";

export interface DistributionFile {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified?: Date;
  maxAgeSeconds: number;
}

/**
 * The public distribution point: /crl/<ia>.pem|.der (CA certificate) and
 * /crl/<ia>_crl.pem|.der (current CRL), /crl/<ia>_chain.pem (the CA and its issuers up to
 * the root, for intermediates). PEM CRLs use the RFC 7468 label "X509 CRL".
 */
export async function distributionFile(file: string, now = new Date()): Promise<DistributionFile | null> {
  const match = /^([a-z][a-z0-9-]{0,31})(_crl|_chain)?\.(pem|der)$/.exec(file);
  if (!match) return null;
  const [, slug, suffix, format] = match;
  if (suffix === "_chain") {
    if (format !== "pem") return null; // a chain is several certificates: PEM only
    const chain = await authorityChain(slug);
    if (chain.length === 0) return null;
    const body = Buffer.from(chain.map((d) => toPem(PEM_LABEL.CERTIFICATE, d)).join(""));
    return { body, contentType: "text/plain; charset=utf-8", etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`, maxAgeSeconds: 3600 };
  }
  const isCrl = suffix === "_crl";
  let der: Buffer;
  let lastModified: Date | undefined;
  let maxAgeSeconds = 3600;
  if (isCrl) {
    const crl = await currentCrl(slug);
    if (!crl) return null;
    der = crl.der;
    lastModified = crl.thisUpdate;
    // Caches must not hold a CRL past the point where a fresher one is due.
    maxAgeSeconds = Math.max(0, Math.min(3600, Math.floor((crl.nextUpdate.getTime() - now.getTime()) / 2000)));
  } else {
    const cert = await findAuthorityCertificate(slug);
    if (!cert) return null;
    der = cert;
  }
  const body = format === "der" ? der : Buffer.from(toPem(isCrl ? PEM_LABEL.X509_CRL : PEM_LABEL.CERTIFICATE, der));
  const contentType = format === "pem" ? "text/plain; charset=utf-8" : isCrl ? "application/pkix-crl" : "application/pkix-cert";
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, contentType, etag, lastModified, maxAgeSeconds };
}
