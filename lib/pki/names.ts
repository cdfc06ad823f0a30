/** Distinguished names: encoding (RFC 5280 §4.1.2.4, Appendix A) and RFC 4514 string form. */
import type { NonSharedBuffer } from "node:buffer";
import { PkiError } from "./errors";
import { DerReader, decodeOid, decodeString, encodingOf, malformed, rethrowMalformed, readTop, type Tlv } from "./der-reader";
import { TAG, oid, sequence, setOf, stringValue } from "./der-writer";
import { OID } from "./oids";

export type DnAttributeType = "CN" | "O" | "OU" | "C" | "L" | "ST" | "DC" | "emailAddress" | "serialNumber" | "UID";

/** Ordered RDN list, most general first (as encoded), one attribute per RDN. */
export type DistinguishedName = Array<{ type: DnAttributeType; value: string }>;

interface AttributeSpec {
  oid: string;
  tag: number;
  /** Upper bound in characters, RFC 5280 Appendix A (ub-*). */
  max: number;
}

const ATTRIBUTES: Record<DnAttributeType, AttributeSpec> = {
  CN: { oid: "2.5.4.3", tag: TAG.UTF8_STRING, max: 64 },
  O: { oid: "2.5.4.10", tag: TAG.UTF8_STRING, max: 64 },
  OU: { oid: "2.5.4.11", tag: TAG.UTF8_STRING, max: 64 },
  C: { oid: "2.5.4.6", tag: TAG.PRINTABLE_STRING, max: 2 },
  L: { oid: "2.5.4.7", tag: TAG.UTF8_STRING, max: 128 },
  ST: { oid: "2.5.4.8", tag: TAG.UTF8_STRING, max: 128 },
  DC: { oid: "0.9.2342.19200300.100.1.25", tag: TAG.IA5_STRING, max: 63 },
  emailAddress: { oid: OID.emailAddress, tag: TAG.IA5_STRING, max: 255 },
  serialNumber: { oid: "2.5.4.5", tag: TAG.PRINTABLE_STRING, max: 64 },
  UID: { oid: "0.9.2342.19200300.100.1.1", tag: TAG.UTF8_STRING, max: 256 },
};

const TYPE_BY_OID = new Map<string, DnAttributeType>(
  Object.entries(ATTRIBUTES).map(([type, spec]) => [spec.oid, type as DnAttributeType]),
);

/** Names printed for attributes outside DnAttributeType (RFC 4514 §3 and OpenSSL short names). */
const EXTRA_NAMES: Record<string, string> = {
  "2.5.4.9": "STREET",
  "2.5.4.4": "SN",
  "2.5.4.42": "GN",
  "2.5.4.12": "title",
  "2.5.4.17": "postalCode",
};

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const IA5 = /^[\x00-\x7f]*$/;

function checkValue(type: DnAttributeType, value: string): void {
  const spec = ATTRIBUTES[type];
  if (!spec) throw new PkiError("INVALID_ARGUMENT", `Unknown name attribute "${String(type)}"; use one of ${Object.keys(ATTRIBUTES).join(", ")}.`);
  if (typeof value !== "string" || value.length === 0) throw new PkiError("INVALID_ARGUMENT", `The ${type} attribute is empty; give it a value or leave it out.`);
  if (value.includes("\u0000")) throw new PkiError("INVALID_ARGUMENT", `The ${type} attribute contains a NUL character.`);
  if ([...value].length > spec.max) {
    throw new PkiError("INVALID_ARGUMENT", `The ${type} attribute is longer than ${spec.max} characters (RFC 5280 Appendix A); shorten it.`);
  }
  if (type === "C" && !/^[A-Z]{2}$/.test(value)) {
    throw new PkiError("INVALID_ARGUMENT", `Country "${value}" must be a two-letter ISO 3166 code in capitals, like "JP".`);
  }
  if (spec.tag === TAG.PRINTABLE_STRING && !PRINTABLE.test(value)) {
    throw new PkiError("INVALID_ARGUMENT", `The ${type} attribute may only contain letters, digits, spaces and '()+,-./:=? (PrintableString).`);
  }
  if (spec.tag === TAG.IA5_STRING && !IA5.test(value)) {
    throw new PkiError("INVALID_ARGUMENT", `The ${type} attribute must be ASCII (IA5String); convert internationalised domains to punycode.`);
  }
}

/** DER Name (RDNSequence) for a DN, one AttributeTypeAndValue per RDN. */
export function encodeName(dn: DistinguishedName): NonSharedBuffer {
  if (!Array.isArray(dn)) throw new PkiError("INVALID_ARGUMENT", "A distinguished name must be an array of { type, value }.");
  const rdns = dn.map(({ type, value }) => {
    checkValue(type, value);
    const spec = ATTRIBUTES[type];
    return setOf(sequence(oid(spec.oid), stringValue(spec.tag, value)));
  });
  return sequence(...rdns);
}

/** RFC 4514 §2.4 escaping of an attribute value (control characters as \XX, like OpenSSL). */
export function escapeDnValue(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const code = ch.charCodeAt(0);
    if (',+"\\<>;'.includes(ch)) out += "\\" + ch;
    else if ((ch === " " || ch === "#") && i === 0) out += "\\" + ch;
    else if (ch === " " && i === value.length - 1) out += "\\ ";
    else if (code < 0x20 || code === 0x7f) out += "\\" + code.toString(16).toUpperCase().padStart(2, "0");
    else out += ch;
  }
  return out;
}

/** RFC 4514 string of a DN: last RDN first, like `openssl x509 -nameopt RFC2253` (UTF-8 kept as is). */
export function formatDn(dn: DistinguishedName): string {
  const parts: string[] = [];
  for (let i = dn.length - 1; i >= 0; i--) parts.push(`${dn[i].type}=${escapeDnValue(dn[i].value)}`);
  return parts.join(",");
}

/** A decoded Name: known attributes as a DN, the RFC 4514 text of all attributes, and the DER. */
export interface DecodedName {
  dn: DistinguishedName;
  /** RFC 4514 string covering every attribute (unknown ones as OID=#hex, §2.4). */
  text: string;
  /** The exact Name encoding (use it as an issuer name to keep bytes identical). */
  der: Buffer;
  /** OIDs of attributes that are not in DnAttributeType (absent from `dn`). */
  unknownAttributes: string[];
}

/** Decodes a Name element inside `buf`. */
export function decodeNameAt(buf: Buffer, t: Tlv): DecodedName {
  if (t.tag !== TAG.SEQUENCE) throw malformed(`expected Name SEQUENCE at byte ${t.start}`);
  const dn: DistinguishedName = [];
  const rdnTexts: string[] = [];
  const unknownAttributes: string[] = [];
  const rdns = DerReader.inside(buf, t);
  while (!rdns.done) {
    const set = rdns.enter(TAG.SET, "RelativeDistinguishedName");
    const texts: string[] = [];
    if (set.done) throw malformed("empty RelativeDistinguishedName");
    while (!set.done) {
      const atv = set.enter(TAG.SEQUENCE, "AttributeTypeAndValue");
      const attrOid = decodeOid(buf, atv.next(TAG.OID, "attribute type"));
      const valueTlv = atv.next(undefined, "attribute value");
      atv.expectEnd("AttributeTypeAndValue");
      const type = TYPE_BY_OID.get(attrOid);
      if (type) {
        const value = decodeString(buf, valueTlv);
        dn.push({ type, value });
        texts.push(`${type}=${escapeDnValue(value)}`);
      } else {
        unknownAttributes.push(attrOid);
        const name = EXTRA_NAMES[attrOid];
        let text: string;
        try {
          text = name ? `${name}=${escapeDnValue(decodeString(buf, valueTlv))}` : "";
        } catch {
          text = "";
        }
        texts.push(text || `${attrOid}=#${encodingOf(buf, valueTlv).toString("hex")}`);
      }
    }
    rdnTexts.push(texts.join("+"));
  }
  return { dn, text: rdnTexts.reverse().join(","), der: encodingOf(buf, t), unknownAttributes };
}

/** Decodes a DER Name (RDNSequence). */
export function decodeName(der: Buffer): DecodedName {
  try {
    return decodeNameAt(der, readTop(der, TAG.SEQUENCE, "Name"));
  } catch (err) {
    rethrowMalformed(err, "distinguished name", "Pass a DER Name (RDNSequence).");
  }
}

/** DN given either as attributes or as an existing DER Name. */
export function nameDer(name: DistinguishedName | Buffer): Buffer {
  return Buffer.isBuffer(name) ? decodeName(name).der : encodeName(name);
}
