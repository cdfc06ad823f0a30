/** Extension decoders shared by certificate and CSR parsing (RFC 5280 §4.2.1). */
import { DerReader, contentOf, decodeBitString, decodeBoolean, decodeOid, decodeSmallInt, malformed, type Tlv } from "./der-reader";
import { TAG } from "./der-writer";
import { formatIp } from "./general-names";
import { EKU_OIDS, OID } from "./oids";
import { KEY_USAGE_BITS, type ExtendedKeyUsage, type KeyUsageFlag } from "./types";

export interface ParsedSubjectAltNames {
  dns: string[];
  email: string[];
  ip: string[];
  uri: string[];
  /** Count of other GeneralName kinds (otherName, directoryName, ...), which Inkan does not issue. */
  otherCount: number;
}

/** What the decoded extensions say; absent extensions are null or empty. */
export interface ParsedExtensions {
  subjectAltNames: ParsedSubjectAltNames;
  basicConstraints: { ca: boolean; pathLength?: number } | null;
  keyUsage: KeyUsageFlag[] | null;
  /** Known purposes by name, others as dotted OIDs. */
  extendedKeyUsage: (ExtendedKeyUsage | string)[] | null;
  subjectKeyIdentifier: Buffer | null;
  authorityKeyIdentifier: Buffer | null;
  crlDistributionPoints: string[];
  /** Extensions this parser does not interpret. */
  unknown: { oid: string; critical: boolean }[];
}

const EKU_NAMES = new Map<string, ExtendedKeyUsage>(Object.entries(EKU_OIDS).map(([n, o]) => [o, n as ExtendedKeyUsage]));

function readGeneralNames(buf: Buffer, r: DerReader, into: ParsedSubjectAltNames): void {
  while (!r.done) {
    const t = r.next();
    const text = (): string => buf.toString("latin1", t.contentStart, t.end);
    if (t.tag === 0x81) into.email.push(text());
    else if (t.tag === 0x82) into.dns.push(text());
    else if (t.tag === 0x86) into.uri.push(text());
    else if (t.tag === 0x87) into.ip.push(formatIp(contentOf(buf, t)));
    else into.otherCount++;
  }
}

function emptySans(): ParsedSubjectAltNames {
  return { dns: [], email: [], ip: [], uri: [], otherCount: 0 };
}

function decodeKeyUsage(buf: Buffer, t: Tlv): KeyUsageFlag[] {
  const { bytes } = decodeBitString(buf, t);
  return KEY_USAGE_BITS.filter((_, i) => (i >> 3) < bytes.length && (bytes[i >> 3] & (0x80 >> (i & 7))) !== 0);
}

function decodeCrlDp(buf: Buffer, r: DerReader): string[] {
  const uris: string[] = [];
  while (!r.done) {
    const dp = r.enter(TAG.SEQUENCE, "DistributionPoint");
    const name = dp.optional(0xa0);
    if (!name) continue;
    const choice = DerReader.inside(buf, name);
    const fullName = choice.optional(0xa0);
    if (!fullName) continue;
    const sans = emptySans();
    readGeneralNames(buf, DerReader.inside(buf, fullName), sans);
    uris.push(...sans.uri);
  }
  return uris;
}

/** Decodes an Extensions SEQUENCE; duplicates are malformed (RFC 5280 §4.2). */
export function parseExtensionsAt(buf: Buffer, t: Tlv | null): ParsedExtensions {
  const out: ParsedExtensions = {
    subjectAltNames: emptySans(),
    basicConstraints: null,
    keyUsage: null,
    extendedKeyUsage: null,
    subjectKeyIdentifier: null,
    authorityKeyIdentifier: null,
    crlDistributionPoints: [],
    unknown: [],
  };
  if (!t) return out;
  const seen = new Set<string>();
  const exts = DerReader.inside(buf, t);
  while (!exts.done) {
    const ext = exts.enter(TAG.SEQUENCE, "Extension");
    const extOid = decodeOid(buf, ext.next(TAG.OID, "extnID"));
    const critTlv = ext.optional(TAG.BOOLEAN);
    const critical = critTlv ? decodeBoolean(buf, critTlv) : false;
    const value = ext.next(TAG.OCTET_STRING, "extnValue");
    ext.expectEnd("Extension");
    if (seen.has(extOid)) throw malformed(`extension ${extOid} appears twice`);
    seen.add(extOid);
    const inner = new DerReader(buf, value.contentStart, value.end);
    switch (extOid) {
      case OID.subjectAltName:
        readGeneralNames(buf, inner.enter(TAG.SEQUENCE, "GeneralNames"), out.subjectAltNames);
        break;
      case OID.basicConstraints: {
        const bc = inner.enter(TAG.SEQUENCE, "BasicConstraints");
        const caTlv = bc.optional(TAG.BOOLEAN);
        const ca = caTlv ? decodeBoolean(buf, caTlv) : false;
        const plTlv = bc.optional(TAG.INTEGER);
        out.basicConstraints = plTlv ? { ca, pathLength: decodeSmallInt(buf, plTlv) } : { ca };
        bc.expectEnd("BasicConstraints");
        break;
      }
      case OID.keyUsage:
        out.keyUsage = decodeKeyUsage(buf, inner.next(TAG.BIT_STRING, "KeyUsage"));
        break;
      case OID.extKeyUsage: {
        const seq = inner.enter(TAG.SEQUENCE, "ExtKeyUsageSyntax");
        const ekus: string[] = [];
        while (!seq.done) {
          const o = decodeOid(buf, seq.next(TAG.OID, "KeyPurposeId"));
          ekus.push(EKU_NAMES.get(o) ?? o);
        }
        out.extendedKeyUsage = ekus;
        break;
      }
      case OID.subjectKeyIdentifier:
        out.subjectKeyIdentifier = Buffer.from(contentOf(buf, inner.next(TAG.OCTET_STRING, "KeyIdentifier")));
        break;
      case OID.authorityKeyIdentifier: {
        const aki = inner.enter(TAG.SEQUENCE, "AuthorityKeyIdentifier");
        const kid = aki.optional(0x80);
        out.authorityKeyIdentifier = kid ? Buffer.from(contentOf(buf, kid)) : null;
        break;
      }
      case OID.crlDistributionPoints:
        out.crlDistributionPoints = decodeCrlDp(buf, inner.enter(TAG.SEQUENCE, "CRLDistributionPoints"));
        break;
      default:
        out.unknown.push({ oid: extOid, critical });
        continue;
    }
    inner.expectEnd(`extension ${extOid}`);
  }
  return out;
}
