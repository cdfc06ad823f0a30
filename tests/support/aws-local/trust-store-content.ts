// What ELB checks in the files a trust store is built from: the CA certificates bundle and the
// certificate revocation lists. Failures are reported as the AWS error code ELB would return.
import { X509Certificate } from "node:crypto";
import { DerError, TAG, children, expectTag, integerHex, pemBlocks, readRoot } from "./der";
import type { ElbLimits } from "./limits";

export class ContentError extends Error {
  constructor(readonly code: "InvalidCaCertificatesBundle" | "InvalidRevocationContent", message: string) {
    super(message);
  }
}

export interface CaBundle {
  pem: string;
  certificates: X509Certificate[];
}

/** ALB rules for a CA bundle: PEM only, no blank lines, ≤ 25 CA certificates of ≤ 16 KB each. */
export function parseCaBundle(content: Buffer, limits: ElbLimits): CaBundle {
  const fail = (why: string) => new ContentError("InvalidCaCertificatesBundle", `The CA certificates bundle is invalid: ${why}.`);
  const pem = content.toString("utf8");
  const lines = pem.replace(/\r?\n$/, "").split(/\r?\n/);
  if (lines.some((line) => line.trim() === "")) throw fail("it contains blank lines");
  let blocks;
  try {
    blocks = pemBlocks(pem);
  } catch (e) {
    throw fail((e as Error).message);
  }
  if (blocks.length === 0) throw fail("it contains no PEM certificate");
  if (blocks.some((b) => b.label !== "CERTIFICATE")) throw fail("it may contain only CERTIFICATE blocks");
  const outside = blocks.reduce((rest, b) => rest.replace(b.text, ""), pem);
  if (outside.trim() !== "") throw fail("it contains text outside the PEM certificate blocks");
  if (blocks.length > limits.maxCaCertificates) throw fail(`it holds ${blocks.length} certificates, more than the ${limits.maxCaCertificates} allowed`);
  const certificates = blocks.map((b, i) => {
    if (Buffer.byteLength(b.text) > limits.maxCaCertificateBytes) throw fail(`certificate ${i + 1} is larger than ${limits.maxCaCertificateBytes} bytes`);
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(b.der);
    } catch {
      throw fail(`certificate ${i + 1} cannot be parsed`);
    }
    if (!cert.ca) throw fail(`certificate ${i + 1} (${cert.subject.replace(/\n/g, ", ")}) is not a CA certificate`);
    return cert;
  });
  return { pem, certificates };
}

export interface RevocationList {
  /** Serial numbers of the revoked certificates: uppercase hex, no leading zeros. */
  serials: string[];
}

/** ALB rules for a revocation file: a PEM CRL (≤ 50 MB) that parses. Entries are counted here. */
export function parseRevocationList(content: Buffer, limits: ElbLimits): RevocationList {
  const fail = (why: string) => new ContentError("InvalidRevocationContent", `The revocation file is invalid: ${why}.`);
  if (content.length > limits.maxRevocationFileBytes) throw fail(`it is ${content.length} bytes, larger than the ${limits.maxRevocationFileBytes}-byte quota per revocation file`);
  let blocks;
  try {
    blocks = pemBlocks(content.toString("latin1"));
  } catch (e) {
    throw fail((e as Error).message);
  }
  if (blocks.length !== 1 || blocks[0].label !== "X509 CRL") throw fail("it must be exactly one PEM block -----BEGIN X509 CRL----- (DER is not accepted)");
  try {
    return { serials: revokedSerials(blocks[0].der) };
  } catch (e) {
    if (e instanceof DerError) throw fail(`the CRL cannot be parsed (${e.message})`);
    throw e;
  }
}

/**
 * RFC 5280 §5.1: CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue };
 * TBSCertList ::= SEQUENCE { version OPTIONAL, signature, issuer, thisUpdate, nextUpdate OPTIONAL,
 * revokedCertificates SEQUENCE OF SEQUENCE { userCertificate, revocationDate, crlEntryExtensions OPTIONAL } OPTIONAL,
 * crlExtensions [0] OPTIONAL }.
 */
function revokedSerials(der: Buffer): string[] {
  const [tbs, sigAlg, sigValue, ...extra] = children(der, readRoot(der, TAG.SEQUENCE, "CertificateList SEQUENCE"));
  expectTag(tbs, TAG.SEQUENCE, "tbsCertList SEQUENCE");
  expectTag(sigAlg, TAG.SEQUENCE, "signatureAlgorithm SEQUENCE");
  expectTag(sigValue, TAG.BIT_STRING, "signatureValue BIT STRING");
  if (extra.length) throw new DerError("unexpected elements after the signature");

  const fields = children(der, tbs);
  let i = 0;
  if (fields[i]?.tag === TAG.INTEGER) i++;
  expectTag(fields[i++], TAG.SEQUENCE, "signature AlgorithmIdentifier");
  expectTag(fields[i++], TAG.SEQUENCE, "issuer Name");
  if (!isTime(fields[i++]?.tag)) throw new DerError("expected thisUpdate time");
  if (isTime(fields[i]?.tag)) i++;
  const serials: string[] = [];
  if (fields[i]?.tag === TAG.SEQUENCE) {
    for (const entry of children(der, fields[i++])) {
      const [serial, date, extensions, ...rest] = children(der, expectTag(entry, TAG.SEQUENCE, "revoked certificate entry"));
      expectTag(serial, TAG.INTEGER, "userCertificate serial number");
      if (!isTime(date?.tag)) throw new DerError("expected revocationDate time");
      if ((extensions && extensions.tag !== TAG.SEQUENCE) || rest.length) throw new DerError("malformed revoked certificate entry");
      serials.push(integerHex(der, serial));
    }
  }
  if (fields[i]?.tag === TAG.CONTEXT_0) i++;
  if (i !== fields.length) throw new DerError("unexpected elements in tbsCertList");
  return serials;
}

function isTime(tag: number | undefined): boolean {
  return tag === TAG.UTC_TIME || tag === TAG.GENERALIZED_TIME;
}
