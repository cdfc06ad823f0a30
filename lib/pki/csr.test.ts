import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_CSR_BYTES, parseCsr } from "./csr";
import { NULL_VALUE } from "./der-writer";
import { PkiError } from "./errors";
import { basicConstraintsExtension, extendedKeyUsageExtension, extension, keyUsageExtension, subjectAltNameExtension } from "./extensions";
import { spkiOf } from "./keys";
import { OID } from "./oids";
import { toPem } from "./pem";
import { makeTestCsr } from "./test-helpers";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof PkiError ? err.code : `not a PkiError: ${String(err)}`;
  }
  return undefined;
}

describe("parseCsr", () => {
  let rsa: crypto.KeyPairKeyObjectResult;
  let p256: crypto.KeyPairKeyObjectResult;
  let p384: crypto.KeyPairKeyObjectResult;
  let rsaCsr: Buffer;

  beforeAll(() => {
    rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    p256 = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    p384 = crypto.generateKeyPairSync("ec", { namedCurve: "secp384r1" });
    rsaCsr = makeTestCsr({
      privateKey: rsa.privateKey,
      subject: [{ type: "O", value: "Example" }, { type: "CN", value: "alice" }],
      extensions: [
        subjectAltNameExtension({ dns: ["alice.example.com"], email: ["alice@example.com"] }, false)!,
        basicConstraintsExtension({}),
        extendedKeyUsageExtension(["clientAuth", "1.2.3.4.5"]),
        keyUsageExtension(["digitalSignature", "keyEncipherment"]),
        extension("1.3.6.1.4.1.99999.1", true, NULL_VALUE),
      ],
    });
  });

  it("reads subject, key, signature and requested extensions of an RSA request", () => {
    const csr = parseCsr(rsaCsr);
    expect(csr.subject).toEqual([{ type: "O", value: "Example" }, { type: "CN", value: "alice" }]);
    expect(csr.subjectString).toBe("CN=alice,O=Example");
    expect(csr.subjectPublicKeySpki.equals(spkiOf(rsa.publicKey))).toBe(true);
    expect(csr.key).toEqual({ type: "rsa", bits: 2048, keyAlgorithm: "RSA-2048" });
    expect(csr.keyAlgorithm).toBe("RSA-2048");
    expect(csr.signatureAlgorithm).toBe("sha256WithRSAEncryption");
    expect(csr.signatureValid).toBe(true);
    const ext = csr.requestedExtensions;
    expect(ext.subjectAltNames).toEqual({ dns: ["alice.example.com"], email: ["alice@example.com"], ip: [], uri: [], otherCount: 0 });
    expect(ext.basicConstraints).toEqual({ ca: true });
    expect(ext.extendedKeyUsage).toEqual(["clientAuth", "1.2.3.4.5"]);
    expect(ext.keyUsage).toEqual(["digitalSignature", "keyEncipherment"]);
    expect(ext.unknown).toEqual([{ oid: "1.3.6.1.4.1.99999.1", critical: true }]);
    expect(csr.otherAttributes).toEqual([]);
  });

  it("accepts P-256 and P-384 requests as PEM with either label, DER, or bare base64", () => {
    const ec256 = makeTestCsr({ privateKey: p256.privateKey });
    const ec384 = makeTestCsr({ privateKey: p384.privateKey });
    expect(parseCsr(toPem("CERTIFICATE REQUEST", ec256)).key).toEqual({ type: "ec", bits: 256, curve: "P-256", keyAlgorithm: "ECDSA-P256" });
    expect(parseCsr(toPem("NEW CERTIFICATE REQUEST", ec384)).signatureAlgorithm).toBe("ecdsa-with-SHA384");
    expect(parseCsr(Buffer.from(toPem("CERTIFICATE REQUEST", ec256))).keyAlgorithm).toBe("ECDSA-P256");
    expect(parseCsr(ec384.toString("base64")).keyAlgorithm).toBe("ECDSA-P384");
    expect(parseCsr(ec256).requestedExtensions.basicConstraints).toBeNull();
  });

  it("rejects empty input with EMPTY_INPUT", () => {
    expect(codeOf(() => parseCsr(""))).toBe("EMPTY_INPUT");
    expect(codeOf(() => parseCsr("  \n\t"))).toBe("EMPTY_INPUT");
    expect(codeOf(() => parseCsr(Buffer.alloc(0)))).toBe("EMPTY_INPUT");
  });

  it("rejects input above 64 KiB with TOO_LARGE before decoding it", () => {
    expect(codeOf(() => parseCsr(Buffer.alloc(MAX_CSR_BYTES + 1, 0x30)))).toBe("TOO_LARGE");
    expect(codeOf(() => parseCsr("A".repeat(MAX_CSR_BYTES + 1)))).toBe("TOO_LARGE");
  });

  it("rejects garbage, truncated DER, trailing bytes and wrong PEM labels with MALFORMED_INPUT", () => {
    expect(codeOf(() => parseCsr("this is not a CSR"))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => parseCsr(Buffer.from([0x30, 0x03, 0x02, 0x01])))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => parseCsr(rsaCsr.subarray(0, rsaCsr.length - 10)))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => parseCsr(Buffer.concat([rsaCsr, Buffer.from([0])])))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => parseCsr(toPem("CERTIFICATE", rsaCsr)))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => parseCsr(Buffer.from([0xff, 0x00, 0x01])))).toBe("MALFORMED_INPUT");
    const msg = (() => {
      try {
        parseCsr(Buffer.from([0x30, 0x03, 0x02, 0x01]));
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(msg).toMatch(/^The certificate request is not valid DER \(.+\)\. Create the request again/);
  });

  it("rejects a request whose signature was altered with BAD_SIGNATURE", () => {
    const bad = Buffer.from(rsaCsr);
    bad[bad.length - 1] ^= 0x01;
    expect(codeOf(() => parseCsr(bad))).toBe("BAD_SIGNATURE");
    expect(parseCsr(bad, { requireValidSignature: false }).signatureValid).toBe(false);
    const otherKey = makeTestCsr({ privateKey: p256.privateKey });
    const swapped = Buffer.from(otherKey);
    swapped[swapped.length - 3] ^= 0x40;
    expect(codeOf(() => parseCsr(swapped))).toBe("BAD_SIGNATURE");
  });

  it("rejects a request whose EC public key is not a point on the curve with MALFORMED_INPUT", () => {
    const csr = Buffer.from(makeTestCsr({ privateKey: p256.privateKey }));
    const spki = spkiOf(p256.publicKey);
    const at = csr.indexOf(spki);
    expect(at).toBeGreaterThan(0);
    csr[at + spki.length - 1] ^= 0x01;
    expect(codeOf(() => parseCsr(csr))).toBe("MALFORMED_INPUT");
  });

  it("rejects RSA keys under 2048 bits with WEAK_KEY", () => {
    const k = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
    expect(codeOf(() => parseCsr(makeTestCsr({ privateKey: k.privateKey })))).toBe("WEAK_KEY");
  });

  it("rejects curves other than P-256/P-384 with UNSUPPORTED_CURVE", () => {
    for (const namedCurve of ["secp521r1", "secp256k1", "brainpoolP256r1"]) {
      const k = crypto.generateKeyPairSync("ec", { namedCurve });
      expect(codeOf(() => parseCsr(makeTestCsr({ privateKey: k.privateKey, hash: "sha256", algorithmOid: OID.ecdsaWithSHA256 })))).toBe("UNSUPPORTED_CURVE");
    }
  });

  it("rejects Ed25519 keys and SHA-1/MD5 signatures with UNSUPPORTED_ALGORITHM", () => {
    const ed = crypto.generateKeyPairSync("ed25519");
    expect(codeOf(() => parseCsr(makeTestCsr({ privateKey: ed.privateKey })))).toBe("UNSUPPORTED_ALGORITHM");
    const sha1 = makeTestCsr({ privateKey: rsa.privateKey, hash: "sha1", algorithmOid: OID.sha1WithRSAEncryption });
    expect(codeOf(() => parseCsr(sha1))).toBe("UNSUPPORTED_ALGORITHM");
    const sha512 = makeTestCsr({ privateKey: rsa.privateKey, hash: "sha512", algorithmOid: OID.sha512WithRSAEncryption });
    expect(parseCsr(sha512).signatureAlgorithm).toBe("sha512WithRSAEncryption");
  });
});

describe("parseCsr on text that only looks like base64", () => {
  it("reports plain words as neither PEM nor DER, not as broken DER", () => {
    expect(() => parseCsr("thisisnotacertificaterequest")).toThrow(/neither a PEM nor a DER/);
  });
});
