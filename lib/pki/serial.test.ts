import { describe, expect, it } from "vitest";
import { PkiError } from "./errors";
import { integerFromBytes } from "./der-writer";
import { assertValidSerial, newSerial, serialFromHex, serialToHex } from "./serial";

describe("serial numbers", () => {
  it("10,000 generated serials are positive, minimal DER, 16 bytes, ≥ 64 random bits and unique", () => {
    const seen = new Set<string>();
    const bitsSeenSet = new Uint32Array(128);
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      const s = newSerial();
      expect(s.length).toBe(16);
      expect(s[0] & 0x80).toBe(0); // positive
      expect(s[0]).not.toBe(0); // minimal: no leading zero byte
      // The DER INTEGER of the content is exactly tag, length, content.
      expect(integerFromBytes(s).equals(Buffer.concat([Buffer.from([2, 16]), s]))).toBe(true);
      assertValidSerial(s);
      const hex = serialToHex(s);
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
      for (let b = 0; b < 128; b++) if (s[b >> 3] & (0x80 >> (b & 7))) bitsSeenSet[b]++;
    }
    // Bits 0 and 1 are fixed (0 and 1); every other bit must vary and be roughly balanced.
    expect(bitsSeenSet[0]).toBe(0);
    expect(bitsSeenSet[1]).toBe(n);
    let randomBits = 0;
    for (let b = 2; b < 128; b++) {
      const ones = bitsSeenSet[b] / n;
      if (ones > 0.45 && ones < 0.55) randomBits++;
    }
    expect(randomBits).toBeGreaterThanOrEqual(64);
    expect(randomBits).toBe(126);
  });

  it("converts to and from hex without the sign byte", () => {
    const withSign = Buffer.from("00ff01", "hex");
    expect(serialToHex(withSign)).toBe("ff01");
    expect(serialFromHex("ff01").equals(withSign)).toBe(true);
    expect(serialFromHex("FF:01").equals(withSign)).toBe(true);
    expect(serialFromHex("000123").toString("hex")).toBe("0123");
    expect(serialToHex(serialFromHex("7f"))).toBe("7f");
    const s = newSerial();
    expect(serialFromHex(serialToHex(s)).equals(s)).toBe(true);
  });

  it("refuses zero, negative, non-minimal, overlong and non-hex serials", () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as PkiError).code;
      }
    };
    expect(codeOf(() => serialFromHex("00"))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => serialFromHex("xyz"))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => serialFromHex("ff".repeat(20)))).toBe("MALFORMED_INPUT"); // needs 21 octets
    expect(codeOf(() => serialFromHex("7f".repeat(20)))).toBeUndefined();
    expect(codeOf(() => assertValidSerial(Buffer.from("80", "hex")))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => assertValidSerial(Buffer.from("0001", "hex")))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => assertValidSerial(Buffer.from("00", "hex")))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => assertValidSerial(Buffer.alloc(0)))).toBe("INVALID_ARGUMENT");
  });
});
