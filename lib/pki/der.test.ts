import { describe, expect, it } from "vitest";
import { DerReader, decodeBigInt, decodeOid, decodeTime, readTlv, readTop } from "./der-reader";
import { TAG, integer, namedBitString, oid, sequence, time, tlv, writeTime } from "./der-writer";
import { PkiError } from "./errors";

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof PkiError ? err.code : `not a PkiError: ${String(err)}`;
  }
  return undefined;
}

describe("DER writer and reader", () => {
  it("encodes lengths in the shortest form (X.690 §10.1) and reads them back", () => {
    for (const len of [0, 1, 127, 128, 255, 256, 65535, 65536, 1 << 20]) {
      const der = tlv(TAG.OCTET_STRING, Buffer.alloc(len, 7));
      const t = readTlv(der, 0, der.length);
      expect(t.end - t.contentStart).toBe(len);
      expect(t.end).toBe(der.length);
      const expectedHeader = len < 128 ? 2 : len < 256 ? 3 : len < 65536 ? 4 : 5;
      expect(t.contentStart).toBe(expectedHeader);
    }
  });

  it("writes minimal INTEGERs with a sign byte only when the top bit is set", () => {
    expect(integer(0).toString("hex")).toBe("020100");
    expect(integer(127).toString("hex")).toBe("02017f");
    expect(integer(128).toString("hex")).toBe("02020080");
    expect(integer(256).toString("hex")).toBe("02020100");
    const big = (1n << 158n) + 12345n;
    const der = integer(big);
    expect(decodeBigInt(der, readTop(der, TAG.INTEGER, "int"))).toBe(big);
    expect(code(() => integer(-1))).toBe("INVALID_ARGUMENT");
  });

  it("round-trips OBJECT IDENTIFIERs, including large arcs", () => {
    for (const dotted of ["2.5.29.20", "1.2.840.113549.1.1.11", "0.9.2342.19200300.100.1.25", "2.999.1", "1.3.6.1.4.1.311.20.2.2"]) {
      const der = oid(dotted);
      expect(decodeOid(der, readTlv(der, 0, der.length))).toBe(dotted);
    }
    expect(oid("1.2.840.113549.1.1.11").toString("hex")).toBe("06092a864886f70d01010b");
    expect(code(() => oid("3.1"))).toBe("INVALID_ARGUMENT");
  });

  it("uses UTCTime through 2049 and GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)", () => {
    const utc = time(new Date("2049-12-31T23:59:59.999Z"));
    expect(utc[0]).toBe(TAG.UTC_TIME);
    expect(utc.subarray(2).toString("latin1")).toBe("491231235959Z");
    const gen = time(new Date("2050-01-01T00:00:00Z"));
    expect(gen[0]).toBe(TAG.GENERALIZED_TIME);
    expect(gen.subarray(2).toString("latin1")).toBe("20500101000000Z");
    const old = time(new Date("1949-06-30T12:00:00Z"));
    expect(old.subarray(2).toString("latin1")).toBe("19490630120000Z");
    expect(time(new Date("9999-12-31T23:59:59Z")).subarray(2).toString("latin1")).toBe("99991231235959Z");
    expect(code(() => time(new Date(NaN)))).toBe("INVALID_ARGUMENT");
  });

  it("writes the same calendar fields as Date for 2,000 random instants", () => {
    const buf = Buffer.alloc(17);
    let seed = 42;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const ms = Date.UTC(1900, 0, 1) + Math.floor((seed / 2 ** 31) * (Date.UTC(2300, 0, 1) - Date.UTC(1900, 0, 1)));
      const end = writeTime(buf, 0, ms);
      const t = readTlv(buf, 0, end);
      expect(decodeTime(buf, t).getTime()).toBe(Math.floor(ms / 1000) * 1000);
    }
  });

  it("writes named bit strings without trailing zero bits (X.690 §11.2.2)", () => {
    expect(namedBitString([0]).toString("hex")).toBe("03020780"); // digitalSignature
    expect(namedBitString([5, 6]).toString("hex")).toBe("03020106"); // keyCertSign, cRLSign
    expect(namedBitString([0, 8]).toString("hex")).toBe("0303078080"); // digitalSignature, decipherOnly
  });

  it("rejects BER and damaged encodings with MALFORMED_INPUT", () => {
    const cases = [
      Buffer.from("3080020101 0000".replace(/ /g, ""), "hex"), // indefinite length
      Buffer.from("30810302 0101".replace(/ /g, ""), "hex"), // non-minimal length
      Buffer.from("300502010102", "hex"), // runs past the end
      Buffer.from("30", "hex"), // truncated header
      Buffer.from("1f2a0100", "hex"), // multi-byte tag
    ];
    for (const der of cases) expect(code(() => readTop(der, TAG.SEQUENCE, "test"))).toBe("MALFORMED_INPUT");
    expect(code(() => decodeBigInt(Buffer.from("0202007f", "hex"), readTlv(Buffer.from("0202007f", "hex"), 0, 4)))).toBe("MALFORMED_INPUT");
  });

  it("reads nested structures sequentially and checks for leftovers", () => {
    const der = sequence(integer(1), sequence(oid("2.5.4.3")), integer(2));
    const r = DerReader.inside(der, readTop(der, TAG.SEQUENCE, "outer"));
    r.next(TAG.INTEGER);
    const inner = r.enter(TAG.SEQUENCE);
    expect(decodeOid(der, inner.next(TAG.OID))).toBe("2.5.4.3");
    expect(code(() => r.expectEnd("outer"))).toBe("MALFORMED_INPUT");
    expect(r.optional(TAG.OID)).toBeNull();
    r.next(TAG.INTEGER);
    r.expectEnd("outer");
  });
});
