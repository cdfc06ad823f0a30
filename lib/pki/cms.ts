/**
 * CMS SignedData (RFC 5652 §5) over opaque content, with the content encapsulated
 * (an "attached" signature, as Apple configuration profiles are signed).
 */
import type { NonSharedBuffer } from "node:buffer";
import crypto from "node:crypto";
import { NULL_VALUE, algorithmIdentifier, explicit, integer, integerFromBytes, octetString, oid, sequence, setOf, time, tlv } from "./der-writer";
import { parseCertificate } from "./certificate-parse";
import { PkiError } from "./errors";
import { OID } from "./oids";
import { serialFromHex } from "./serial";
import { signatureAlgorithmIdentifier, type Signer } from "./signer";
import type { SignatureAlgorithm } from "./types";

const CMS_OID = {
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  sha384: "2.16.840.1.101.3.4.2.2",
} as const;

const DIGEST: Record<SignatureAlgorithm, { name: string; oid: string }> = {
  sha256WithRSAEncryption: { name: "sha256", oid: OID.sha256 },
  "ecdsa-with-SHA256": { name: "sha256", oid: OID.sha256 },
  "ecdsa-with-SHA384": { name: "sha384", oid: CMS_OID.sha384 },
};

export interface CmsSignParams {
  /** The bytes to sign; encapsulated as id-data. */
  content: Buffer;
  /** DER certificate of the signing key. */
  signerCertificate: Buffer;
  /** Further DER certificates to include (e.g. the issuing CA), not the signer's. */
  certificates?: Buffer[];
  signer: Signer;
  /** The signingTime attribute (RFC 5652 §11.3). */
  signingTime: Date;
}

function attribute(type: string, value: Buffer): Buffer {
  return sequence(oid(type), setOf(value));
}

/** Signs `content` as CMS SignedData (DER ContentInfo) with signed attributes. */
export async function signCms(params: CmsSignParams): Promise<NonSharedBuffer> {
  const cert = parseCertificate(params.signerCertificate);
  if (!cert.subjectPublicKeySpki.equals(params.signer.publicKeySpki)) {
    throw new PkiError("INVALID_ARGUMENT", "The signer's key does not match the signer certificate's public key.");
  }
  const digest = DIGEST[params.signer.algorithm];
  if (!digest) throw new PkiError("UNSUPPORTED_ALGORITHM", `CMS signing with ${String(params.signer.algorithm)} is not supported.`);
  const digestAlg = digest.oid === OID.sha256 ? algorithmIdentifier(OID.sha256, NULL_VALUE) : algorithmIdentifier(digest.oid, NULL_VALUE);
  const messageDigest = crypto.hash(digest.name, params.content, "buffer");
  const attrs = [
    attribute(CMS_OID.contentType, oid(OID.data)),
    attribute(CMS_OID.signingTime, time(params.signingTime)),
    attribute(CMS_OID.messageDigest, octetString(messageDigest)),
  ];
  // RFC 5652 §5.4: the signature covers the attributes DER-encoded as a SET OF (tag 0x31),
  // while the SignerInfo carries them under [0] IMPLICIT.
  const signedAttrsSet = setOf(...attrs);
  const signature = await params.signer.sign(signedAttrsSet);
  const signedAttrs = Buffer.from(signedAttrsSet);
  signedAttrs[0] = 0xa0;
  const signerInfo = sequence(
    integer(1),
    sequence(cert.issuerDer, integerFromBytes(serialFromHex(cert.serialHex))),
    digestAlg,
    signedAttrs,
    signatureAlgorithmIdentifier(params.signer.algorithm),
    octetString(signature),
  );
  const certificates = [params.signerCertificate, ...(params.certificates ?? [])];
  const signedData = sequence(
    integer(1),
    setOf(digestAlg),
    sequence(oid(OID.data), explicit(0, octetString(params.content))),
    tlv(0xa0, ...certificates),
    setOf(signerInfo),
  );
  return sequence(oid(CMS_OID.signedData), explicit(0, signedData));
}
