import { describe, expect, it } from "vitest";
import { PkiError } from "./errors";
import { fromPem, fromPemAll, toPem } from "./pem";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as PkiError).code;
  }
};

describe("PEM (RFC 7468)", () => {
  it("writes 64-character base64 lines and a trailing newline", () => {
    const der = Buffer.alloc(90, 0xab); // 120 base64 characters: one full line and one of 56
    const pem = toPem("X509 CRL", der);
    const lines = pem.split("\n");
    expect(lines[0]).toBe("-----BEGIN X509 CRL-----");
    expect(lines[1]).toHaveLength(64);
    expect(lines[2]).toHaveLength(56);
    expect(lines[3]).toBe("-----END X509 CRL-----");
    expect(pem.endsWith("-----END X509 CRL-----\n")).toBe(true);
    expect(fromPem(pem, ["X509 CRL"]).der.equals(der)).toBe(true);
  });

  it("finds the wanted block among several and ignores text around them", () => {
    const text = `subject=CN=x\n${toPem("CERTIFICATE", Buffer.from([1, 2]))}junk\r\n${toPem("CERTIFICATE REQUEST", Buffer.from([3]))}`;
    expect(fromPem(text, ["NEW CERTIFICATE REQUEST", "CERTIFICATE REQUEST"]).der).toEqual(Buffer.from([3]));
    expect(fromPemAll(text.replace(/\n/g, "\r\n")).map((b) => b.label)).toEqual(["CERTIFICATE", "CERTIFICATE REQUEST"]);
  });

  it("reports empty text, missing blocks, wrong labels and bad base64", () => {
    expect(codeOf(() => fromPem("  \n"))).toBe("EMPTY_INPUT");
    expect(codeOf(() => fromPem("hello"))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => fromPem(toPem("CERTIFICATE", Buffer.from([1])), ["X509 CRL"]))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => fromPem("-----BEGIN X-----\n!!!!\n-----END X-----\n"))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => fromPem("-----BEGIN X-----\nAAAA\n-----END Y-----\n"))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => fromPem("-----BEGIN X-----\n\n-----END X-----\n"))).toBe("EMPTY_INPUT");
    expect(codeOf(() => toPem("bad-label-", Buffer.from([1])))).toBe("INVALID_ARGUMENT");
  });
});
