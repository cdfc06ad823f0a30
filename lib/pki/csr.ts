/** PKCS#10 certificate request parsing and proof-of-possession check (RFC 2986, RFC 5280 §4.2). */
import type { NonSharedBuffer } from "node:buffer";
import crypto from "node:crypto";
import { PkiError } from "./errors";
import { DerReader, decodeOid, decodeSmallInt, encodingOf, rethrowMalformed } from "./der-reader";
import { TAG } from "./der-writer";
import { parseExtensionsAt, type ParsedSubjectAltNames } from "./extensions-parse";
import { describeSpkiAt, importPublicKey, readSpki } from "./keys";
import { decodeNameAt, type DistinguishedName } from "./names";
import { fromPem } from "./pem";
import { OID } from "./oids";
import { readSigned, verifySigned } from "./signed-object";
import type { ExtendedKeyUsage, KeyAlgorithm, KeyDescription, KeyUsageFlag } from "./types";

/** Largest CSR accepted, in bytes of input (PEM or DER). */
export const MAX_CSR_BYTES = 64 * 1024;

/** Extensions the requester asked for in a PKCS#9 extensionRequest attribute (RFC 2985 §5.4.2). */
export interface RequestedExtensions {
  subjectAltNames: ParsedSubjectAltNames;
  /** Present so callers can refuse CA:TRUE requests. */
  basicConstraints: { ca: boolean; pathLength?: number } | null;
  keyUsage: KeyUsageFlag[] | null;
  extendedKeyUsage: (ExtendedKeyUsage | string)[] | null;
  /** Extensions not interpreted here (SKI/AKI/CRL DP requests are listed too: the CA sets those). */
  unknown: { oid: string; critical: boolean }[];
}

/** A decoded, policy-checked certificate request. */
export interface ParsedCsr {
  /** Subject attributes of the types Inkan knows (see subjectUnknownAttributes for the rest). */
  subject: DistinguishedName;
  /** RFC 4514 form of the whole requested subject ("" when empty). */
  subjectString: string;
  subjectDer: NonSharedBuffer;
  /** OIDs of subject attributes absent from `subject`. */
  subjectUnknownAttributes: string[];
  subjectPublicKeySpki: NonSharedBuffer;
  key: KeyDescription;
  /** Set when the key is one of the algorithms Inkan generates (e.g. RSA-2048, ECDSA-P256). */
  keyAlgorithm?: KeyAlgorithm;
  signatureAlgorithm: string;
  signatureValid: boolean;
  requestedExtensions: RequestedExtensions;
  /** OIDs of request attributes other than extensionRequest (e.g. challengePassword). */
  otherAttributes: string[];
  der: Buffer;
}

export interface ParseCsrOptions {
  /** When false, a bad signature is reported as signatureValid: false instead of BAD_SIGNATURE. Default true. */
  requireValidSignature?: boolean;
}

const LABELS = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"];
const HINT = "Create the request again, e.g. `openssl req -new -key key.pem -out req.csr`, and upload that file.";

function csrBytes(input: Buffer | string): Buffer {
  if (input === undefined || input === null) throw new PkiError("EMPTY_INPUT", "No certificate request was given. Upload a CSR file.");
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.length;
  if (size > MAX_CSR_BYTES) {
    throw new PkiError("TOO_LARGE", `The certificate request is ${size} bytes; at most ${MAX_CSR_BYTES} are accepted. Upload only the CSR, not a bundle.`);
  }
  const text = typeof input === "string" ? input : null;
  if (size === 0 || (text !== null && text.trim() === "")) {
    throw new PkiError("EMPTY_INPUT", "The certificate request is empty. Upload or paste the CSR (PEM or DER).");
  }
  if (Buffer.isBuffer(input) && input[0] === 0x30) return input;
  const str = text ?? (input as Buffer).toString("latin1");
  if (str.includes("-----BEGIN")) return fromPem(str, LABELS).der;
  const b64 = str.replace(/\s+/g, "");
  if (b64.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(b64) && b64.length % 4 === 0) {
    // Bare base64 only counts when it decodes to a DER SEQUENCE; plain words are not a CSR.
    const der = Buffer.from(b64, "base64");
    if (der[0] === 0x30) return der;
  }
  throw new PkiError("MALFORMED_INPUT", `The input is neither a PEM nor a DER certificate request. ${HINT}`);
}

function readRequest(der: Buffer, requireValidSignature: boolean): ParsedCsr {
  const signed = readSigned(der, "certificate request");
  const r = DerReader.inside(der, signed.tbs);
  const version = decodeSmallInt(der, r.next(TAG.INTEGER, "version"));
  if (version !== 0) throw new PkiError("MALFORMED_INPUT", `The certificate request has version ${version + 1}; only version 1 (RFC 2986) exists.`);
  const subject = decodeNameAt(der, r.next(TAG.SEQUENCE, "subject"));
  const spkiTlv = r.next(TAG.SEQUENCE, "subjectPKInfo");
  const spkiParts = readSpki(der, spkiTlv);
  const attrs = r.enter(0xa0, "attributes");
  r.expectEnd("certificationRequestInfo");

  let extensionsTlv = null;
  const otherAttributes: string[] = [];
  while (!attrs.done) {
    const attr = attrs.enter(TAG.SEQUENCE, "Attribute");
    const type = decodeOid(der, attr.next(TAG.OID, "attribute type"));
    const values = attr.enter(TAG.SET, "attribute values");
    attr.expectEnd("Attribute");
    if (type === OID.extensionRequest) {
      if (extensionsTlv) throw new PkiError("MALFORMED_INPUT", "The certificate request has two extensionRequest attributes.");
      extensionsTlv = values.next(TAG.SEQUENCE, "Extensions");
      values.expectEnd("extensionRequest");
    } else {
      otherAttributes.push(type);
    }
  }
  const exts = parseExtensionsAt(der, extensionsTlv);
  for (const [oid, present] of [
    [OID.subjectKeyIdentifier, exts.subjectKeyIdentifier],
    [OID.authorityKeyIdentifier, exts.authorityKeyIdentifier],
  ] as const) {
    if (present) exts.unknown.push({ oid, critical: false });
  }
  if (exts.crlDistributionPoints.length) exts.unknown.push({ oid: OID.crlDistributionPoints, critical: false });

  const key = describeSpkiAt(der, spkiParts);
  const spki = Buffer.from(encodingOf(der, spkiTlv));
  let keyObject: crypto.KeyObject;
  try {
    keyObject = importPublicKey(spki, spkiParts, key);
  } catch {
    throw new PkiError("MALFORMED_INPUT", `The public key in the certificate request is invalid (not a point on the curve or a damaged RSA key). ${HINT}`);
  }
  const { valid, algorithm } = verifySigned(der, signed, keyObject);
  if (!valid && requireValidSignature) {
    throw new PkiError("BAD_SIGNATURE", `The certificate request's signature does not verify with its own public key; the file was altered or damaged. ${HINT}`);
  }
  const csr: ParsedCsr = {
    subject: subject.dn,
    subjectString: subject.text,
    subjectDer: Buffer.from(subject.der),
    subjectUnknownAttributes: subject.unknownAttributes,
    subjectPublicKeySpki: spki,
    key,
    signatureAlgorithm: algorithm.name,
    signatureValid: valid,
    requestedExtensions: {
      subjectAltNames: exts.subjectAltNames,
      basicConstraints: exts.basicConstraints,
      keyUsage: exts.keyUsage,
      extendedKeyUsage: exts.extendedKeyUsage,
      unknown: exts.unknown,
    },
    otherAttributes,
    der,
  };
  if (key.keyAlgorithm) csr.keyAlgorithm = key.keyAlgorithm;
  return csr;
}

/**
 * Parses a PKCS#10 request (PEM "CERTIFICATE REQUEST"/"NEW CERTIFICATE REQUEST", DER or bare base64)
 * and checks key policy and self-signature. Error codes: EMPTY_INPUT, TOO_LARGE, MALFORMED_INPUT,
 * WEAK_KEY, UNSUPPORTED_CURVE, UNSUPPORTED_ALGORITHM, BAD_SIGNATURE.
 */
export function parseCsr(input: Buffer | string, options: ParseCsrOptions = {}): ParsedCsr {
  const der = csrBytes(input);
  try {
    return readRequest(der, options.requireValidSignature ?? true);
  } catch (err) {
    rethrowMalformed(err, "certificate request", HINT);
  }
}
