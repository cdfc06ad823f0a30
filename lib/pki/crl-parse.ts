/**
 * X.509 CRL parsing (RFC 5280 §5.1). Linear and lazy: parsing checks the structure and counts
 * entries; `entries()` decodes them one at a time, so a 1M-entry CRL costs no per-entry objects
 * unless the caller iterates.
 */
import type { NonSharedBuffer } from "node:buffer";
import { PkiError } from "./errors";
import {
  DerReader,
  contentOf,
  decodeBigInt,
  decodeBoolean,
  decodeOid,
  decodeEnumerated,
  decodeSmallInt,
  decodeTime,
  decodeTimeAt,
  decodeTimeMs,
  integerBytes,
  malformed,
  readTlv,
  rethrowMalformed,
  type Tlv,
} from "./der-reader";
import { TAG } from "./der-writer";
import { decodeNameAt, type DistinguishedName } from "./names";
import { OID } from "./oids";
import { fromPem, looksLikePem, PEM_LABEL } from "./pem";
import { readSigned, verifySigned } from "./signed-object";
import { signatureAlgorithmName } from "./signer";
import { revocationReasonFromCode, type RevocationReason } from "./types";

/** One revoked certificate as read from a CRL. */
export interface CrlEntryInfo {
  serialHex: string;
  revokedAt: Date;
  /** Absent when the entry has no reasonCode (which means unspecified, RFC 5280 §5.3.1). */
  reason?: RevocationReason;
}

export interface CrlInfo {
  version: number;
  issuer: DistinguishedName;
  /** RFC 4514 form of the issuer name. */
  issuerString: string;
  issuerDer: NonSharedBuffer;
  signatureAlgorithm: string;
  thisUpdate: Date;
  nextUpdate: Date | null;
  crlNumber: bigint | null;
  authorityKeyIdentifier: Buffer | null;
  /** CRL extensions other than CRL number and AKI. */
  unknownExtensions: { oid: string; critical: boolean }[];
  entryCount: number;
  /** Decodes entries lazily, in the order they appear. */
  entries(): IterableIterator<CrlEntryInfo>;
  der: Buffer;
}

const HINT = "Upload an X.509 CRL in PEM (\"X509 CRL\") or DER form.";

function toDer(input: Buffer | string): Buffer {
  if (typeof input === "string" || looksLikePem(input)) {
    return fromPem(typeof input === "string" ? input : input.toString("latin1"), [PEM_LABEL.X509_CRL]).der;
  }
  if (!Buffer.isBuffer(input) || input.length === 0) throw new PkiError("EMPTY_INPUT", "The CRL is empty. " + HINT);
  return input;
}

/** Counts the SEQUENCE elements of revokedCertificates, checking each header (no allocation). */
function countEntries(buf: Buffer, start: number, end: number): number {
  let off = start;
  let count = 0;
  while (off < end) {
    if (buf[off] !== TAG.SEQUENCE || off + 2 > end) throw malformed(`bad CRL entry at byte ${off}`);
    let len = buf[off + 1];
    let p = off + 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 3 || p + n > end) throw malformed(`bad CRL entry length at byte ${off}`);
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + buf[p + i];
      if (len < 0x80 || buf[p] === 0) throw malformed(`non-minimal length at byte ${off}`);
      p += n;
    }
    off = p + len;
    count++;
  }
  if (off !== end) throw malformed(`CRL entry runs past the list at byte ${off}`);
  return count;
}

// SEQUENCE { SEQUENCE { OID reasonCode, OCTET STRING { ENUMERATED n } } } as our builder writes it
const REASON_PREFIX = Buffer.from([0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01]);

function entryReason(buf: Buffer, ext: Tlv): RevocationReason | undefined {
  let code: number | undefined;
  if (ext.end - ext.start === REASON_PREFIX.length + 1 && buf.compare(REASON_PREFIX, 0, REASON_PREFIX.length, ext.start, ext.end - 1) === 0) {
    code = buf[ext.end - 1];
  } else {
    const exts = DerReader.inside(buf, ext);
    while (!exts.done) {
      const e = exts.enter(TAG.SEQUENCE, "entry extension");
      const id = decodeOid(buf, e.next(TAG.OID, "extnID"));
      const crit = e.optional(TAG.BOOLEAN);
      if (crit) decodeBoolean(buf, crit);
      const value = e.next(TAG.OCTET_STRING, "extnValue");
      if (id === OID.reasonCode) {
        const v = new DerReader(buf, value.contentStart, value.end);
        code = decodeEnumerated(buf, v.next(TAG.ENUMERATED, "CRLReason"));
        v.expectEnd("CRLReason");
      }
    }
  }
  if (code === undefined) return undefined;
  const reason = revocationReasonFromCode(code);
  if (!reason) throw malformed(`unknown CRL reason code ${code}`);
  return reason;
}

function* iterateEntries(buf: Buffer, start: number, end: number): IterableIterator<CrlEntryInfo> {
  let off = start;
  while (off < end) {
    let item: CrlEntryInfo | null;
    let entryEnd: number;
    try {
      // Fast path for the usual shape: short lengths, serial of at most 20 octets.
      const len = buf[off + 1];
      entryEnd = off + 2 + len;
      item = buf[off] === TAG.SEQUENCE && len < 0x80 && entryEnd <= end ? readShortEntry(buf, off + 2, entryEnd) : null;
      if (!item) {
        const entry = readTlv(buf, off, end);
        entryEnd = entry.end;
        item = readEntry(buf, entry);
      }
    } catch (err) {
      rethrowMalformed(err, "CRL entry list", HINT);
    }
    off = entryEnd;
    yield item;
  }
}

function readShortEntry(buf: Buffer, p: number, end: number): CrlEntryInfo | null {
  const serialLen = buf[p + 1];
  const serialStart = p + 2;
  const timeAt = serialStart + serialLen;
  if (buf[p] !== TAG.INTEGER || serialLen === 0 || serialLen > 21 || timeAt + 2 > end) return null;
  const b0 = buf[serialStart];
  if (b0 & 0x80 || (serialLen > 1 && b0 === 0 && buf[serialStart + 1] < 0x80)) return null;
  const timeEnd = timeAt + 2 + buf[timeAt + 1];
  if (timeEnd > end) return null;
  const ms = decodeTimeAt(buf, buf[timeAt], timeAt + 2, timeEnd, timeAt);
  const serialHex = buf.toString("hex", b0 === 0 && serialLen > 1 ? serialStart + 1 : serialStart, timeAt);
  if (timeEnd === end) return { serialHex, revokedAt: new Date(ms) };
  const ext = readTlv(buf, timeEnd, end);
  if (ext.tag !== TAG.SEQUENCE || ext.end !== end) return null;
  const reason = entryReason(buf, ext);
  return reason ? { serialHex, revokedAt: new Date(ms), reason } : { serialHex, revokedAt: new Date(ms) };
}

function readEntry(buf: Buffer, entry: Tlv): CrlEntryInfo {
  if (entry.tag !== TAG.SEQUENCE) throw malformed(`expected CRL entry SEQUENCE at byte ${entry.start}`);
  const r = DerReader.inside(buf, entry);
  const serialTlv = r.next(TAG.INTEGER, "userCertificate");
  const serial = integerBytes(buf, serialTlv);
  const revokedAt = new Date(decodeTimeMs(buf, r.next(undefined, "revocationDate")));
  const ext = r.optional(TAG.SEQUENCE);
  r.expectEnd("CRL entry");
  const serialHex = buf.toString("hex", serialTlv.contentStart + (serial.length > 1 && serial[0] === 0 ? 1 : 0), serialTlv.end);
  const reason = ext ? entryReason(buf, ext) : undefined;
  return reason ? { serialHex, revokedAt, reason } : { serialHex, revokedAt };
}

/** Parses a CRL (PEM "X509 CRL" or DER): header, extensions and entry count; entries are lazy. */
export function parseCrl(input: Buffer | string): CrlInfo {
  const der = toDer(input);
  try {
    const signed = readSigned(der, "CRL");
    const r = DerReader.inside(der, signed.tbs);
    const vTlv = r.optional(TAG.INTEGER);
    const version = vTlv ? decodeSmallInt(der, vTlv) + 1 : 1;
    const innerAlg = r.next(TAG.SEQUENCE, "signature");
    if (!der.subarray(innerAlg.start, innerAlg.end).equals(signed.algorithmDer)) {
      throw new PkiError("MALFORMED_INPUT", "The CRL's two signature algorithm fields differ (RFC 5280 §5.1.1.2); it is invalid.");
    }
    const issuer = decodeNameAt(der, r.next(TAG.SEQUENCE, "issuer"));
    const thisUpdate = decodeTime(der, r.next(undefined, "thisUpdate"));
    const nextTag = r.peekTag();
    const nextUpdate = nextTag === TAG.UTC_TIME || nextTag === TAG.GENERALIZED_TIME ? decodeTime(der, r.next()) : null;
    const revoked = r.optional(TAG.SEQUENCE);
    const extWrapper = r.optional(0xa0);
    r.expectEnd("tbsCertList");
    const entryCount = revoked ? countEntries(der, revoked.contentStart, revoked.end) : 0;

    let crlNumber: bigint | null = null;
    let authorityKeyIdentifier: Buffer | null = null;
    const unknownExtensions: { oid: string; critical: boolean }[] = [];
    if (extWrapper) {
      const wrapper = DerReader.inside(der, extWrapper);
      const exts = wrapper.enter(TAG.SEQUENCE, "crlExtensions");
      wrapper.expectEnd("crlExtensions");
      while (!exts.done) {
        const e = exts.enter(TAG.SEQUENCE, "Extension");
        const id = decodeOid(der, e.next(TAG.OID, "extnID"));
        const crit = e.optional(TAG.BOOLEAN);
        const critical = crit ? decodeBoolean(der, crit) : false;
        const value = DerReader.inside(der, e.next(TAG.OCTET_STRING, "extnValue"));
        e.expectEnd("Extension");
        if (id === OID.crlNumber) crlNumber = decodeBigInt(der, value.next(TAG.INTEGER, "CRLNumber"));
        else if (id === OID.authorityKeyIdentifier) {
          const kid = value.enter(TAG.SEQUENCE, "AuthorityKeyIdentifier").optional(0x80);
          authorityKeyIdentifier = kid ? Buffer.from(contentOf(der, kid)) : null;
        } else unknownExtensions.push({ oid: id, critical });
      }
    }
    const signatureAlgorithm = signatureAlgorithmName(signed.algorithmOid);
    return {
      version,
      issuer: issuer.dn,
      issuerString: issuer.text,
      issuerDer: Buffer.from(issuer.der),
      signatureAlgorithm,
      thisUpdate,
      nextUpdate,
      crlNumber,
      authorityKeyIdentifier,
      unknownExtensions,
      entryCount,
      entries: () => (revoked ? iterateEntries(der, revoked.contentStart, revoked.end) : [][Symbol.iterator]()),
      der,
    };
  } catch (err) {
    rethrowMalformed(err, "CRL", HINT);
  }
}

/** True when the CRL's signature verifies with the issuer's DER SubjectPublicKeyInfo. */
export function verifyCrlSignature(input: Buffer | string, issuerSpki: Buffer): boolean {
  const der = toDer(input);
  try {
    return verifySigned(der, readSigned(der, "CRL"), issuerSpki).valid;
  } catch (err) {
    rethrowMalformed(err, "CRL", HINT);
  }
}
