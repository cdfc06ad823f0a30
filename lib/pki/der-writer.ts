/**
 * A small DER writer (ITU-T X.690 §10). Every function returns a complete TLV as one Buffer;
 * constructed values are assembled with one allocation each, so a certificate costs a few
 * dozen small allocations and no re-encoding.
 */
import type { NonSharedBuffer } from "node:buffer";
import { PkiError } from "./errors";

/** Universal tags (X.680 §8.6) used by X.509. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Number of bytes a DER header takes for a value of `len` content bytes (one-byte tag). */
export function headerLength(len: number): number {
  if (len < 0x80) return 2;
  if (len < 0x100) return 3;
  if (len < 0x10000) return 4;
  if (len < 0x1000000) return 5;
  return 6;
}

/** Writes tag and definite length at `off`; returns the offset after the header. */
export function writeHeader(buf: Buffer, off: number, tag: number, len: number): number {
  buf[off++] = tag;
  if (len < 0x80) {
    buf[off++] = len;
    return off;
  }
  const n = headerLength(len) - 2;
  buf[off++] = 0x80 | n;
  for (let i = n - 1; i >= 0; i--) buf[off++] = Math.floor(len / 2 ** (8 * i)) & 0xff;
  return off;
}

/** Wraps already-encoded parts in one constructed or primitive TLV. */
export function tlv(tag: number, ...parts: Buffer[]): NonSharedBuffer {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = Buffer.allocUnsafe(headerLength(len) + len);
  let off = writeHeader(out, 0, tag, len);
  for (const p of parts) off += p.copy(out, off);
  return out;
}

/** SEQUENCE of already-encoded elements. */
export function sequence(...parts: Buffer[]): NonSharedBuffer {
  return tlv(TAG.SEQUENCE, ...parts);
}

/** SET OF, with elements sorted as DER requires (X.690 §11.6). */
export function setOf(...parts: Buffer[]): NonSharedBuffer {
  const sorted = parts.length > 1 ? [...parts].sort(Buffer.compare) : parts;
  return tlv(TAG.SET, ...sorted);
}

/** [n] EXPLICIT wrapper (constructed context-specific tag). */
export function explicit(n: number, inner: Buffer): NonSharedBuffer {
  return tlv(0xa0 | n, inner);
}

/** [n] IMPLICIT primitive value from raw content bytes. */
export function implicitPrimitive(n: number, content: Buffer): NonSharedBuffer {
  return tlv(0x80 | n, content);
}

/** INTEGER from the two's-complement content bytes of a non-negative value (minimised). */
export function integerFromBytes(bytes: Buffer): NonSharedBuffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && bytes[start + 1] < 0x80) start++;
  const body = bytes.subarray(start);
  if (body.length === 0) return Buffer.from([TAG.INTEGER, 1, 0]);
  if (body[0] & 0x80) return tlv(TAG.INTEGER, Buffer.from([0]), body);
  return tlv(TAG.INTEGER, body);
}

/** INTEGER from a non-negative number or bigint. */
export function integer(value: number | bigint): NonSharedBuffer {
  const v = BigInt(value);
  if (v < 0n) throw new PkiError("INVALID_ARGUMENT", "Negative integers are not used in this PKI; pass a value of 0 or more.");
  let hex = v.toString(16);
  if (hex.length % 2) hex = "0" + hex;
  return integerFromBytes(Buffer.from(hex, "hex"));
}

const oidCache = new Map<string, NonSharedBuffer>();

/** OBJECT IDENTIFIER from dotted notation (cached: OIDs repeat in every artefact). */
export function oid(dotted: string): NonSharedBuffer {
  const hit = oidCache.get(dotted);
  if (hit) return hit;
  const arcs = dotted.split(".").map((a) => {
    if (!/^\d+$/.test(a)) throw new PkiError("INVALID_ARGUMENT", `"${dotted}" is not a dotted OID; write it like 1.2.840.113549.1.1.11.`);
    return BigInt(a);
  });
  if (arcs.length < 2 || arcs[0] > 2n || (arcs[0] < 2n && arcs[1] > 39n)) {
    throw new PkiError("INVALID_ARGUMENT", `"${dotted}" is not a valid OID (X.660: first arc 0-2, second arc < 40 unless the first is 2).`);
  }
  const bytes: number[] = [];
  const values = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)];
  for (const v of values) {
    const chunk: number[] = [Number(v & 0x7fn)];
    for (let rest = v >> 7n; rest > 0n; rest >>= 7n) chunk.unshift(Number(rest & 0x7fn) | 0x80);
    bytes.push(...chunk);
  }
  const encoded = tlv(TAG.OID, Buffer.from(bytes));
  oidCache.set(dotted, encoded);
  return encoded;
}

/** The encoded NULL, as RSA AlgorithmIdentifiers carry it. */
export const NULL_VALUE = Buffer.from([TAG.NULL, 0]);

/** BOOLEAN (DER: TRUE is 0xff). */
export function boolean(value: boolean): NonSharedBuffer {
  return Buffer.from([TAG.BOOLEAN, 1, value ? 0xff : 0]);
}

/** OCTET STRING. */
export function octetString(content: Buffer): NonSharedBuffer {
  return tlv(TAG.OCTET_STRING, content);
}

/** BIT STRING with the given number of unused trailing bits in the last byte. */
export function bitString(content: Buffer, unusedBits = 0): NonSharedBuffer {
  return tlv(TAG.BIT_STRING, Buffer.from([unusedBits]), content);
}

/** BIT STRING of named bits (X.690 §11.2.2: trailing zero bits removed). */
export function namedBitString(bits: number[]): NonSharedBuffer {
  const highest = bits.length ? Math.max(...bits) : -1;
  if (highest < 0) return Buffer.from([TAG.BIT_STRING, 1, 0]);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const b of bits) bytes[b >> 3] |= 0x80 >> (b & 7);
  return bitString(bytes, 7 - (highest & 7));
}

/** A character string of the given universal tag; BMPString is UTF-16BE. */
export function stringValue(tag: number, value: string): NonSharedBuffer {
  if (tag === TAG.BMP_STRING) {
    const le = Buffer.from(value, "utf16le");
    return tlv(tag, le.swap16());
  }
  return tlv(tag, Buffer.from(value, tag === TAG.UTF8_STRING ? "utf8" : "latin1"));
}

const UTC_TIME_FROM = Date.UTC(1950, 0, 1);
const UTC_TIME_UNTIL = Date.UTC(2050, 0, 1);
/** First instant an X.509 Time can hold: 0001-01-01T00:00:00Z (Date.UTC would map year 1 to 1901). */
export const MIN_TIME_MS = -62135596800000;
/** Last millisecond of year 9999. */
export const MAX_TIME_MS = Date.UTC(10000, 0, 1) - 1;

/** Length in bytes of an encoded Time (RFC 5280 §4.1.2.5: UTCTime up to 2049, else GeneralizedTime). */
export function timeLength(ms: number): number {
  return ms >= UTC_TIME_FROM && ms < UTC_TIME_UNTIL ? 15 : 17;
}

function checkDate(date: Date): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new PkiError("INVALID_ARGUMENT", "A date is missing or invalid; pass a valid Date object.");
  if (ms < MIN_TIME_MS || ms > MAX_TIME_MS) {
    throw new PkiError("INVALID_ARGUMENT", `${date.toISOString()} cannot be encoded in an X.509 time; use a year between 1 and 9999.`);
  }
  return ms;
}

function put2(buf: Buffer, off: number, v: number): void {
  buf[off] = 0x30 + Math.floor(v / 10);
  buf[off + 1] = 0x30 + (v % 10);
}

/**
 * Writes Time at `off` and returns the new offset: UTCTime YYMMDDHHMMSSZ for 1950-2049,
 * GeneralizedTime YYYYMMDDHHMMSSZ otherwise (RFC 5280 §4.1.2.5); fractions of a second are dropped.
 * Civil date from day count by H. Hinnant's algorithm: no Date object per call (CRLs write millions).
 */
export function writeTime(buf: Buffer, off: number, ms: number): number {
  const secs = Math.floor(ms / 1000);
  const days = Math.floor(secs / 86400);
  const sod = secs - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (ms >= UTC_TIME_FROM && ms < UTC_TIME_UNTIL) {
    buf[off++] = TAG.UTC_TIME;
    buf[off++] = 13;
    put2(buf, off, year % 100);
    off += 2;
  } else {
    buf[off++] = TAG.GENERALIZED_TIME;
    buf[off++] = 15;
    put2(buf, off, Math.floor(year / 100));
    put2(buf, off + 2, year % 100);
    off += 4;
  }
  put2(buf, off, month);
  put2(buf, off + 2, day);
  put2(buf, off + 4, Math.floor(sod / 3600));
  put2(buf, off + 6, Math.floor(sod / 60) % 60);
  put2(buf, off + 8, sod % 60);
  buf[off + 10] = 0x5a; // 'Z'
  return off + 11;
}

/** Time value per RFC 5280 §4.1.2.5 (validity) and §5.1.2.4-6 (CRL dates). */
export function time(date: Date): NonSharedBuffer {
  const ms = checkDate(date);
  const out = Buffer.allocUnsafe(timeLength(ms));
  writeTime(out, 0, ms);
  return out;
}

/** AlgorithmIdentifier with optional encoded parameters. */
export function algorithmIdentifier(dotted: string, params?: Buffer): NonSharedBuffer {
  return params ? sequence(oid(dotted), params) : sequence(oid(dotted));
}
