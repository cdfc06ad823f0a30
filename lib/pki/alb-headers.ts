/**
 * The client-certificate headers an AWS Application Load Balancer adds in mutual TLS mode.
 *
 * Verify mode: X-Amzn-Mtls-Clientcert-Serial-Number (hex), -Issuer and -Subject (RFC 2253
 * strings), -Validity ("NotBefore=<ISO 8601>;NotAfter=<ISO 8601>") and -Leaf (the leaf as
 * URL-encoded PEM with "+", "=" and "/" left as they are). Passthrough mode: X-Amzn-Mtls-Clientcert
 * (the whole chain the client sent, URL-encoded PEM, leaf first).
 */
import { parseCertificate, type CertificateInfo } from "./certificate-parse";
import { PkiError, isPkiError } from "./errors";
import { PEM_LABEL, fromPemAll } from "./pem";

/** Header names, lower-case as HTTP/2 and Node deliver them. */
export const ALB_MTLS_HEADER = {
  SERIAL: "x-amzn-mtls-clientcert-serial-number",
  ISSUER: "x-amzn-mtls-clientcert-issuer",
  SUBJECT: "x-amzn-mtls-clientcert-subject",
  VALIDITY: "x-amzn-mtls-clientcert-validity",
  LEAF: "x-amzn-mtls-clientcert-leaf",
  CHAIN: "x-amzn-mtls-clientcert",
} as const;

/** Fetch Headers, or a plain record such as Node's IncomingHttpHeaders (names in any case). */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | null | undefined>>;

/** What the headers say about the client certificate, checked against the leaf when it is present. */
export interface AlbClientCertificate {
  mode: "verify" | "passthrough";
  /** Serial in lower-case hex without leading zeros. */
  serialHex: string;
  /** RFC 2253 strings: the header's, or the leaf's when no header was sent. */
  issuer: string;
  subject: string;
  notBefore: Date | null;
  notAfter: Date | null;
  /** The leaf certificate (from -Leaf, or the first of the passthrough chain); null when not sent. */
  leaf: CertificateInfo | null;
  /** Passthrough mode: the certificates the client sent after its leaf. */
  chain: CertificateInfo[];
}

const CANONICAL_NAMES: Record<string, string> = {
  [ALB_MTLS_HEADER.SERIAL]: "X-Amzn-Mtls-Clientcert-Serial-Number",
  [ALB_MTLS_HEADER.ISSUER]: "X-Amzn-Mtls-Clientcert-Issuer",
  [ALB_MTLS_HEADER.SUBJECT]: "X-Amzn-Mtls-Clientcert-Subject",
  [ALB_MTLS_HEADER.VALIDITY]: "X-Amzn-Mtls-Clientcert-Validity",
  [ALB_MTLS_HEADER.LEAF]: "X-Amzn-Mtls-Clientcert-Leaf",
  [ALB_MTLS_HEADER.CHAIN]: "X-Amzn-Mtls-Clientcert",
};
const label = (name: string) => CANONICAL_NAMES[name] ?? name;

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

/** The header's value (blank counts as absent); a header sent twice with different values is refused. */
function headerValue(headers: HeaderSource, name: string, problems: string[]): string | undefined {
  let raw: string | readonly string[] | null | undefined;
  if (typeof Headers !== "undefined" && headers instanceof Headers) raw = headers.get(name);
  else {
    const record = headers as Readonly<Record<string, string | readonly string[] | null | undefined>>;
    const key = Object.keys(record).find((k) => k.toLowerCase() === name);
    raw = key === undefined ? undefined : record[key];
  }
  const values = (typeof raw === "string" ? [raw] : (raw ?? [])).map((v) => String(v).trim()).filter(Boolean);
  if (new Set(values).size > 1) problems.push(`${label(name)} was sent more than once with different values; only the load balancer may set it.`);
  return values[0];
}

/** Lower-case hex without separators or leading zeros ("0A:1b" → "a1b"); null if it is not hex. */
export function normalizeSerialHex(value: string): string | null {
  const hex = value.trim().replace(/[:\s]/g, "").toLowerCase();
  if (!/^[0-9a-f]{1,42}$/.test(hex)) return null;
  return hex.replace(/^0+(?=.)/, "");
}

// ---------------------------------------------------------------------------------------
// Distinguished-name strings (RFC 4514, which obsoletes RFC 2253 with the same syntax)
// ---------------------------------------------------------------------------------------

/** One attribute of a parsed DN string: its type as written and its unescaped value. */
export interface DnStringAttribute {
  type: string;
  value: string;
  /** True when the value was written as #hex (the BER encoding, RFC 4514 §2.4). */
  hex: boolean;
}

/** OIDs of the attribute type names found in RFC 4514 §3, OpenSSL and Java output. */
const TYPE_OID: Record<string, string> = {
  cn: "2.5.4.3", c: "2.5.4.6", l: "2.5.4.7", st: "2.5.4.8", s: "2.5.4.8", o: "2.5.4.10", ou: "2.5.4.11",
  street: "2.5.4.9", sn: "2.5.4.4", gn: "2.5.4.42", givenname: "2.5.4.42", title: "2.5.4.12",
  postalcode: "2.5.4.17", serialnumber: "2.5.4.5", dc: "0.9.2342.19200300.100.1.25",
  uid: "0.9.2342.19200300.100.1.1", emailaddress: "1.2.840.113549.1.9.1", e: "1.2.840.113549.1.9.1", email: "1.2.840.113549.1.9.1",
};

const SPECIALS = ",+\"\\<>;=# ";

/**
 * Parses an RFC 4514 / RFC 2253 string into RDNs, last RDN first as written. Tolerates the
 * spaces after separators that many tools print ("O=Example, C=JP"). Null when malformed.
 */
export function parseDnString(text: string): DnStringAttribute[][] | null {
  const rdns: DnStringAttribute[][] = [];
  let rdn: DnStringAttribute[] = [];
  let i = 0;
  const n = text.length;
  const skipSpaces = () => { while (i < n && text[i] === " ") i++; };
  skipSpaces();
  if (i === n) return [];
  for (;;) {
    skipSpaces();
    const eq = text.indexOf("=", i);
    if (eq < 0) return null;
    const type = text.slice(i, eq).trim().replace(/^oid\./i, "");
    if (!/^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)$/.test(type)) return null;
    i = eq + 1;
    skipSpaces();
    let value: string;
    let hex = false;
    if (text[i] === "#") {
      const m = /^#([0-9A-Fa-f]{2})+/.exec(text.slice(i));
      if (!m) return null;
      value = m[0].slice(1).toLowerCase();
      hex = true;
      i += m[0].length;
    } else if (text[i] === '"') {
      // RFC 1779 quoted value, still met in older tools' output.
      const bytes: number[] = [];
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < n) i++;
        bytes.push(...Buffer.from(text[i], "utf8"));
        i++;
      }
      if (i >= n) return null;
      i++;
      value = Buffer.from(bytes).toString("utf8");
    } else {
      const bytes: number[] = [];
      let keep = 0; // bytes up to the last escaped or non-space character
      while (i < n && !",+;".includes(text[i])) {
        const ch = text[i];
        if (ch === "\\") {
          const next = text.slice(i + 1, i + 3);
          if (/^[0-9A-Fa-f]{2}$/.test(next)) {
            bytes.push(parseInt(next, 16));
            i += 3;
          } else if (i + 1 < n && SPECIALS.includes(text[i + 1])) {
            bytes.push(text.charCodeAt(i + 1));
            i += 2;
          } else return null;
          keep = bytes.length;
          continue;
        }
        const cp = text.codePointAt(i)!;
        const s = String.fromCodePoint(cp);
        bytes.push(...Buffer.from(s, "utf8"));
        if (ch !== " ") keep = bytes.length;
        i += s.length;
      }
      const buf = Buffer.from(bytes.slice(0, keep));
      value = buf.toString("utf8");
      if (!Buffer.from(value, "utf8").equals(buf)) return null; // escaped bytes that are not UTF-8
    }
    skipSpaces();
    rdn.push({ type, value, hex });
    if (i === n) break;
    const sep = text[i++];
    if (sep === "+") continue;
    if (sep !== "," && sep !== ";") return null;
    rdns.push(rdn);
    rdn = [];
  }
  rdns.push(rdn);
  return rdns;
}

/** The string inside a DER string value (#hex form), or null for other tags. */
function decodeDerString(hex: string): string | null {
  const b = Buffer.from(hex, "hex");
  if (b.length < 2) return null;
  let len = b[1];
  let off = 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count < 1 || count > 3 || b.length < 2 + count) return null;
    len = 0;
    for (let k = 0; k < count; k++) len = len * 256 + b[2 + k];
    off = 2 + count;
  }
  if (off + len !== b.length) return null;
  const content = b.subarray(off);
  switch (b[0]) {
    case 0x0c: return content.toString("utf8");
    case 0x12: case 0x13: case 0x16: case 0x1a: return content.toString("latin1");
    case 0x14: return content.toString("latin1");
    case 0x1e: return content.length % 2 ? null : Buffer.from(content).swap16().toString("utf16le");
    default: return null;
  }
}

/** Comparison key of a DN string (RFC 5280 §7.1: case and insignificant spaces ignored). */
function dnKey(text: string): string | null {
  const rdns = parseDnString(text);
  if (!rdns) return null;
  return rdns
    .map((rdn) =>
      rdn
        .map(({ type, value, hex }) => {
          const oid = TYPE_OID[type.toLowerCase()] ?? type.toLowerCase();
          const decoded = hex ? decodeDerString(value) : value;
          const v = decoded === null ? `#${value}` : decoded.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
          return `${oid}=${JSON.stringify(v)}`;
        })
        .sort()
        .join("+"),
    )
    .join(",");
}

/** True when two RFC 4514 / RFC 2253 strings name the same entity. False if either is malformed. */
export function sameDistinguishedName(a: string, b: string): boolean {
  const ka = dnKey(a);
  return ka !== null && ka === dnKey(b);
}

// ---------------------------------------------------------------------------------------
// Validity and URL-encoded PEM
// ---------------------------------------------------------------------------------------

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
// AWS sends "NotBefore=…;NotAfter=…"; some renderings print "NotBefore: …, NotAfter: …".
const VALIDITY = /^NotBefore\s*[=:]\s*(\S+?)\s*[;,]\s*NotAfter\s*[=:]\s*(\S+?)\s*$/i;

/** notBefore and notAfter from an X-Amzn-Mtls-Clientcert-Validity value, or null when malformed. */
export function parseAlbValidity(value: string): { notBefore: Date; notAfter: Date } | null {
  const m = VALIDITY.exec(value.trim());
  if (!m || !ISO_8601.test(m[1]) || !ISO_8601.test(m[2])) return null;
  const notBefore = new Date(m[1]);
  const notAfter = new Date(m[2]);
  return Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime()) ? null : { notBefore, notAfter };
}

/**
 * Certificates in a URL-encoded PEM value (ALB's -Leaf and passthrough headers, nginx's
 * $ssl_client_escaped_cert) or plain PEM. Decoded with decodeURIComponent, so a literal "+"
 * stays "+": form decoding, which turns it into a space, would corrupt the base64.
 */
export function parseUrlEncodedCertificates(value: string, what = "The certificate"): CertificateInfo[] {
  let text: string;
  try {
    text = decodeURIComponent(value);
  } catch {
    throw new PkiError("MALFORMED_INPUT", `${what} is not valid URL encoding: every "%" must start a %XX escape of UTF-8 bytes.`);
  }
  if (!text.includes("-----BEGIN ")) throw new PkiError("MALFORMED_INPUT", `${what} holds no PEM block ("-----BEGIN CERTIFICATE-----").`);
  for (const m of text.matchAll(/-----BEGIN [^-]*-----([\s\S]*?)-----END/g)) {
    // Whitespace between whole 4-character groups is line breaking (Apache's mod_headers turns
    // the line breaks of SSL_CLIENT_CERT into spaces); elsewhere it stands for a lost "+".
    const chunks = m[1].split(/\s+/).filter(Boolean);
    if (chunks.slice(0, -1).some((c) => c.length % 4 !== 0)) {
      throw new PkiError("MALFORMED_INPUT", `${what} has spaces inside its base64: its "+" characters were probably turned into spaces by form decoding. Decode it with decodeURIComponent, which keeps "+".`);
    }
  }
  const blocks = fromPemAll(text);
  const other = blocks.find((b) => b.label !== PEM_LABEL.CERTIFICATE);
  if (other) throw new PkiError("MALFORMED_INPUT", `${what} holds a "${other.label}" PEM block; only CERTIFICATE blocks are expected.`);
  if (blocks.length === 0) throw new PkiError("MALFORMED_INPUT", `${what} holds no complete PEM block.`);
  return blocks.map((b) => parseCertificate(b.der));
}

function sameSecond(a: Date, b: Date): boolean {
  return Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000);
}

/**
 * Reads the ALB mutual-TLS headers (verify or passthrough mode) and checks that the leaf,
 * when sent, matches the serial, issuer, subject and validity headers. Throws EMPTY_INPUT
 * when no such header is present and MALFORMED_INPUT listing every problem otherwise.
 */
export function parseAlbClientCertHeaders(headers: HeaderSource): AlbClientCertificate {
  const problems: string[] = [];
  const get = (name: string) => headerValue(headers, name, problems);
  const raw = {
    serial: get(ALB_MTLS_HEADER.SERIAL),
    issuer: get(ALB_MTLS_HEADER.ISSUER),
    subject: get(ALB_MTLS_HEADER.SUBJECT),
    validity: get(ALB_MTLS_HEADER.VALIDITY),
    leaf: get(ALB_MTLS_HEADER.LEAF),
    chain: get(ALB_MTLS_HEADER.CHAIN),
  };
  if (Object.values(raw).every((v) => v === undefined) && problems.length === 0) {
    throw new PkiError("EMPTY_INPUT", "No X-Amzn-Mtls-Clientcert headers were found. In verify mode the load balancer sends X-Amzn-Mtls-Clientcert-Serial-Number, -Issuer, -Subject, -Validity and -Leaf; in passthrough mode X-Amzn-Mtls-Clientcert.");
  }

  const serial = raw.serial === undefined ? null : normalizeSerialHex(raw.serial);
  if (raw.serial !== undefined && serial === null) problems.push(`${label(ALB_MTLS_HEADER.SERIAL)} is not a hexadecimal serial number: "${clip(raw.serial)}".`);
  for (const [name, value] of [[ALB_MTLS_HEADER.ISSUER, raw.issuer], [ALB_MTLS_HEADER.SUBJECT, raw.subject]] as const) {
    if (value !== undefined && parseDnString(value) === null) {
      problems.push(`${label(name)} is not an RFC 2253 distinguished name (like "CN=Inkan Issuing CA ia1,O=Inkan"): "${clip(value)}".`);
    }
  }
  const validity = raw.validity === undefined ? null : parseAlbValidity(raw.validity);
  if (raw.validity !== undefined && validity === null) {
    problems.push(`${label(ALB_MTLS_HEADER.VALIDITY)} is not "NotBefore=<ISO 8601>;NotAfter=<ISO 8601>": "${clip(raw.validity)}".`);
  }

  const certificates = (name: string, value: string | undefined): CertificateInfo[] => {
    if (value === undefined) return [];
    try {
      return parseUrlEncodedCertificates(value, label(name));
    } catch (err) {
      if (!isPkiError(err)) throw err;
      problems.push(err.message.startsWith(label(name)) ? err.message : `${label(name)}: ${err.message}`);
      return [];
    }
  };
  const leafHeader = certificates(ALB_MTLS_HEADER.LEAF, raw.leaf);
  const chain = certificates(ALB_MTLS_HEADER.CHAIN, raw.chain);
  if (leafHeader.length > 1) problems.push(`${label(ALB_MTLS_HEADER.LEAF)} holds ${leafHeader.length} certificates; it carries the leaf only.`);
  const leaf = leafHeader[0] ?? chain[0] ?? null;
  if (leafHeader[0] && chain[0] && !leafHeader[0].der.equals(chain[0].der)) {
    problems.push(`${label(ALB_MTLS_HEADER.LEAF)} and ${label(ALB_MTLS_HEADER.CHAIN)} carry different leaf certificates.`);
  }

  if (leaf) {
    if (serial !== null && serial !== normalizeSerialHex(leaf.serialHex)) {
      problems.push(`${label(ALB_MTLS_HEADER.SERIAL)} says ${raw.serial} but the leaf certificate's serial is ${leaf.serialHex}.`);
    }
    if (raw.issuer !== undefined && parseDnString(raw.issuer) && !sameDistinguishedName(raw.issuer, leaf.issuerString)) {
      problems.push(`${label(ALB_MTLS_HEADER.ISSUER)} says "${clip(raw.issuer)}" but the leaf certificate's issuer is "${leaf.issuerString}".`);
    }
    if (raw.subject !== undefined && parseDnString(raw.subject) && !sameDistinguishedName(raw.subject, leaf.subjectString)) {
      problems.push(`${label(ALB_MTLS_HEADER.SUBJECT)} says "${clip(raw.subject)}" but the leaf certificate's subject is "${leaf.subjectString}".`);
    }
    if (validity && !(sameSecond(validity.notBefore, leaf.notBefore) && sameSecond(validity.notAfter, leaf.notAfter))) {
      problems.push(`${label(ALB_MTLS_HEADER.VALIDITY)} says ${validity.notBefore.toISOString()} – ${validity.notAfter.toISOString()} but the leaf certificate is valid ${leaf.notBefore.toISOString()} – ${leaf.notAfter.toISOString()}.`);
    }
  } else if (problems.length === 0) {
    if (serial === null) problems.push(`Neither ${label(ALB_MTLS_HEADER.LEAF)} nor ${label(ALB_MTLS_HEADER.SERIAL)} is present: nothing identifies the certificate.`);
    else if (raw.issuer === undefined) problems.push(`Without ${label(ALB_MTLS_HEADER.LEAF)}, ${label(ALB_MTLS_HEADER.ISSUER)} is needed to know which CA's serial ${raw.serial} is.`);
  }

  if (problems.length > 0) {
    throw new PkiError("MALFORMED_INPUT", problems.length === 1 ? problems[0] : `The client-certificate headers have ${problems.length} problems: ${problems.map((p, k) => `(${k + 1}) ${p}`).join(" ")}`);
  }
  return {
    mode: raw.chain !== undefined && raw.leaf === undefined && raw.serial === undefined ? "passthrough" : "verify",
    serialHex: leaf ? normalizeSerialHex(leaf.serialHex)! : serial!,
    issuer: raw.issuer ?? leaf!.issuerString,
    subject: raw.subject ?? leaf?.subjectString ?? "",
    notBefore: leaf?.notBefore ?? validity?.notBefore ?? null,
    notAfter: leaf?.notAfter ?? validity?.notAfter ?? null,
    leaf,
    chain: chain.slice(1),
  };
}
