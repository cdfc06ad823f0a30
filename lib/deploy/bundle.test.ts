import { describe, expect, it } from "vitest";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { buildSelfSignedCa } from "@/lib/pki";
import { ALB_QUOTAS } from "./quotas";
import { buildCaBundle, bundleKey, crlKey, normalizePrefix } from "./bundle";

const fixedNow = new Date("2026-01-13T00:00:00Z");

async function caDer(cn: string): Promise<Buffer> {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return buildSelfSignedCa({
    subject: [{ type: "CN", value: cn }],
    keyPair: { privateKey },
    notBefore: fixedNow,
    notAfter: new Date("2036-01-13T00:00:00Z"),
    serial: Buffer.concat([Buffer.from([0x01]), randomBytes(15)]),
  });
}

describe("ALB CA bundle", () => {
  it("is PEM certificates back to back with no blank line, one per CA in order", async () => {
    const a = await caDer("CA A");
    const b = await caDer("CA B");
    const bundle = buildCaBundle([{ slug: "a", certificateDer: a }, { slug: "b", certificateDer: b }]);
    expect(bundle.count).toBe(2);
    expect(bundle.pem.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(bundle.pem).not.toMatch(/\n\s*\n/);
    expect(bundle.pem.startsWith("-----BEGIN CERTIFICATE-----\n")).toBe(true);
    expect(bundle.pem.indexOf(a.toString("base64").slice(0, 40))).toBeLessThan(bundle.pem.indexOf(b.toString("base64").slice(0, 40)));
  });

  it("refuses more than 25 CAs, naming the quota", async () => {
    const der = await caDer("CA");
    const cas = Array.from({ length: 26 }, (_, i) => ({ slug: `c${i}`, certificateDer: der }));
    expect(() => buildCaBundle(cas)).toThrow(/26 certificates; the ALB quota "CA certificates per trust store bundle" is 25/);
    expect(buildCaBundle(cas.slice(0, 25)).count).toBe(25);
  });

  it("refuses a CA certificate over 16 KB, naming the quota", async () => {
    const der = await caDer("CA");
    expect(() => buildCaBundle([{ slug: "big", certificateDer: der }], { ...ALB_QUOTAS, caCertificateBytes: 100 })).toThrow(/certificate of CA big is \d+ bytes as PEM; the ALB quota "CA certificate size" is 100 bytes/);
    expect(() => buildCaBundle([])).toThrow(/bundle is empty/);
  });

  it("keys are content-addressed under the normalised prefix", async () => {
    const bundle = buildCaBundle([{ slug: "a", certificateDer: await caDer("CA A") }]);
    expect(bundleKey("inkan/alb", bundle)).toBe(`inkan/alb/ca-bundle-${bundle.sha256.slice(0, 16)}.pem`);
    expect(bundleKey("/inkan/alb/", bundle)).toBe(bundleKey("inkan/alb", bundle));
    expect(normalizePrefix("")).toBe("");
    expect(crlKey("p", "ia1", 7, "x")).toMatch(/^p\/crl\/ia1-7-[0-9a-f]{12}\.pem$/);
    expect(crlKey("p", "ia1", 7, "x")).not.toBe(crlKey("p", "ia1", 7, "y"));
  });
});
