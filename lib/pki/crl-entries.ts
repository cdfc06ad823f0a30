/**
 * Flat, sorted storage of CRL entries for buildCrl. One million entries take ~30 MB here:
 * serial bytes in a pooled Uint8Array, times in a Float64Array, reasons in a Uint8Array;
 * no per-entry objects. Sorting uses the engine's native Float64Array sort on packed
 * (length, leading bits, index) keys and fixes the rare ties with a full comparison.
 */
import { PkiError } from "./errors";
import { MAX_TIME_MS, MIN_TIME_MS } from "./der-writer";
import { REVOCATION_REASON_CODES, type RevocationReason } from "./types";

/** One revoked certificate. `serial` is DER INTEGER content bytes or hex (as serialToHex gives). */
export interface CrlEntryInput {
  serial: Buffer | string;
  revokedAt: Date;
  reason?: RevocationReason;
}

/** Bytes reserved per serial: RFC 5280 §4.1.2.2 allows at most 20 octets. */
export const STRIDE = 20;
/** Marks an entry without a reasonCode extension. */
export const NO_REASON = 255;

export interface EntryTable {
  count: number;
  /** Serial content bytes of entry i at [i * STRIDE, i * STRIDE + lengths[i]). */
  serials: Uint8Array;
  lengths: Uint8Array;
  times: Float64Array;
  reasons: Uint8Array;
}

function badEntry(index: number, detail: string): PkiError {
  return new PkiError("INVALID_ARGUMENT", `CRL entry #${index + 1}: ${detail}.`);
}

function reasonCode(reason: RevocationReason | undefined, index: number): number {
  if (reason === undefined || reason === "unspecified") return NO_REASON; // RFC 5280 §5.3.1: SHOULD be absent
  const code = REVOCATION_REASON_CODES[reason];
  if (code === undefined) throw badEntry(index, `unknown revocation reason "${String(reason)}"`);
  if (code === 8) throw badEntry(index, "removeFromCRL is only valid in delta CRLs (RFC 5280 §5.3.1)");
  return code;
}

function hexNibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

// Byte value of every two-character hex pair, indexed by (c1 << 7) | c2; -1 when not hex.
const HEX_PAIRS = new Int16Array(128 * 128).fill(-1);
for (let a = 0; a < 128; a++) {
  for (let b = 0; b < 128; b++) {
    const hi = hexNibble(a);
    const lo = hexNibble(b);
    if (hi >= 0 && lo >= 0) HEX_PAIRS[(a << 7) | b] = (hi << 4) | lo;
  }
}

/** Writes the canonical (minimal, positive) content bytes of a hex serial; returns the length. */
function putHexSerial(hex: string, out: Uint8Array, base: number, index: number): number {
  let start = 0;
  while (start < hex.length && hex.charCodeAt(start) === 0x30) start++;
  const digits = hex.length - start;
  if (digits === 0) throw badEntry(index, hex.length ? "serial is zero" : "serial is empty");
  const firstNibble = hexNibble(hex.charCodeAt(start));
  const byteLen = (digits + 1) >> 1;
  const sign = digits % 2 === 0 && firstNibble >= 8 ? 1 : 0;
  const len = byteLen + sign;
  if (len > STRIDE) throw badEntry(index, "serial is longer than 20 octets (RFC 5280 §4.1.2.2)");
  let o = base;
  if (sign) out[o++] = 0;
  let i = start;
  if (digits % 2) {
    if (firstNibble < 0) throw badEntry(index, `serial "${hex}" is not hexadecimal`);
    out[o++] = firstNibble;
    i++;
  }
  for (; i < hex.length; i += 2) {
    const c1 = hex.charCodeAt(i);
    const c2 = hex.charCodeAt(i + 1);
    const v = c1 < 128 && c2 < 128 ? HEX_PAIRS[(c1 << 7) | c2] : -1;
    if (v < 0) throw badEntry(index, `serial "${hex}" is not hexadecimal`);
    out[o++] = v;
  }
  return len;
}

function putBufferSerial(serial: Buffer, out: Uint8Array, base: number, index: number): number {
  const len = serial.length;
  if (len === 0 || serial[0] & 0x80 || (len > 1 && serial[0] === 0 && serial[1] < 0x80) || (len === 1 && serial[0] === 0)) {
    throw badEntry(index, "serial is not the minimal encoding of a positive integer (use newSerial or serialFromHex)");
  }
  if (len > STRIDE) throw badEntry(index, "serial is longer than 20 octets (RFC 5280 §4.1.2.2)");
  for (let i = 0; i < len; i++) out[base + i] = serial[i];
  return len;
}

/** Validates entries into flat arrays (INVALID_ARGUMENT names the entry number on a bad one). */
export function collectEntries(entries: Iterable<CrlEntryInput>): EntryTable {
  // Exact-size arrays: growing large typed arrays repeatedly provokes full GCs of the caller's heap.
  const list = Array.isArray(entries) ? (entries as CrlEntryInput[]) : Array.from(entries);
  const n = list.length;
  const serials = new Uint8Array(n * STRIDE);
  const lengths = new Uint8Array(n);
  const times = new Float64Array(n);
  const reasons = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const e = list[k];
    const serial = e.serial;
    if (typeof serial === "string") lengths[k] = putHexSerial(serial, serials, k * STRIDE, k);
    else if (Buffer.isBuffer(serial)) lengths[k] = putBufferSerial(serial, serials, k * STRIDE, k);
    else throw badEntry(k, "serial must be a Buffer or a hex string");
    const at = e.revokedAt;
    const ms = at instanceof Date ? at.getTime() : NaN;
    if (!(ms >= MIN_TIME_MS && ms <= MAX_TIME_MS)) throw badEntry(k, "revokedAt must be a valid Date");
    times[k] = ms;
    reasons[k] = reasonCode(e.reason, k);
  }
  return { count: n, serials, lengths, times, reasons };
}

/** Numeric comparison of serials a and b (minimal encodings: longer is larger). */
function compareSerials(t: EntryTable, a: number, b: number): number {
  const la = t.lengths[a];
  const d = la - t.lengths[b];
  if (d !== 0) return d;
  const s = t.serials;
  for (let i = 0, pa = a * STRIDE, pb = b * STRIDE; i < la; i++) {
    const x = s[pa + i] - s[pb + i];
    if (x !== 0) return x;
  }
  return 0;
}

function serialHex(t: EntryTable, i: number): string {
  return Buffer.from(t.serials.subarray(i * STRIDE, i * STRIDE + t.lengths[i])).toString("hex");
}

function duplicate(t: EntryTable, i: number): PkiError {
  return badEntry(i, `serial ${serialHex(t, i)} appears twice; a certificate is revoked once`);
}

/** Entry indices in ascending serial order, or null when the input already is (the common case). */
export function sortEntries(t: EntryTable): Uint32Array | null {
  const n = t.count;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    const c = compareSerials(t, i - 1, i);
    if (c === 0) throw duplicate(t, i);
    if (c > 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return null;

  // Pack (length, leading content bits, index) into doubles (53 exact bits) and sort natively.
  const idxBits = Math.max(1, Math.ceil(Math.log2(n)));
  const lead = 53 - idxBits - 5; // 5 bits hold the length (1..20)
  if (lead < 8) throw new PkiError("TOO_LARGE", `A CRL of ${n} entries is too large to build.`);
  const idxScale = 2 ** idxBits;
  const keys = new Float64Array(n);
  const s = t.serials;
  for (let i = 0; i < n; i++) {
    const p = i * STRIDE;
    // Top 32 content bits (zero-filled past the end; lengths are equal when it matters).
    const len = t.lengths[i];
    const top32 = ((s[p] << 24) >>> 0) + ((len > 1 ? s[p + 1] : 0) << 16) + ((len > 2 ? s[p + 2] : 0) << 8) + (len > 3 ? s[p + 3] : 0);
    const leadBits = lead >= 32 ? top32 : Math.floor(top32 / 2 ** (32 - lead));
    keys[i] = (len * 2 ** Math.min(lead, 32) + leadBits) * idxScale + i;
  }
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i] % idxScale;

  // Runs whose packed prefix ties are ordered by a full comparison.
  for (let start = 0; start < n; ) {
    const prefix = Math.floor(keys[start] / idxScale);
    let end = start + 1;
    while (end < n && Math.floor(keys[end] / idxScale) === prefix) end++;
    if (end - start > 32) {
      order.set(Array.from(order.subarray(start, end)).sort((a, b) => compareSerials(t, a, b)), start);
    } else {
      for (let i = start + 1; i < end; i++) {
        const v = order[i];
        let j = i - 1;
        while (j >= start && compareSerials(t, order[j], v) > 0) order[j + 1] = order[j--];
        order[j + 1] = v;
      }
    }
    for (let i = start + 1; i < end; i++) if (compareSerials(t, order[i - 1], order[i]) === 0) throw duplicate(t, order[i]);
    start = end;
  }
  return order;
}
