/**
 * A small strict DER reader (ITU-T X.690 §10): definite lengths only, minimal length
 * encodings, single-byte tags. It works on offsets into the input buffer and copies nothing.
 */
import { PkiError } from "./errors";
import { TAG } from "./der-writer";

/** One decoded header: the value's bytes are buf[contentStart, end). */
export interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

const lowLevel = new WeakSet<PkiError>();

/** MALFORMED_INPUT error with a short technical detail; parsers add what the input was. */
export function malformed(detail: string): PkiError {
  const err = new PkiError("MALFORMED_INPUT", detail);
  lowLevel.add(err);
  return err;
}

/** True for errors made by `malformed` that still need a sentence naming the artefact. */
export function isDerDetail(err: unknown): err is PkiError {
  return err instanceof PkiError && lowLevel.has(err);
}

/** Rethrows a low-level DER failure as a sentence naming the artefact and what to do; other errors pass through. */
export function rethrowMalformed(err: unknown, what: string, hint: string): never {
  if (isDerDetail(err)) throw new PkiError("MALFORMED_INPUT", `The ${what} is not valid DER (${err.message}). ${hint}`);
  throw err;
}

/** Reads the header at `off` and checks that the value fits before `limit`. */
export function readTlv(buf: Buffer, off: number, limit: number): Tlv {
  if (off + 2 > limit) throw malformed(`truncated DER at byte ${off}`);
  const tag = buf[off];
  if ((tag & 0x1f) === 0x1f) throw malformed(`unsupported multi-byte tag at byte ${off}`);
  let len = buf[off + 1];
  let contentStart = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) throw malformed(`indefinite length at byte ${off} (BER, not DER)`);
    if (n > 4) throw malformed(`length field too long at byte ${off}`);
    if (contentStart + n > limit) throw malformed(`truncated length at byte ${off}`);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[contentStart + i];
    if (buf[contentStart] === 0 || len < 0x80) throw malformed(`non-minimal length at byte ${off}`);
    contentStart += n;
  }
  const end = contentStart + len;
  if (end > limit) throw malformed(`value at byte ${off} runs past its container`);
  return { tag, start: off, contentStart, end };
}

const TAG_NAMES: Record<number, string> = {
  [TAG.SEQUENCE]: "SEQUENCE",
  [TAG.SET]: "SET",
  [TAG.INTEGER]: "INTEGER",
  [TAG.OID]: "OBJECT IDENTIFIER",
  [TAG.BIT_STRING]: "BIT STRING",
  [TAG.OCTET_STRING]: "OCTET STRING",
};

function tagName(tag: number): string {
  return TAG_NAMES[tag] ?? `tag 0x${tag.toString(16).padStart(2, "0")}`;
}

/** Sequential reader over the elements between `start` and `end`. */
export class DerReader {
  readonly buf: Buffer;
  private off: number;
  readonly end: number;

  constructor(buf: Buffer, start = 0, end = buf.length) {
    this.buf = buf;
    this.off = start;
    this.end = end;
  }

  /** Reader over the content of a constructed element. */
  static inside(buf: Buffer, t: Tlv): DerReader {
    return new DerReader(buf, t.contentStart, t.end);
  }

  get done(): boolean {
    return this.off >= this.end;
  }

  /** Tag of the next element, or -1 at the end. */
  peekTag(): number {
    return this.off < this.end ? this.buf[this.off] : -1;
  }

  /** Next element; when `tag` is given it must match. */
  next(tag?: number, what = "element"): Tlv {
    if (this.off >= this.end) throw malformed(`missing ${what}`);
    const t = readTlv(this.buf, this.off, this.end);
    if (tag !== undefined && t.tag !== tag) {
      throw malformed(`expected ${tagName(tag)} for ${what} at byte ${t.start}, found ${tagName(t.tag)}`);
    }
    this.off = t.end;
    return t;
  }

  /** Next element if its tag matches, else null. */
  optional(tag: number): Tlv | null {
    return this.peekTag() === tag ? this.next(tag) : null;
  }

  /** Reader over the content of the next element with the given tag. */
  enter(tag: number, what?: string): DerReader {
    return DerReader.inside(this.buf, this.next(tag, what));
  }

  /** Throws unless every element has been consumed. */
  expectEnd(what: string): void {
    if (this.off !== this.end) throw malformed(`unexpected data after ${what} at byte ${this.off}`);
  }
}

/** Content bytes of an element (a view, not a copy). */
export function contentOf(buf: Buffer, t: Tlv): Buffer {
  return buf.subarray(t.contentStart, t.end);
}

/** Whole encoding (header and content) of an element (a view). */
export function encodingOf(buf: Buffer, t: Tlv): Buffer {
  return buf.subarray(t.start, t.end);
}

/** Parses a complete DER value and checks that nothing follows it. */
export function readTop(buf: Buffer, tag: number, what: string): Tlv {
  const t = readTlv(buf, 0, buf.length);
  if (t.tag !== tag) throw malformed(`expected ${tagName(tag)} for ${what}, found ${tagName(t.tag)}`);
  if (t.end !== buf.length) throw malformed(`${buf.length - t.end} unexpected bytes after the ${what}`);
  return t;
}

const oidNames = new Map<string, string>();

/** Dotted form of an OBJECT IDENTIFIER (cached by content bytes). */
export function decodeOid(buf: Buffer, t: Tlv): string {
  if (t.tag !== TAG.OID) throw malformed(`expected OBJECT IDENTIFIER at byte ${t.start}`);
  const key = buf.toString("latin1", t.contentStart, t.end);
  const hit = oidNames.get(key);
  if (hit) return hit;
  if (t.end === t.contentStart || buf[t.end - 1] & 0x80) throw malformed(`bad OBJECT IDENTIFIER at byte ${t.start}`);
  const arcs: bigint[] = [];
  let v = 0n;
  for (let i = t.contentStart; i < t.end; i++) {
    if (v === 0n && buf[i] === 0x80) throw malformed(`non-minimal OBJECT IDENTIFIER at byte ${t.start}`);
    v = (v << 7n) | BigInt(buf[i] & 0x7f);
    if (!(buf[i] & 0x80)) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs[0] < 80n ? arcs[0] / 40n : 2n;
  const dotted = [first, arcs[0] - first * 40n, ...arcs.slice(1)].join(".");
  if (oidNames.size < 10_000) oidNames.set(key, dotted);
  return dotted;
}

/** Content bytes of an INTEGER, checked for minimal encoding. */
export function integerBytes(buf: Buffer, t: Tlv): Buffer {
  if (t.tag !== TAG.INTEGER) throw malformed(`expected INTEGER at byte ${t.start}`);
  const len = t.end - t.contentStart;
  if (len === 0) throw malformed(`empty INTEGER at byte ${t.start}`);
  const b0 = buf[t.contentStart];
  if (len > 1 && ((b0 === 0 && buf[t.contentStart + 1] < 0x80) || (b0 === 0xff && buf[t.contentStart + 1] >= 0x80))) {
    throw malformed(`non-minimal INTEGER at byte ${t.start}`);
  }
  return buf.subarray(t.contentStart, t.end);
}

/** INTEGER as bigint (two's complement). */
export function decodeBigInt(buf: Buffer, t: Tlv): bigint {
  const bytes = integerBytes(buf, t);
  const v = BigInt("0x" + bytes.toString("hex"));
  return bytes[0] & 0x80 ? v - (1n << BigInt(bytes.length * 8)) : v;
}

/** INTEGER that must fit a JS number safely. */
export function decodeSmallInt(buf: Buffer, t: Tlv): number {
  const v = decodeBigInt(buf, t);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw malformed(`INTEGER at byte ${t.start} is too large`);
  }
  return Number(v);
}

/** ENUMERATED with a small non-negative value (e.g. CRLReason). */
export function decodeEnumerated(buf: Buffer, t: Tlv): number {
  if (t.tag !== TAG.ENUMERATED) throw malformed(`expected ENUMERATED at byte ${t.start}`);
  return decodeSmallInt(buf, { ...t, tag: TAG.INTEGER });
}

/** BOOLEAN (DER: 0x00 or 0xff). */
export function decodeBoolean(buf: Buffer, t: Tlv): boolean {
  if (t.tag !== TAG.BOOLEAN || t.end - t.contentStart !== 1) throw malformed(`bad BOOLEAN at byte ${t.start}`);
  const v = buf[t.contentStart];
  if (v !== 0 && v !== 0xff) throw malformed(`non-DER BOOLEAN at byte ${t.start}`);
  return v === 0xff;
}

/** BIT STRING content without the unused-bits byte, plus that count. */
export function decodeBitString(buf: Buffer, t: Tlv): { bytes: Buffer; unusedBits: number } {
  if (t.tag !== TAG.BIT_STRING || t.end === t.contentStart) throw malformed(`bad BIT STRING at byte ${t.start}`);
  const unusedBits = buf[t.contentStart];
  if (unusedBits > 7 || (unusedBits > 0 && t.end - t.contentStart === 1)) throw malformed(`bad BIT STRING at byte ${t.start}`);
  return { bytes: buf.subarray(t.contentStart + 1, t.end), unusedBits };
}

function digits(buf: Buffer, off: number, n: number, at: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = buf[off + i] - 0x30;
    if (d < 0 || d > 9) throw malformed(`bad time value at byte ${at}`);
    v = v * 10 + d;
  }
  return v;
}

/** UTCTime or GeneralizedTime in the DER forms RFC 5280 §4.1.2.5 allows (seconds, "Z"). */
export function decodeTime(buf: Buffer, t: Tlv): Date {
  return new Date(decodeTimeMs(buf, t));
}

/** Same as decodeTime, as milliseconds since the epoch. */
export function decodeTimeMs(buf: Buffer, t: Tlv): number {
  return decodeTimeAt(buf, t.tag, t.contentStart, t.end, t.start);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Time value from raw tag and content bounds (no Tlv object: CRL entries decode millions). */
export function decodeTimeAt(buf: Buffer, tag: number, s: number, end: number, at: number): number {
  const len = end - s;
  let year: number;
  let p: number;
  if (tag === TAG.UTC_TIME && len === 13) {
    const yy = digits(buf, s, 2, at);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    p = s + 2;
  } else if (tag === TAG.GENERALIZED_TIME && len === 15) {
    year = digits(buf, s, 4, at);
    p = s + 4;
  } else {
    throw malformed(`expected UTCTime or GeneralizedTime in the form ...HHMMSSZ at byte ${at}`);
  }
  if (buf[end - 1] !== 0x5a) throw malformed(`time at byte ${at} is not in UTC ("Z")`);
  const month = digits(buf, p, 2, at);
  const day = digits(buf, p + 2, 2, at);
  const hour = digits(buf, p + 4, 2, at);
  const min = digits(buf, p + 6, 2, at);
  const sec = digits(buf, p + 8, 2, at);
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1] + leap || hour > 23 || min > 59 || sec > 59) {
    throw malformed(`time out of range at byte ${at}`);
  }
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, min, sec);
  const d = new Date(0); // Date.UTC maps years 0-99 to 1900-1999
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, min, sec, 0);
  return d.getTime();
}

/** Any X.520 directory string type as a JS string. */
export function decodeString(buf: Buffer, t: Tlv): string {
  switch (t.tag) {
    case TAG.UTF8_STRING:
      return buf.toString("utf8", t.contentStart, t.end);
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.T61_STRING:
    case 0x12: // NumericString
    case 0x1a: // VisibleString
      return buf.toString("latin1", t.contentStart, t.end);
    case TAG.BMP_STRING: {
      if ((t.end - t.contentStart) % 2) throw malformed(`odd-length BMPString at byte ${t.start}`);
      return Buffer.from(buf.subarray(t.contentStart, t.end)).swap16().toString("utf16le");
    }
    case TAG.UNIVERSAL_STRING: {
      const cps: number[] = [];
      for (let i = t.contentStart; i + 4 <= t.end; i += 4) cps.push(buf.readUInt32BE(i));
      return String.fromCodePoint(...cps);
    }
    default:
      throw malformed(`unsupported string type 0x${t.tag.toString(16)} at byte ${t.start}`);
  }
}
