// TOTP against the published vectors of RFC 6238 Appendix B (SHA-1 seed) and RFC 4226
// Appendix D, plus the rules Inkan adds: drift window, replay refusal, base32 round trip.
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, otpauthUri, totpStep, verifyTotp } from "../../lib/auth/totp";

const RFC_SECRET = Buffer.from("12345678901234567890", "ascii");

describe("HOTP (RFC 4226 Appendix D)", () => {
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  it.each(expected.map((code, counter) => [counter, code]))("counter %i → %s", (counter, code) => {
    expect(hotp(RFC_SECRET, counter)).toBe(code);
  });
});

describe("TOTP (RFC 6238 Appendix B, SHA-1, 8 digits)", () => {
  const vectors: [number, string][] = [
    [59, "94287082"], [1111111109, "07081804"], [1111111111, "14050471"], [1234567890, "89005924"], [2000000000, "69279037"], [20000000000, "65353130"],
  ];
  it.each(vectors)("T = %i s → %s", (seconds, code) => {
    expect(hotp(RFC_SECRET, totpStep(new Date(seconds * 1000)), 8)).toBe(code);
  });
});

describe("verifyTotp", () => {
  const now = new Date(1_700_000_000_000);
  const step = totpStep(now);
  const codeAt = (s: number) => hotp(RFC_SECRET, s);

  it("accepts the current code and one step either side, and returns the step", () => {
    expect(verifyTotp(RFC_SECRET, codeAt(step), now)).toBe(step);
    expect(verifyTotp(RFC_SECRET, codeAt(step - 1), now)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, codeAt(step + 1), now)).toBe(step + 1);
  });

  it("refuses codes two steps away, malformed input, and another secret's code", () => {
    expect(verifyTotp(RFC_SECRET, codeAt(step - 2), now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, codeAt(step + 2), now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, "12345", now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, "abcdef", now)).toBeNull();
    expect(verifyTotp(Buffer.from("another secret value"), codeAt(step), now)).toBeNull();
  });

  it("accepts spaces typed inside the code", () => {
    const code = codeAt(step);
    expect(verifyTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
  });

  it("never accepts a step at or before the last accepted one (replay)", () => {
    expect(verifyTotp(RFC_SECRET, codeAt(step), now, step)).toBeNull();
    expect(verifyTotp(RFC_SECRET, codeAt(step - 1), now, step - 1)).toBeNull();
    expect(verifyTotp(RFC_SECRET, codeAt(step + 1), now, step)).toBe(step + 1);
  });
});

describe("base32 and the otpauth URI", () => {
  it("matches RFC 4648 test vectors (without padding) and round-trips", () => {
    const vectors: [string, string][] = [["", ""], ["f", "MY"], ["fo", "MZXQ"], ["foo", "MZXW6"], ["foob", "MZXW6YQ"], ["fooba", "MZXW6YTB"], ["foobar", "MZXW6YTBOI"]];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    }
    expect(base32Decode("mzxw 6ytb-oi====").toString()).toBe("foobar");
    expect(() => base32Decode("MZ1W")).toThrow(/base32/);
  });

  it("builds the Key Uri Format apps import", () => {
    const uri = new URL(otpauthUri(RFC_SECRET, "ops@example.test"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Inkan:ops@example.test");
    expect(uri.searchParams.get("secret")).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(uri.searchParams.get("issuer")).toBe("Inkan");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });
});
