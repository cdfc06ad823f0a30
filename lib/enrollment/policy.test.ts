import { describe, expect, it } from "vitest";
import { deliveryAvailability, parseLayoutChoice, parseRefusal, pkcs12EncryptionFor, platformFor } from "./policy";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1";
const EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0";

const IPADOS = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";

describe("platformFor", () => {
  it("gives iOS browsers the profile only when the UA uses the iPhone UA", () => {
    expect(platformFor(IPHONE, { iphoneUa: true })).toBe("iphone");
    expect(platformFor(IPHONE, { iphoneUa: false })).toBe("windows");
    expect(platformFor(EDGE, { iphoneUa: true })).toBe("windows");
    expect(platformFor("Mozilla/5.0 (Linux; Android 14)", { iphoneUa: true })).toBe("android");
    expect(platformFor("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)", { iphoneUa: true })).toBe("mac");
  });

  it("the iPhone layout setting does not make every browser an iPhone", () => {
    const ua = { iphoneUa: true, iphoneLayout: true };
    expect(platformFor(EDGE, ua)).toBe("windows");
    expect(platformFor(IPADOS, ua)).toBe("mac");
  });

  it("a user who picks the iPhone layout gets the profile (how iPadOS, with its Mac user agent, reaches it), only where the UA offers it", () => {
    expect(platformFor(IPADOS, { iphoneUa: true }, "iphone")).toBe("iphone");
    expect(platformFor(EDGE, { iphoneUa: true }, "iphone")).toBe("iphone");
    expect(platformFor(IPADOS, { iphoneUa: false }, "iphone")).toBe("mac");
    expect(platformFor(IPHONE, { iphoneUa: true }, "desktop")).toBe("windows");
    expect(platformFor(IPHONE, { iphoneUa: true }, null)).toBe("iphone");
  });
});

describe("parseLayoutChoice", () => {
  it("knows the two layouts and nothing else", () => {
    expect(parseLayoutChoice("iphone")).toBe("iphone");
    expect(parseLayoutChoice("desktop")).toBe("desktop");
    expect(parseLayoutChoice("android")).toBeNull();
    expect(parseLayoutChoice(undefined)).toBeNull();
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
