// A minimal, strict DER reader. The fake AWS parses CRLs and certificates with this (plus
// node:crypto) so that it stays independent of the product's lib/pki: a bug there must not be
// able to hide itself by being mirrored here.

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OID: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  CONTEXT_0: 0xa0,
} as const;

export interface Tlv {
  tag: number;
  /** Offset of the first content byte within the buffer. */
  start: number;
  /** Offset just past the last content byte. */
  end: number;
}

export class DerError extends Error {}

/** Reads one TLV at `offset`, which must end no later than `limit`. */
export function readTlv(der: Uint8Array, offset: number, limit = der.length): Tlv {
  if (offset + 2 > limit) throw new DerError(`truncated at byte ${offset}`);
  const tag = der[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte tag at byte ${offset}`);
  let length = der[offset + 1];
  let start = offset + 2;
  if (length === 0x80) throw new DerError(`indefinite length at byte ${offset} (not DER)`);
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || start + count > limit) throw new DerError(`bad length at byte ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new DerError(`element at byte ${offset} runs past its container`);
  return { tag, start, end };
}

/** The children of a constructed element, checking that they fill it exactly. */
export function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const child = readTlv(der, offset, parent.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`expected ${what}`);
  return tlv;
}

/** The whole buffer must be exactly one element with the given tag. */
export function readRoot(der: Uint8Array, tag: number, what: string): Tlv {
  const root = expectTag(readTlv(der, 0), tag, what);
  if (root.end !== der.length) throw new DerError(`trailing bytes after ${what}`);
  return root;
}

/** An INTEGER's magnitude as uppercase hex without leading zeros (serial numbers are positive). */
export function integerHex(der: Uint8Array, tlv: Tlv): string {
  if (tlv.end === tlv.start) throw new DerError("empty INTEGER");
  const hex = Buffer.from(der.subarray(tlv.start, tlv.end)).toString("hex").toUpperCase();
  return hex.replace(/^0+(?=.)/, "");
}

/** Dotted form of an OBJECT IDENTIFIER. */
export function oid(der: Uint8Array, tlv: Tlv): string {
  const bytes = der.subarray(tlv.start, tlv.end);
  const arcs: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join(".");
}

/** The base64 body of every `-----BEGIN <label>-----` block, in order. */
export function pemBlocks(text: string): { label: string; der: Buffer; text: string }[] {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  const out: { label: string; der: Buffer; text: string }[] = [];
  for (const m of text.matchAll(re)) {
    const body = m[2].replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) {
      throw new DerError(`the ${m[1]} block is not valid base64`);
    }
    out.push({ label: m[1], der: Buffer.from(body, "base64"), text: m[0] });
  }
  return out;
}
