/** X.509 certificate parsing and signature verification (RFC 5280 §4.1). */
import type { NonSharedBuffer } from "node:buffer";
import crypto from "node:crypto";
import { PkiError } from "./errors";
import { DerReader, decodeSmallInt, decodeTime, encodingOf, integerBytes, rethrowMalformed } from "./der-reader";
import { TAG } from "./der-writer";
import { parseExtensionsAt, type ParsedSubjectAltNames } from "./extensions-parse";
import { describeSpkiAt, readSpki } from "./keys";
import { decodeNameAt, type DistinguishedName } from "./names";
import { fromPem, looksLikePem, PEM_LABEL } from "./pem";
import { serialToHex } from "./serial";
import { readSigned, verifySigned } from "./signed-object";
import { signatureAlgorithmName } from "./signer";
import type { ExtendedKeyUsage, KeyDescription, KeyUsageFlag } from "./types";

/** Everything an administrator or the CA service reads from a certificate. */
export interface CertificateInfo {
  version: number;
  serialHex: string;
  /** Subject attributes of the types Inkan knows (see subjectUnknownAttributes for the rest). */
  subject: DistinguishedName;
  /** RFC 4514 form of the whole subject, e.g. "CN=alice,O=Example,C=JP". */
  subjectString: string;
  /** Exact DER Name, to use as issuer name when this certificate is a CA. */
  subjectDer: NonSharedBuffer;
  /** OIDs of subject attributes absent from `subject`. */
  subjectUnknownAttributes: string[];
  issuer: DistinguishedName;
  issuerString: string;
  issuerDer: NonSharedBuffer;
  notBefore: Date;
  notAfter: Date;
  key: KeyDescription;
  subjectPublicKeySpki: NonSharedBuffer;
  /** Informational: weak algorithms are named too; verifyCertificateSignature refuses them. */
  signatureAlgorithm: string;
  subjectAltNames: ParsedSubjectAltNames;
  keyUsage: KeyUsageFlag[];
  extendedKeyUsage: (ExtendedKeyUsage | string)[];
  isCa: boolean;
  pathLength?: number;
  subjectKeyIdentifier: Buffer | null;
  authorityKeyIdentifier: Buffer | null;
  crlDistributionPoints: string[];
  unknownExtensions: { oid: string; critical: boolean }[];
  /** Colon-separated uppercase hex, as `openssl x509 -fingerprint` prints. */
  sha1Fingerprint: string;
  sha256Fingerprint: string;
  /** The DER certificate (PEM input is decoded). */
  der: Buffer;
}

const HINT = "Upload an X.509 certificate in PEM or DER form.";

/** Uppercase colon-separated hex ("AB:CD:..."), the form admins compare fingerprints in. */
export function colonHex(bytes: Buffer): string {
  return bytes.toString("hex").toUpperCase().replace(/(..)(?!$)/g, "$1:");
}

function toDer(input: Buffer | string): Buffer {
  if (typeof input === "string" || looksLikePem(input)) {
    return fromPem(typeof input === "string" ? input : input.toString("latin1"), [PEM_LABEL.CERTIFICATE]).der;
  }
  if (!Buffer.isBuffer(input) || input.length === 0) throw new PkiError("EMPTY_INPUT", "The certificate is empty. " + HINT);
  return input;
}

/** Parses a certificate (PEM or DER); enforces the key policy of describeKey on its public key. */
export function parseCertificate(input: Buffer | string): CertificateInfo {
  const der = toDer(input);
  try {
    const signed = readSigned(der, "certificate");
    const r = DerReader.inside(der, signed.tbs);
    const vTlv = r.optional(0xa0);
    const version = vTlv ? decodeSmallInt(der, DerReader.inside(der, vTlv).next(TAG.INTEGER, "version")) + 1 : 1;
    const serial = integerBytes(der, r.next(TAG.INTEGER, "serialNumber"));
    const innerAlg = r.next(TAG.SEQUENCE, "signature");
    if (!encodingOf(der, innerAlg).equals(signed.algorithmDer)) {
      throw new PkiError("MALFORMED_INPUT", "The certificate's two signature algorithm fields differ (RFC 5280 §4.1.1.2); it is invalid.");
    }
    const issuer = decodeNameAt(der, r.next(TAG.SEQUENCE, "issuer"));
    const validity = r.enter(TAG.SEQUENCE, "validity");
    const notBefore = decodeTime(der, validity.next(undefined, "notBefore"));
    const notAfter = decodeTime(der, validity.next(undefined, "notAfter"));
    validity.expectEnd("validity");
    const subject = decodeNameAt(der, r.next(TAG.SEQUENCE, "subject"));
    const spkiTlv = r.next(TAG.SEQUENCE, "subjectPublicKeyInfo");
    const spkiParts = readSpki(der, spkiTlv);
    r.optional(0x81);
    r.optional(0x82);
    const extTlv = r.optional(0xa3);
    const exts = parseExtensionsAt(der, extTlv ? DerReader.inside(der, extTlv).next(TAG.SEQUENCE, "extensions") : null);
    r.expectEnd("tbsCertificate");
    const bc = exts.basicConstraints;
    const info: CertificateInfo = {
      version,
      serialHex: serialToHex(serial),
      subject: subject.dn,
      subjectString: subject.text,
      subjectDer: Buffer.from(subject.der),
      subjectUnknownAttributes: subject.unknownAttributes,
      issuer: issuer.dn,
      issuerString: issuer.text,
      issuerDer: Buffer.from(issuer.der),
      notBefore,
      notAfter,
      key: describeSpkiAt(der, spkiParts),
      subjectPublicKeySpki: Buffer.from(encodingOf(der, spkiTlv)),
      signatureAlgorithm: signatureAlgorithmName(signed.algorithmOid),
      subjectAltNames: exts.subjectAltNames,
      keyUsage: exts.keyUsage ?? [],
      extendedKeyUsage: exts.extendedKeyUsage ?? [],
      isCa: bc?.ca === true,
      subjectKeyIdentifier: exts.subjectKeyIdentifier,
      authorityKeyIdentifier: exts.authorityKeyIdentifier,
      crlDistributionPoints: exts.crlDistributionPoints,
      unknownExtensions: exts.unknown,
      sha1Fingerprint: colonHex(crypto.hash("sha1", der, "buffer")),
      sha256Fingerprint: colonHex(crypto.hash("sha256", der, "buffer")),
      der,
    };
    if (bc?.pathLength !== undefined) info.pathLength = bc.pathLength;
    return info;
  } catch (err) {
    rethrowMalformed(err, "certificate", HINT);
  }
}

/** True when `der`'s signature verifies with the issuer's DER SubjectPublicKeyInfo. */
export function verifyCertificateSignature(der: Buffer, issuerSpki: Buffer): boolean {
  try {
    return verifySigned(der, readSigned(der, "certificate"), issuerSpki).valid;
  } catch (err) {
    rethrowMalformed(err, "certificate", HINT);
  }
}
