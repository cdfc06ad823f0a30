import { describe, expect, it } from "vitest";
import { deliveryAvailability, parseRefusal, pkcs12EncryptionFor, platformFor } from "./policy";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1";
const EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0";

describe("platformFor", () => {
  it("gives iOS browsers the profile only when the UA uses the iPhone UA", () => {
    expect(platformFor(IPHONE, { iphoneUa: true, iphoneLayout: false })).toBe("iphone");
    expect(platformFor(IPHONE, { iphoneUa: false, iphoneLayout: false })).toBe("windows");
    expect(platformFor(EDGE, { iphoneUa: true, iphoneLayout: false })).toBe("windows");
    expect(platformFor(EDGE, { iphoneUa: true, iphoneLayout: true })).toBe("iphone");
    expect(platformFor("Mozilla/5.0 (Linux; Android 14)", { iphoneUa: true, iphoneLayout: false })).toBe("android");
    expect(platformFor("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)", { iphoneUa: true, iphoneLayout: false })).toBe("mac");
  });
});

describe("deliveryAvailability", () => {
  const now = new Date("2026-01-01T10:00:00Z");
  it("shows Downloaded once the window has passed, and nothing after an import-once delivery", () => {
    expect(deliveryAvailability({ importOnce: false, downloadWindowMinutes: 10 }, null, now)).toBe("available");
    const d = { firstDeliveredAt: now, windowEndsAt: new Date("2026-01-01T10:10:00Z"), lockedAt: null, count: 1 };
    expect(deliveryAvailability({ importOnce: false, downloadWindowMinutes: 10 }, d, now)).toBe("available");
    expect(deliveryAvailability({ importOnce: false, downloadWindowMinutes: 10 }, d, new Date("2026-01-01T10:10:00Z"))).toBe("window-expired");
    expect(deliveryAvailability({ importOnce: true, downloadWindowMinutes: 0 }, { ...d, lockedAt: now }, now)).toBe("already-imported");
  });
});

describe("parseRefusal", () => {
  it("accepts only the reasons the delivery route sends back", () => {
    expect(parseRefusal("window-expired")).toBe("window-expired");
    expect(parseRefusal("session-expired")).toBe("session-expired");
    expect(parseRefusal("already-imported")).toBe("already-imported");
    expect(parseRefusal("<script>")).toBeNull();
    expect(parseRefusal(undefined)).toBeNull();
  });
});

describe("pkcs12EncryptionFor", () => {
  it("gives AES-256 to Windows only, when the UA chose it", () => {
    expect(pkcs12EncryptionFor({ pkcs12Encryption: "aes256" }, "windows")).toBe("aes256");
    for (const platform of ["iphone", "android", "mac"] as const) expect(pkcs12EncryptionFor({ pkcs12Encryption: "aes256" }, platform)).toBe("legacy");
    expect(pkcs12EncryptionFor({ pkcs12Encryption: "legacy" }, "windows")).toBe("legacy");
  });
});
