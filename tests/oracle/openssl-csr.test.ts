import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { buildCertificate, newSerial, parseCsr, toPem, isPkiError, type PkiErrorCode } from "@/lib/pki";
import { AT_TIME, NOT_AFTER, NOT_BEFORE, OPENSSL, makeCa, run, tempDir } from "./oracle-helpers";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A CSR made by `openssl req -new -newkey ...`, as PEM text. */
function opensslCsr(name: string, newkey: string[], extra: string[] = []): string {
  const out = tmp.file(`${name}.csr`);
  const r = run(OPENSSL, ["req", "-new", "-nodes", ...newkey, "-keyout", tmp.file(`${name}.key`), "-subj", "/C=JP/O=Example Corp/CN=alice", ...extra, "-out", out]);
  if (r.status !== 0) throw new Error(r.out);
  return fs.readFileSync(out, "utf8");
}

function codeOf(fn: () => unknown): PkiErrorCode | string | undefined {
  try {
    fn();
  } catch (err) {
    return isPkiError(err) ? err.code : String(err);
  }
}

describe("parseCsr against requests made by openssl req", () => {
  it.each([
    ["rsa:2048", ["-newkey", "rsa:2048"], { type: "rsa", bits: 2048, keyAlgorithm: "RSA-2048" }, "sha256WithRSAEncryption"],
    ["ec P-256", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], { type: "ec", bits: 256, curve: "P-256", keyAlgorithm: "ECDSA-P256" }, "ecdsa-with-SHA256"],
    ["ec P-384 signed with SHA-384", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-sha384"], { type: "ec", bits: 384, curve: "P-384", keyAlgorithm: "ECDSA-P384" }, "ecdsa-with-SHA384"],
  ] as const)("accepts a %s request and reads its subject, key and extensions", (name, newkey, key, sigAlg) => {
    const pem = opensslCsr(name.replace(/\W/g, ""), [...newkey], [
      "-addext", "subjectAltName=DNS:alice.example.com,email:alice@example.com,IP:192.0.2.7",
      "-addext", "extendedKeyUsage=clientAuth",
      "-addext", "basicConstraints=critical,CA:TRUE",
    ]);
    const csr = parseCsr(pem);
    expect(csr.subjectString).toBe("CN=alice,O=Example Corp,C=JP");
    expect(csr.key).toEqual(key);
    expect(csr.signatureAlgorithm).toBe(sigAlg);
    expect(csr.signatureValid).toBe(true);
    expect(csr.requestedExtensions.subjectAltNames).toEqual({ dns: ["alice.example.com"], email: ["alice@example.com"], ip: ["192.0.2.7"], uri: [], otherCount: 0 });
    expect(csr.requestedExtensions.extendedKeyUsage).toEqual(["clientAuth"]);
    expect(csr.requestedExtensions.basicConstraints).toEqual({ ca: true }); // so the caller can refuse it
    // The key we extracted is the one OpenSSL sees in the request.
    expect(toPem("PUBLIC KEY", csr.subjectPublicKeySpki)).toBe(run(OPENSSL, ["req", "-noout", "-pubkey"], pem).stdout);
  });

  it("accepts DER and the legacy NEW CERTIFICATE REQUEST label", () => {
    const pem = opensslCsr("der", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]);
    const derFile = tmp.file("der.der");
    expect(run(OPENSSL, ["req", "-in", tmp.file("der.csr"), "-outform", "DER", "-out", derFile]).status).toBe(0);
    const der = fs.readFileSync(derFile);
    expect(parseCsr(der).subjectString).toBe("CN=alice,O=Example Corp,C=JP");
    expect(parseCsr(pem.replace(/CERTIFICATE REQUEST/g, "NEW CERTIFICATE REQUEST")).keyAlgorithm).toBe("ECDSA-P256");
  });

  it("rejects a request whose signature has one byte flipped", () => {
    opensslCsr("flip", ["-newkey", "rsa:2048"]);
    const derFile = tmp.file("flip.der");
    run(OPENSSL, ["req", "-in", tmp.file("flip.csr"), "-outform", "DER", "-out", derFile]);
    const der = fs.readFileSync(derFile);
    const flipped = Buffer.from(der);
    flipped[flipped.length - 20] ^= 0xff;
    expect(codeOf(() => parseCsr(flipped))).toBe("BAD_SIGNATURE");
    expect(run(OPENSSL, ["req", "-inform", "DER", "-in", tmp.file("flipped.der", flipped), "-verify", "-noout"]).out).toMatch(/verify failure|Certificate request self-signature did not match|verification failure/i);
  });

  it.each([
    ["rsa:1024", ["-newkey", "rsa:1024"], "WEAK_KEY"],
    ["ec P-521", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521"], "UNSUPPORTED_CURVE"],
    ["ed25519", ["-newkey", "ed25519"], "UNSUPPORTED_ALGORITHM"],
    ["rsa:2048 signed with SHA-1", ["-newkey", "rsa:2048", "-sha1"], "UNSUPPORTED_ALGORITHM"],
  ] as const)("rejects a %s request with %s", (name, newkey, code) => {
    const pem = opensslCsr(name.replace(/\W/g, ""), [...newkey]);
    expect(codeOf(() => parseCsr(pem))).toBe(code);
  });

  it("a certificate issued from an openssl CSR verifies with openssl", async () => {
    const ca = await makeCa("ECDSA-P256", "CSR Root");
    const csr = parseCsr(opensslCsr("issue", ["-newkey", "rsa:2048"]));
    const der = await buildCertificate(
      {
        subject: csr.subject,
        subjectPublicKeySpki: csr.subjectPublicKeySpki,
        notBefore: NOT_BEFORE,
        notAfter: NOT_AFTER,
        ca: null,
        keyUsage: ["digitalSignature", "keyEncipherment"],
        extendedKeyUsage: ["clientAuth"],
      },
      { issuer: ca.issuer, signer: ca.signer, serial: newSerial() },
    );
    const r = run(OPENSSL, ["verify", "-x509_strict", "-purpose", "sslclient", "-attime", String(AT_TIME), "-CAfile", tmp.file("csr-ca.pem", ca.pem), tmp.file("csr-leaf.pem", toPem("CERTIFICATE", der))]);
    expect(r.out).toContain(": OK");
    // The key in the certificate is the requester's.
    const keyPub = run(OPENSSL, ["pkey", "-in", tmp.file("issue.key"), "-pubout"]).stdout;
    expect(run(OPENSSL, ["x509", "-noout", "-pubkey"], toPem("CERTIFICATE", der)).stdout).toBe(keyPub);
  });
});
