import { beforeAll, describe, expect, it } from "vitest";
import {
  ALB_MTLS_HEADER as H, normalizeSerialHex, parseAlbClientCertHeaders, parseAlbValidity, parseDnString, parseUrlEncodedCertificates,
  sameDistinguishedName,
} from "./alb-headers";
import { buildCertificate, buildSelfSignedCa } from "./certificate-build";
import { parseCertificate, type CertificateInfo } from "./certificate-parse";
import { PkiError } from "./errors";
import { generateKeyPair, spkiOf, subjectKeyIdentifier } from "./keys";
import type { DistinguishedName } from "./names";
import { PEM_LABEL, toPem } from "./pem";
import { newSerial } from "./serial";
import { localSigner } from "./signer";

// The seed's example (ALB in front of a Node demo app, §7): a client certificate "lbtest"
// from the "EVALUATION CA" of "Jcch Security Solution Systems Co., Ltd", valid
// NotBefore=2026-01-13T08:39:47Z;NotAfter=2026-03-31T08:39:47Z.
const SEED_NOT_BEFORE = new Date("2026-01-13T08:39:47Z");
const SEED_NOT_AFTER = new Date("2026-03-31T08:39:47Z");
const CA_DN: DistinguishedName = [{ type: "DC", value: "jcch-sss.com" }, { type: "O", value: "Jcch Security Solution Systems Co., Ltd" }, { type: "CN", value: "EVALUATION CA" }];
const LEAF_DN: DistinguishedName = [{ type: "CN", value: "lbtest" }, { type: "O", value: "Jcch Security Solution Systems Co., Ltd." }, { type: "DC", value: "jcch-sss.com" }];
// RFC 2253: last RDN first, "," inside a value escaped.
const CA_2253 = "CN=EVALUATION CA,O=Jcch Security Solution Systems Co.\\, Ltd,DC=jcch-sss.com";
const LEAF_2253 = "DC=jcch-sss.com,O=Jcch Security Solution Systems Co.\\, Ltd.,CN=lbtest";

/** What ALB sends: URL-encoded PEM with "+", "=" and "/" as safe characters (Python's quote(pem, safe="+=/")). */
function albEncode(pem: string): string {
  return encodeURIComponent(pem).replace(/%2B/g, "+").replace(/%3D/g, "=").replace(/%2F/g, "/");
}

function errorOf(fn: () => unknown): PkiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PkiError) return err;
    throw err;
  }
  throw new Error("expected a PkiError");
}

interface Issued { info: CertificateInfo; pem: string }

let ca: Issued;
let leaf: Issued;
let otherLeaf: Issued;

async function makeCa(subject: DistinguishedName): Promise<Issued & { issue(dn: DistinguishedName, notBefore?: Date, notAfter?: Date): Promise<Issued> }> {
  const keyPair = await generateKeyPair("ECDSA-P256");
  const der = await buildSelfSignedCa({ subject, keyPair, notBefore: new Date("2025-01-01T00:00:00Z"), notAfter: new Date("2035-01-01T00:00:00Z"), serial: newSerial() });
  const leafKey = await generateKeyPair("ECDSA-P256");
  return {
    info: parseCertificate(der),
    pem: toPem(PEM_LABEL.CERTIFICATE, der),
    async issue(dn, notBefore = SEED_NOT_BEFORE, notAfter = SEED_NOT_AFTER) {
      const leafDer = await buildCertificate(
        { subject: dn, subjectPublicKeySpki: spkiOf(leafKey.publicKey), notBefore, notAfter, ca: null, keyUsage: ["digitalSignature"], extendedKeyUsage: ["clientAuth"] },
        { issuer: { name: subject, keyIdentifier: subjectKeyIdentifier(spkiOf(keyPair.publicKey)) }, signer: localSigner(keyPair.privateKey), serial: newSerial() },
      );
      return { info: parseCertificate(leafDer), pem: toPem(PEM_LABEL.CERTIFICATE, leafDer) };
    },
  };
}

/** Verify-mode headers exactly as ALB formats them. */
function verifyHeaders(cert: Issued): Record<string, string> {
  return {
    "X-Amzn-Mtls-Clientcert-Serial-Number": cert.info.serialHex.toUpperCase(),
    "X-Amzn-Mtls-Clientcert-Issuer": cert.info.issuerString,
    "X-Amzn-Mtls-Clientcert-Subject": cert.info.subjectString,
    "X-Amzn-Mtls-Clientcert-Validity": `NotBefore=${cert.info.notBefore.toISOString().replace(".000", "")};NotAfter=${cert.info.notAfter.toISOString().replace(".000", "")}`,
    "X-Amzn-Mtls-Clientcert-Leaf": albEncode(cert.pem),
  };
}

beforeAll(async () => {
  const seedCa = await makeCa(CA_DN);
  ca = seedCa;
  // Keep issuing until the base64 has all three safe characters, so the URL-encoding cases bite.
  for (let k = 0; k < 50; k++) {
    leaf = await seedCa.issue(LEAF_DN);
    const body = leaf.pem.replace(/-----[^-]+-----/g, "");
    // A "+" off the 4-character grid, so that form decoding visibly breaks the base64.
    const offGrid = body.split("\n").some((line) => line.indexOf("+") > 0 && line.indexOf("+") % 4 !== 0);
    if (offGrid && /\//.test(body) && /=/.test(body)) break;
  }
  otherLeaf = await seedCa.issue([{ type: "CN", value: "someone-else" }]);
});

describe("parseAlbClientCertHeaders: verify mode", () => {
  it("reads the seed's certificate from headers in AWS's exact formats and returns what they describe", () => {
    const headers = verifyHeaders(leaf);
    expect(headers["X-Amzn-Mtls-Clientcert-Issuer"]).toBe(CA_2253);
    expect(headers["X-Amzn-Mtls-Clientcert-Subject"]).toBe(LEAF_2253);
    expect(headers["X-Amzn-Mtls-Clientcert-Validity"]).toBe("NotBefore=2026-01-13T08:39:47Z;NotAfter=2026-03-31T08:39:47Z");
    const r = parseAlbClientCertHeaders(headers);
    expect(r).toMatchObject({ mode: "verify", serialHex: leaf.info.serialHex, issuer: CA_2253, subject: LEAF_2253, notBefore: SEED_NOT_BEFORE, notAfter: SEED_NOT_AFTER, chain: [] });
    expect(r.leaf?.der.equals(leaf.info.der)).toBe(true);
  });

  it("accepts the seed's demo-page rendering: spaces after separators and 'NotBefore: …, NotAfter: …'", () => {
    const r = parseAlbClientCertHeaders({
      ...verifyHeaders(leaf),
      "X-Amzn-Mtls-Clientcert-Issuer": "CN=EVALUATION CA, O=Jcch Security Solution Systems Co.\\, Ltd, DC=jcch-sss.com",
      "X-Amzn-Mtls-Clientcert-Validity": "NotBefore: 2026-01-13T08:39:47Z, NotAfter: 2026-03-31T08:39:47Z",
    });
    expect(r.notAfter).toEqual(SEED_NOT_AFTER);
  });

  it("refuses the seed's demo output as printed, naming the two redacted headers and nothing else", () => {
    const err = errorOf(() => parseAlbClientCertHeaders({
      "x-amzn-mtls-clientcert-serial-number": "[redacted]",
      "x-amzn-mtls-clientcert-issuer": "O=[redacted], DC=[redacted]",
      "x-amzn-mtls-clientcert-subject": "DC=[redacted], O=[redacted], CN=[redacted]",
      "x-amzn-mtls-clientcert-validity": "NotBefore: 2026-01-13T08:39:47Z, NotAfter: 2026-03-31T08:39:47Z",
      "x-amzn-mtls-clientcert-leaf": "-----BEGIN%20CERTIFICATE-----\n-----END%20CERTIFICATE-----%3d0A",
    }));
    expect(err.code).toBe("MALFORMED_INPUT");
    expect(err.message).toMatch(/^The client-certificate headers have 2 problems: \(1\) X-Amzn-Mtls-Clientcert-Serial-Number is not a hexadecimal serial number: "\[redacted\]"\. \(2\) X-Amzn-Mtls-Clientcert-Leaf: The CERTIFICATE PEM block is empty\.$/);
  });

  it("finds headers whatever their case, in a fetch Headers object too", () => {
    const lower = Object.fromEntries(Object.entries(verifyHeaders(leaf)).map(([k, v]) => [k.toLowerCase(), v]));
    expect(parseAlbClientCertHeaders(lower).serialHex).toBe(leaf.info.serialHex);
    expect(parseAlbClientCertHeaders(new Headers(verifyHeaders(leaf))).serialHex).toBe(leaf.info.serialHex);
  });

  it("accepts serial, issuer and validity alone (no leaf) and leaves the leaf null", () => {
    const { "X-Amzn-Mtls-Clientcert-Leaf": _leaf, "X-Amzn-Mtls-Clientcert-Subject": _s, ...rest } = verifyHeaders(leaf);
    const r = parseAlbClientCertHeaders({ ...rest, "X-Amzn-Mtls-Clientcert-Serial-Number": `00${leaf.info.serialHex}` });
    expect(r).toMatchObject({ serialHex: leaf.info.serialHex, issuer: CA_2253, subject: "", leaf: null, notBefore: SEED_NOT_BEFORE });
  });
});

describe("parseAlbClientCertHeaders: the leaf must match its headers", () => {
  it("refuses a serial number header that is not the leaf's", () => {
    const err = errorOf(() => parseAlbClientCertHeaders({ ...verifyHeaders(leaf), "X-Amzn-Mtls-Clientcert-Serial-Number": otherLeaf.info.serialHex }));
    expect(err.message).toBe(`X-Amzn-Mtls-Clientcert-Serial-Number says ${otherLeaf.info.serialHex} but the leaf certificate's serial is ${leaf.info.serialHex}.`);
  });

  it("refuses a subject header naming someone else, and lists every mismatch", () => {
    const err = errorOf(() => parseAlbClientCertHeaders({ ...verifyHeaders(otherLeaf), "X-Amzn-Mtls-Clientcert-Leaf": albEncode(leaf.pem) }));
    expect(err.message).toMatch(/^The client-certificate headers have 2 problems: \(1\) X-Amzn-Mtls-Clientcert-Serial-Number says .* \(2\) X-Amzn-Mtls-Clientcert-Subject says "CN=someone-else" but the leaf certificate's subject is "DC=jcch-sss\.com,O=Jcch Security Solution Systems Co\.\\, Ltd\.,CN=lbtest"\.$/);
  });

  it("refuses an issuer header that is not the leaf's issuer", () => {
    const err = errorOf(() => parseAlbClientCertHeaders({ ...verifyHeaders(leaf), "X-Amzn-Mtls-Clientcert-Issuer": "CN=EVALUATION CA,O=Another Company,DC=jcch-sss.com" }));
    expect(err.message).toMatch(/^X-Amzn-Mtls-Clientcert-Issuer says "CN=EVALUATION CA,O=Another Company,DC=jcch-sss\.com" but the leaf certificate's issuer is/);
  });

  it("refuses a validity header that differs from the leaf's, even by one second", () => {
    const err = errorOf(() => parseAlbClientCertHeaders({ ...verifyHeaders(leaf), "X-Amzn-Mtls-Clientcert-Validity": "NotBefore=2026-01-13T08:39:47Z;NotAfter=2026-03-31T08:39:48Z" }));
    expect(err.message).toBe("X-Amzn-Mtls-Clientcert-Validity says 2026-01-13T08:39:47.000Z – 2026-03-31T08:39:48.000Z but the leaf certificate is valid 2026-01-13T08:39:47.000Z – 2026-03-31T08:39:47.000Z.");
  });

  it("compares names, not spellings: case, spaces and escapes may differ", () => {
    const r = parseAlbClientCertHeaders({ ...verifyHeaders(leaf), "X-Amzn-Mtls-Clientcert-Subject": "dc=JCCH-SSS.COM, o=Jcch  Security Solution Systems Co\\2E\\2C Ltd., cn=LBTEST" });
    expect(r.subject).toBe("dc=JCCH-SSS.COM, o=Jcch  Security Solution Systems Co\\2E\\2C Ltd., cn=LBTEST");
  });
});

describe("parseAlbClientCertHeaders: passthrough mode", () => {
  it("takes the leaf from X-Amzn-Mtls-Clientcert and keeps the rest of the chain", () => {
    const r = parseAlbClientCertHeaders({ "X-Amzn-Mtls-Clientcert": albEncode(leaf.pem + ca.pem) });
    expect(r.mode).toBe("passthrough");
    expect(r.leaf?.serialHex).toBe(leaf.info.serialHex);
    expect(r.issuer).toBe(CA_2253);
    expect(r.chain.map((c) => c.subjectString)).toEqual([CA_2253]);
  });

  it("refuses a chain whose leaf is not the -Leaf header's certificate", () => {
    const err = errorOf(() => parseAlbClientCertHeaders({ ...verifyHeaders(leaf), "X-Amzn-Mtls-Clientcert": albEncode(otherLeaf.pem) }));
    expect(err.message).toBe("X-Amzn-Mtls-Clientcert-Leaf and X-Amzn-Mtls-Clientcert carry different leaf certificates.");
  });
});

describe("URL-encoded PEM", () => {
  it("keeps '+', '=' and '/' as they are (decodeURIComponent, not form decoding)", () => {
    const encoded = albEncode(leaf.pem);
    expect(encoded).toMatch(/\+/);
    expect(encoded).toMatch(/\//);
    expect(encoded).toMatch(/=%0A-----END/);
    expect(encoded.startsWith("-----BEGIN%20CERTIFICATE-----%0A")).toBe(true);
    expect(parseUrlEncodedCertificates(encoded)[0].der.equals(leaf.info.der)).toBe(true);
  });

  it("reads '+', '=' and '/' percent-encoded too, in either case, and CRLF line ends", () => {
    const upper = encodeURIComponent(leaf.pem.replace(/\n/g, "\r\n"));
    const lower = upper.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    for (const value of [upper, lower]) expect(parseUrlEncodedCertificates(value)[0].der.equals(leaf.info.der)).toBe(true);
  });

  it("reads plain PEM that was never URL-encoded", () => {
    expect(parseUrlEncodedCertificates(leaf.pem)[0].serialHex).toBe(leaf.info.serialHex);
  });

  it("reads a PEM whose line breaks became spaces (Apache's %{SSL_CLIENT_CERT}s in a request header)", () => {
    const apache = leaf.pem.trimEnd().replace(/\n/g, " ");
    expect(apache).not.toMatch(/\n/);
    expect(parseUrlEncodedCertificates(apache)[0].der.equals(leaf.info.der)).toBe(true);
  });

  it("explains a value whose '+' became spaces through form decoding", () => {
    const formDecoded = new URLSearchParams(`v=${albEncode(leaf.pem)}`).get("v")!;
    expect(formDecoded).toMatch(/ /);
    const err = errorOf(() => parseAlbClientCertHeaders({ ...verifyHeaders(leaf), "X-Amzn-Mtls-Clientcert-Leaf": formDecoded }));
    expect(err.message).toMatch(/^X-Amzn-Mtls-Clientcert-Leaf has spaces inside its base64: its "\+" characters were probably turned into spaces by form decoding/);
  });

  it.each([
    ["a truncated escape", "-----BEGIN%20CERTIFICATE-----%0AMIIB%2", /is not valid URL encoding/],
    ["an escape that is not UTF-8", "%E3%81-----BEGIN%20CERTIFICATE-----", /is not valid URL encoding/],
    ["text without PEM", "hello", /holds no PEM block/],
    ["a CRL instead of a certificate", albEncode(toPem(PEM_LABEL.X509_CRL, Buffer.from([0x30, 0x00]))), /holds a "X509 CRL" PEM block/],
    ["damaged base64", "-----BEGIN%20CERTIFICATE-----%0AMII*%0A-----END%20CERTIFICATE-----%0A", /not valid base64/],
    ["base64 that is not a certificate", albEncode(toPem(PEM_LABEL.CERTIFICATE, Buffer.from("not a certificate at all"))), /certificate/i],
  ])("refuses %s", (_name, value, message) => {
    const err = errorOf(() => parseAlbClientCertHeaders({ "X-Amzn-Mtls-Clientcert-Leaf": value }));
    expect(err.code).toBe("MALFORMED_INPUT");
    expect(err.message).toMatch(message);
  });
});

describe("parseAlbClientCertHeaders: garbage", () => {
  it("says which headers it expected when none is present", () => {
    const err = errorOf(() => parseAlbClientCertHeaders({ "content-type": "text/html", "X-Amzn-Mtls-Clientcert-Issuer": "  " }));
    expect(err.code).toBe("EMPTY_INPUT");
    expect(err.message).toMatch(/^No X-Amzn-Mtls-Clientcert headers were found\./);
  });

  it.each([
    ["a serial that is not hex", { [H.SERIAL]: "xyz", [H.ISSUER]: "CN=a" }, 'X-Amzn-Mtls-Clientcert-Serial-Number is not a hexadecimal serial number: "xyz".'],
    ["a serial longer than 20 octets", { [H.SERIAL]: "ab".repeat(22), [H.ISSUER]: "CN=a" }, /is not a hexadecimal serial number/],
    ["an issuer that is not a DN", { [H.SERIAL]: "0a", [H.ISSUER]: "Jcch Security Solution Systems Co., Ltd jcch-sss.com EVALUATION CA" }, /^X-Amzn-Mtls-Clientcert-Issuer is not an RFC 2253 distinguished name/],
    ["a validity that is not the AWS format", { [H.SERIAL]: "0a", [H.ISSUER]: "CN=a", [H.VALIDITY]: "2026-01-13 to 2026-03-31" }, /^X-Amzn-Mtls-Clientcert-Validity is not "NotBefore=<ISO 8601>;NotAfter=<ISO 8601>"/],
    ["a validity with an impossible date", { [H.SERIAL]: "0a", [H.ISSUER]: "CN=a", [H.VALIDITY]: "NotBefore=2026-13-45T99:00:00Z;NotAfter=2026-03-31T08:39:47Z" }, /-Validity is not/],
    ["a serial without the issuer that scopes it", { [H.SERIAL]: "0a" }, "Without X-Amzn-Mtls-Clientcert-Leaf, X-Amzn-Mtls-Clientcert-Issuer is needed to know which CA's serial 0a is."],
    ["an issuer and subject with nothing identifying", { [H.ISSUER]: "CN=a", [H.SUBJECT]: "CN=b" }, /^Neither X-Amzn-Mtls-Clientcert-Leaf nor X-Amzn-Mtls-Clientcert-Serial-Number is present/],
    ["a header sent twice with different values", { [H.SERIAL]: ["0a", "0b"], [H.ISSUER]: "CN=a" }, /Serial-Number was sent more than once with different values/],
  ])("refuses %s", (_name, headers, message) => {
    const err = errorOf(() => parseAlbClientCertHeaders(headers));
    expect(err.code).toBe("MALFORMED_INPUT");
    if (typeof message === "string") expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
  });
});

describe("distinguished-name strings", () => {
  it("parses RFC 4514 escapes, #hex values and multi-valued RDNs", () => {
    expect(parseDnString("CN=a\\,b\\+c\\20,OU=x+O=y,1.2.3.4=#0c03616263")).toEqual([
      [{ type: "CN", value: "a,b+c ", hex: false }],
      [{ type: "OU", value: "x", hex: false }, { type: "O", value: "y", hex: false }],
      [{ type: "1.2.3.4", value: "0c03616263", hex: true }],
    ]);
    expect(parseDnString("")).toEqual([]);
  });

  it.each([["no equals sign"], ["CN=a,"], ["CN=a\\q"], ["=a"], ["CN=\\E6\\97"]])("returns null for %j", (text) => {
    expect(parseDnString(text)).toBeNull();
  });

  it.each([
    ["CN=Alice,O=Example,C=JP", "cn=alice, o=example, c=jp"],
    ["CN=日本", "CN=\\E6\\97\\A5\\E6\\9C\\AC"],
    ["CN=abc", "2.5.4.3=#0c03616263"],
    ["CN=abc", "OID.2.5.4.3=#130361 62 63".replace(/ /g, "")],
    ["emailAddress=a@example.test", "E=a@example.test"],
    ["emailAddress=a@example.test", "1.2.840.113549.1.9.1=#160e6140 6578616d706c652e74657374".replace(/ /g, "")],
    ["OU=x+O=y,C=JP", "O=y+OU=x,C=JP"],
    ["CN=a  b", "CN=a b"],
    ['CN="Co., Ltd"', "CN=Co.\\, Ltd"],
  ])("%s names the same entity as %s", (a, b) => {
    expect(sameDistinguishedName(a, b)).toBe(true);
  });

  it.each([
    ["CN=a,O=b", "O=b,CN=a"],
    ["CN=a", "CN=a,O=b"],
    ["CN=a", "UID=a"],
    ["CN=a", "not a dn"],
  ])("%s and %s are different names", (a, b) => {
    expect(sameDistinguishedName(a, b)).toBe(false);
  });
});

describe("small parsers", () => {
  it("normalizes serials as admins type them", () => {
    expect(normalizeSerialHex("00:0A:BC")).toBe("abc");
    expect(normalizeSerialHex("0")).toBe("0");
    expect(normalizeSerialHex("0x12")).toBeNull();
  });

  it("reads validity with fractional seconds and offsets", () => {
    expect(parseAlbValidity("NotBefore=2026-01-13T17:39:47.5+09:00;NotAfter=2026-03-31T08:39:47Z")).toEqual({
      notBefore: new Date("2026-01-13T08:39:47.500Z"),
      notAfter: SEED_NOT_AFTER,
    });
  });
});
