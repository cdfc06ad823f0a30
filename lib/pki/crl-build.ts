/**
 * X.509 v2 CRL construction (RFC 5280 §5). Built for size: entries are validated into flat
 * arrays, sorted only when needed, then written straight into one pre-sized buffer.
 */
import type { NonSharedBuffer } from "node:buffer";
import { PkiError } from "./errors";
import {
  TAG,
  bitString,
  explicit,
  headerLength,
  implicitPrimitive,
  integer,
  sequence,
  time,
  timeLength,
  writeHeader,
  writeTime,
} from "./der-writer";
import { extension } from "./extensions";
import { nameDer, type DistinguishedName } from "./names";
import { OID } from "./oids";
import { signatureAlgorithmIdentifier, type Signer } from "./signer";
import { NO_REASON, STRIDE, collectEntries, sortEntries, type CrlEntryInput } from "./crl-entries";

export type { CrlEntryInput };

export interface CrlParams {
  issuerName: DistinguishedName | Buffer;
  /** The CA certificate's subjectKeyIdentifier (RFC 5280 §5.2.1: AKI MUST be present). */
  issuerKeyIdentifier: Buffer;
  signer: Signer;
  /** RFC 5280 §5.2.3: monotonically increasing, at most 20 octets. */
  crlNumber: bigint | number;
  thisUpdate: Date;
  nextUpdate: Date;
  /** Any order; entries are emitted sorted by serial ascending. Duplicate serials are refused. */
  entries: Iterable<CrlEntryInput>;
}

const OUTER_HEADER_ROOM = 6; // tag + 0x84 + 4 length bytes
const SIGNATURE_ROOM = 2100; // BIT STRING of an RSA-16384 signature; ECDSA needs far less

// Extensions ::= SEQUENCE { Extension { reasonCode, OCTET STRING { ENUMERATED n } } } (RFC 5280 §5.3.1)
const REASON_EXT = Buffer.from([0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, 0x00]);

/** Signs a v2 CRL with CRL number and AKI extensions and per-entry reason codes; returns DER. */
export async function buildCrl(params: CrlParams): Promise<NonSharedBuffer> {
  const { thisUpdate, nextUpdate } = params;
  if (!(thisUpdate instanceof Date) || !(nextUpdate instanceof Date) || !(nextUpdate.getTime() > thisUpdate.getTime())) {
    throw new PkiError("INVALID_ARGUMENT", "nextUpdate must be a Date later than thisUpdate (RFC 5280 §5.1.2.5).");
  }
  const crlNumber = BigInt(params.crlNumber);
  if (crlNumber < 0n || crlNumber >= 1n << 159n) {
    throw new PkiError("INVALID_ARGUMENT", "crlNumber must be between 0 and 2^159-1 (RFC 5280 §5.2.3: at most 20 octets).");
  }
  if (!Buffer.isBuffer(params.issuerKeyIdentifier) || params.issuerKeyIdentifier.length === 0) {
    throw new PkiError("INVALID_ARGUMENT", "issuerKeyIdentifier is required (RFC 5280 §5.2.1); pass the CA certificate's subjectKeyIdentifier.");
  }
  const table = collectEntries(params.entries);
  const order = sortEntries(table);
  const { count: n, serials, lengths, times, reasons } = table;

  const algId = signatureAlgorithmIdentifier(params.signer.algorithm);
  const head = Buffer.concat([
    Buffer.from([TAG.INTEGER, 1, 1]), // version v2 (RFC 5280 §5.1.2.1)
    algId,
    nameDer(params.issuerName),
    time(thisUpdate),
    time(nextUpdate),
  ]);
  const crlExtensions = explicit(
    0,
    sequence(
      extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, params.issuerKeyIdentifier))),
      extension(OID.crlNumber, false, integer(crlNumber)),
    ),
  );

  let revokedLen = 0;
  for (let i = 0; i < n; i++) {
    revokedLen += 4 + lengths[i] + timeLength(times[i]) + (reasons[i] === NO_REASON ? 0 : REASON_EXT.length);
  }
  // RFC 5280 §5.1.2.6: with no entries, revokedCertificates MUST be absent.
  const revokedTotal = n ? headerLength(revokedLen) + revokedLen : 0;
  const tbsLen = head.length + revokedTotal + crlExtensions.length;
  // One buffer holds the whole CertificateList: room for the outer header in front of the
  // tbs and for the algorithm and signature after it, so a 50 MB CRL is never copied.
  const tbsTotal = headerLength(tbsLen) + tbsLen;
  const whole = Buffer.allocUnsafe(OUTER_HEADER_ROOM + tbsTotal + algId.length + SIGNATURE_ROOM);
  const tbs = whole.subarray(OUTER_HEADER_ROOM, OUTER_HEADER_ROOM + tbsTotal);
  let off = writeHeader(tbs, 0, TAG.SEQUENCE, tbsLen);
  off += head.copy(tbs, off);
  if (n) off = writeHeader(tbs, off, TAG.SEQUENCE, revokedLen);
  const reasonLen = REASON_EXT.length;
  for (let j = 0; j < n; j++) {
    const i = order ? order[j] : j;
    const serialLen = lengths[i];
    const hasReason = reasons[i] !== NO_REASON;
    tbs[off] = TAG.SEQUENCE;
    tbs[off + 1] = 2 + serialLen + timeLength(times[i]) + (hasReason ? reasonLen : 0);
    tbs[off + 2] = TAG.INTEGER;
    tbs[off + 3] = serialLen;
    off += 4;
    for (let k = 0, p = i * STRIDE; k < serialLen; k++) tbs[off++] = serials[p + k];
    off = writeTime(tbs, off, times[i]);
    if (hasReason) {
      for (let k = 0; k < reasonLen - 1; k++) tbs[off++] = REASON_EXT[k];
      tbs[off++] = reasons[i];
    }
  }
  off += crlExtensions.copy(tbs, off);
  if (off !== tbs.length) throw new Error(`CRL length mismatch: wrote ${off} of ${tbs.length} bytes`);

  const signature = await params.signer.sign(tbs);
  const sigBits = bitString(signature);
  const total = tbs.length + algId.length + sigBits.length;
  if (sigBits.length > SIGNATURE_ROOM) return sequence(tbs, algId, sigBits);
  const start = OUTER_HEADER_ROOM - headerLength(total);
  writeHeader(whole, start, TAG.SEQUENCE, total);
  off = OUTER_HEADER_ROOM + tbs.length;
  off += algId.copy(whole, off);
  off += sigBits.copy(whole, off);
  return whole.subarray(start, off);
}
