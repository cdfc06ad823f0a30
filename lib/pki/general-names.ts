/** GeneralName encoding and validation for SAN and CRL distribution points (RFC 5280 §4.2.1.6). */
import net from "node:net";
import { PkiError } from "./errors";
import { implicitPrimitive } from "./der-writer";
import { malformed } from "./der-reader";

/** Subject alternative names a profile may request. */
export interface SubjectAltNames {
  dns?: string[];
  email?: string[];
  ip?: string[];
  uri?: string[];
}

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const DNS_NAME = new RegExp(`^(?:\\*\\.)?(?:${LABEL}\\.)*${LABEL}$`, "i");
const EMAIL = /^[\x21-\x3f\x41-\x7e]+@[a-z0-9.-]+$/i;
const URI = /^[a-z][a-z0-9+.-]*:[\x21-\x7e]+$/i;

/** Checks a DNS name in preferred name syntax (RFC 5280 §4.2.1.6, RFC 1034 §3.5); "*." prefix allowed. */
export function assertDnsName(name: string): void {
  if (typeof name !== "string" || name.length > 253 || !DNS_NAME.test(name)) {
    throw new PkiError("INVALID_ARGUMENT", `"${String(name)}" is not a valid DNS name; use letters, digits and hyphens in dot-separated labels (punycode for IDNs).`);
  }
}

function assertUri(uri: string, what: string): void {
  if (typeof uri !== "string" || !URI.test(uri)) {
    throw new PkiError("INVALID_ARGUMENT", `${what} "${String(uri)}" is not an absolute ASCII URI like http://pki.example.com/ia1.crl.`);
  }
}

/** dNSName [2], rfc822Name [1], iPAddress [7], uniformResourceIdentifier [6] (IMPLICIT IA5String / OCTET STRING). */
export function encodeGeneralNames(san: SubjectAltNames): Buffer[] {
  const out: Buffer[] = [];
  for (const d of san.dns ?? []) {
    assertDnsName(d);
    out.push(implicitPrimitive(2, Buffer.from(d, "latin1")));
  }
  for (const e of san.email ?? []) {
    if (typeof e !== "string" || !EMAIL.test(e)) {
      throw new PkiError("INVALID_ARGUMENT", `"${String(e)}" is not a valid ASCII e-mail address (rfc822Name).`);
    }
    out.push(implicitPrimitive(1, Buffer.from(e, "latin1")));
  }
  for (const ip of san.ip ?? []) out.push(implicitPrimitive(7, ipBytes(ip)));
  for (const u of san.uri ?? []) {
    assertUri(u, "The URI");
    out.push(implicitPrimitive(6, Buffer.from(u, "latin1")));
  }
  return out;
}

/** uniformResourceIdentifier [6] for a CRL distribution point URI. */
export function encodeUri(uri: string, what: string): Buffer {
  assertUri(uri, what);
  return implicitPrimitive(6, Buffer.from(uri, "latin1"));
}

function ipBytes(ip: string): Buffer {
  const kind = typeof ip === "string" && !ip.includes("%") ? net.isIP(ip) : 0;
  if (kind === 4) return Buffer.from(ip.split(".").map(Number));
  if (kind === 6) {
    let s = ip;
    const v4 = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
    if (v4) {
      const [a, b, c, d] = v4.slice(2).map(Number);
      s = `${v4[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    }
    const [head, tail] = s.split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const zeros = tail === undefined ? 0 : 8 - h.length - t.length;
    const groups = [...h, ...new Array<string>(zeros).fill("0"), ...t];
    const buf = Buffer.alloc(16);
    groups.forEach((g, i) => buf.writeUInt16BE(parseInt(g, 16), i * 2));
    return buf;
  }
  throw new PkiError("INVALID_ARGUMENT", `"${String(ip)}" is not an IPv4 or IPv6 address (zone IDs are not allowed).`);
}

/** Text form of an iPAddress GeneralName (IPv6 compressed per RFC 5952). */
export function formatIp(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join(".");
  if (bytes.length !== 16) throw malformed("iPAddress must be 4 or 16 bytes");
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}
