import { describe, expect, it } from "vitest";
import { DerReader, readTop } from "./der-reader";
import { TAG, oid, sequence, setOf, stringValue } from "./der-writer";
import { PkiError } from "./errors";
import { decodeName, encodeName, escapeDnValue, formatDn, type DistinguishedName } from "./names";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as PkiError).code;
  }
};

const dn: DistinguishedName = [
  { type: "DC", value: "com" },
  { type: "DC", value: "example" },
  { type: "C", value: "JP" },
  { type: "ST", value: "Tokyo" },
  { type: "L", value: "Chiyoda" },
  { type: "O", value: "Example, Inc." },
  { type: "OU", value: "Ops" },
  { type: "CN", value: "山田 太郎" },
  { type: "serialNumber", value: "A-123" },
  { type: "UID", value: "taro" },
  { type: "emailAddress", value: "taro@example.com" },
];

describe("distinguished names", () => {
  it("encodes one attribute per RDN with the string type RFC 5280 asks for", () => {
    const der = encodeName(dn);
    const r = DerReader.inside(der, readTop(der, TAG.SEQUENCE, "Name"));
    const tags: number[] = [];
    while (!r.done) {
      const set = r.enter(TAG.SET);
      const atv = set.enter(TAG.SEQUENCE);
      set.expectEnd("RDN");
      atv.next(TAG.OID);
      tags.push(atv.next().tag);
    }
    expect(tags).toEqual([
      TAG.IA5_STRING, // DC
      TAG.IA5_STRING,
      TAG.PRINTABLE_STRING, // C
      TAG.UTF8_STRING,
      TAG.UTF8_STRING,
      TAG.UTF8_STRING,
      TAG.UTF8_STRING,
      TAG.UTF8_STRING, // CN
      TAG.PRINTABLE_STRING, // serialNumber
      TAG.UTF8_STRING, // UID
      TAG.IA5_STRING, // emailAddress
    ]);
  });

  it("formats RFC 4514 strings most specific first, with escaping", () => {
    expect(formatDn(dn)).toBe(
      "emailAddress=taro@example.com,UID=taro,serialNumber=A-123,CN=山田 太郎,OU=Ops,O=Example\\, Inc.,L=Chiyoda,ST=Tokyo,C=JP,DC=example,DC=com",
    );
    expect(escapeDnValue(' #a+b"c\\d<e>f;g ')).toBe('\\ #a\\+b\\"c\\\\d\\<e\\>f\\;g\\ ');
    expect(escapeDnValue("#x")).toBe("\\#x");
    expect(escapeDnValue("a\nb")).toBe("a\\0Ab");
    expect(formatDn([])).toBe("");
  });

  it("decodes what it encodes, and keeps the exact DER", () => {
    const der = encodeName(dn);
    const decoded = decodeName(der);
    expect(decoded.dn).toEqual(dn);
    expect(decoded.text).toBe(formatDn(dn));
    expect(decoded.der.equals(der)).toBe(true);
    expect(decoded.unknownAttributes).toEqual([]);
  });

  it("decodes foreign names: other string types, multi-valued RDNs and unknown attributes", () => {
    const atv = (o: string, tag: number, v: string) => sequence(oid(o), stringValue(tag, v));
    const der = sequence(
      setOf(atv("2.5.4.6", TAG.PRINTABLE_STRING, "DE")),
      setOf(atv("2.5.4.10", TAG.BMP_STRING, "Müller GmbH")),
      setOf(atv("2.5.4.3", TAG.PRINTABLE_STRING, "a"), atv("2.5.4.42", TAG.UTF8_STRING, "Hans")),
      setOf(atv("1.2.3.4", TAG.UTF8_STRING, "x")),
    );
    const decoded = decodeName(der);
    expect(decoded.dn).toEqual([
      { type: "C", value: "DE" },
      { type: "O", value: "Müller GmbH" },
      { type: "CN", value: "a" },
    ]);
    expect(decoded.unknownAttributes).toEqual(["2.5.4.42", "1.2.3.4"]);
    expect(decoded.text).toBe("1.2.3.4=#0c0178,CN=a+GN=Hans,O=Müller GmbH,C=DE");
  });

  it("refuses values that break RFC 5280 bounds or string types", () => {
    expect(codeOf(() => encodeName([{ type: "C", value: "Japan" }]))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => encodeName([{ type: "C", value: "jp" }]))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => encodeName([{ type: "CN", value: "x".repeat(65) }]))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => encodeName([{ type: "CN", value: "" }]))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => encodeName([{ type: "DC", value: "bücher" }]))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => encodeName([{ type: "serialNumber", value: "a_b" }]))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => encodeName([{ type: "XX" as "CN", value: "a" }]))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => decodeName(Buffer.from("3003310100", "hex")))).toBe("MALFORMED_INPUT");
  });
});
