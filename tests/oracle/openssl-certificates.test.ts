import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCertificate, formatDn, generateKeyPair, newSerial, parseCertificate, spkiOf, subjectKeyIdentifier, toPem, verifyCertificateSignature } from "@/lib/pki";
import { AT_TIME, CRL_URL, OPENSSL, issueLeaf, makeCa, run, tempDir, type TestCa } from "./oracle-helpers";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function verify(ca: TestCa, certPem: string, purpose: "sslclient" | "sslserver") {
  const caFile = tmp.file(`ca-${ca.alg}.pem`, ca.pem);
  const certFile = tmp.file(`leaf-${Math.random().toString(36).slice(2)}.pem`, certPem);
  return run(OPENSSL, ["verify", "-x509_strict", "-purpose", purpose, "-attime", String(AT_TIME), "-CAfile", caFile, certFile]);
}

function text(pem: string): string {
  return run(OPENSSL, ["x509", "-noout", "-text"], pem).stdout;
}

describe.each([
  ["RSA-2048", "ECDSA-P256"],
  ["ECDSA-P384", "RSA-2048"],
  ["ECDSA-P256", "ECDSA-P384"],
] as const)("OpenSSL accepts certificates from a %s CA (leaf keys %s)", (caAlg, leafAlg) => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await makeCa(caAlg, `${caAlg} Root`);
  });

  it("the root passes openssl verify -x509_strict as its own trust anchor", () => {
    const r = verify(ca, ca.pem, "sslclient");
    expect(r.out).toContain(": OK");
    expect(r.status).toBe(0);
  });

  it("a client certificate verifies with -purpose sslclient and is refused for sslserver", async () => {
    const leaf = await issueLeaf(ca, "client", leafAlg, "alice");
    const ok = verify(ca, leaf.pem, "sslclient");
    expect(ok.out).toContain(": OK");
    expect(ok.status).toBe(0);
    const wrong = verify(ca, leaf.pem, "sslserver");
    expect(wrong.status).not.toBe(0);
    expect(wrong.out).toContain("unsuitable certificate purpose");
  });

  it("a server certificate verifies with -purpose sslserver", async () => {
    const leaf = await issueLeaf(ca, "server", leafAlg, "www.example.com");
    const r = verify(ca, leaf.pem, "sslserver");
    expect(r.out).toContain(": OK");
    expect(r.status).toBe(0);
  });

  it("openssl x509 -text shows CA:FALSE, critical key usage, EKU, SKI/AKI and the CRL DP URI", async () => {
    const leaf = await issueLeaf(ca, "client", leafAlg, "bob");
    const info = parseCertificate(leaf.der);
    const t = text(leaf.pem);
    expect(t).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(t).toMatch(/X509v3 Key Usage: critical\s+Digital Signature/);
    expect(t).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Client Authentication/);
    expect(t).toMatch(/X509v3 CRL Distribution Points:\s+Full Name:\s+URI:http:\/\/pki\.example\.com\/crl\/ia1_crl\.der/);
    expect(t).toContain(CRL_URL);
    expect(t).toMatch(/X509v3 Subject Alternative Name:\s+email:bob@example\.com/);
    const colon = (b: Buffer) => b.toString("hex").toUpperCase().match(/../g)!.join(":");
    expect(t).toMatch(new RegExp(`X509v3 Subject Key Identifier:\\s+${colon(info.subjectKeyIdentifier!)}`));
    expect(t).toMatch(new RegExp(`X509v3 Authority Key Identifier:\\s+(keyid:)?${colon(ca.issuer.keyIdentifier)}`));
    expect(t).toContain("Version: 3 (0x2)");
    const caText = text(ca.pem);
    expect(caText).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE/);
    expect(caText).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
  });

  it("serial, fingerprints and subject match what OpenSSL prints", async () => {
    const leaf = await issueLeaf(ca, "client", leafAlg, "carol");
    const info = parseCertificate(leaf.der);
    const out = run(OPENSSL, ["x509", "-noout", "-serial", "-fingerprint", "-sha256", "-subject", "-issuer", "-nameopt", "RFC2253"], leaf.pem).stdout;
    expect(out).toContain(`serial=${info.serialHex.toUpperCase()}`);
    expect(out).toMatch(new RegExp(`Fingerprint=${info.sha256Fingerprint}`, "i"));
    expect(out).toContain(`subject=${info.subjectString}`);
    expect(out).toContain(`issuer=${info.issuerString}`);
    const sha1 = run(OPENSSL, ["x509", "-noout", "-fingerprint", "-sha1"], leaf.pem).stdout;
    expect(sha1).toMatch(new RegExp(`Fingerprint=${info.sha1Fingerprint}`, "i"));
  });
});

describe("details OpenSSL computes independently", () => {
  it("the subject key identifier equals OpenSSL's subjectKeyIdentifier=hash for the same key", async () => {
    for (const alg of ["RSA-2048", "ECDSA-P256"] as const) {
      const { privateKey } = await generateKeyPair(alg);
      const keyFile = tmp.file(`ski-${alg}.pem`, privateKey.export({ type: "pkcs8", format: "pem" }) as string);
      const r = run(OPENSSL, ["req", "-new", "-x509", "-key", keyFile, "-subj", "/CN=ski", "-days", "1", "-addext", "subjectKeyIdentifier=hash"]);
      expect(r.status).toBe(0);
      const theirs = parseCertificate(r.stdout).subjectKeyIdentifier!;
      expect(subjectKeyIdentifier(spkiOf(privateKey)).equals(theirs)).toBe(true);
    }
  });

  it("parses an OpenSSL-made SHA-1 root for display but refuses to verify its signature", async () => {
    const { privateKey } = await generateKeyPair("RSA-2048");
    const keyFile = tmp.file("sha1-root.key", privateKey.export({ type: "pkcs8", format: "pem" }) as string);
    const r = run(OPENSSL, ["req", "-new", "-x509", "-sha1", "-key", keyFile, "-subj", "/O=Old Corp/CN=Old Root", "-days", "1"]);
    expect(r.status).toBe(0);
    const info = parseCertificate(r.stdout);
    expect(info.signatureAlgorithm).toBe("sha1WithRSAEncryption");
    expect(info.subjectString).toBe("CN=Old Root,O=Old Corp");
    expect(info.isCa).toBe(true);
    expect(() => verifyCertificateSignature(info.der, info.subjectPublicKeySpki)).toThrow(expect.objectContaining({ code: "UNSUPPORTED_ALGORITHM" }));
  });

  it("RFC 4514 formatting with escapes and UTF-8 matches -nameopt RFC2253,-esc_msb", async () => {
    const ca = await makeCa("ECDSA-P256", "Names Root");
    const subject = [
      { type: "DC" as const, value: "example" },
      { type: "C" as const, value: "JP" },
      { type: "O" as const, value: "Example, Inc.+<Ops>" },
      { type: "CN" as const, value: "山田 太郎" },
      { type: "emailAddress" as const, value: "taro@example.com" },
    ];
    const { publicKey } = await generateKeyPair("ECDSA-P256");
    const der = await buildCertificate(
      { subject, subjectPublicKeySpki: spkiOf(publicKey), notBefore: new Date("2025-01-01T00:00:00Z"), notAfter: new Date("2026-01-01T00:00:00Z"), ca: null, keyUsage: ["digitalSignature"] },
      { issuer: ca.issuer, signer: ca.signer, serial: newSerial() },
    );
    const out = run(OPENSSL, ["x509", "-noout", "-subject", "-nameopt", "RFC2253,-esc_msb"], toPem("CERTIFICATE", der)).stdout.trim();
    expect(out).toBe(`subject=${formatDn(subject)}`);
    expect(parseCertificate(der).subjectString).toBe(formatDn(subject));
  });

  it("a validity ending in 2050 or later is written as GeneralizedTime and read by OpenSSL", async () => {
    const ca = await makeCa("ECDSA-P256", "Time Root");
    const { publicKey } = await generateKeyPair("ECDSA-P256");
    const der = await buildCertificate(
      { subject: [{ type: "CN", value: "long" }], subjectPublicKeySpki: spkiOf(publicKey), notBefore: new Date("2049-12-31T23:59:59Z"), notAfter: new Date("2050-01-01T00:00:00Z"), ca: null, keyUsage: ["digitalSignature"] },
      { issuer: ca.issuer, signer: ca.signer, serial: newSerial() },
    );
    const out = run(OPENSSL, ["x509", "-noout", "-dates"], toPem("CERTIFICATE", der)).stdout;
    expect(out).toContain("notBefore=Dec 31 23:59:59 2049 GMT");
    expect(out).toContain("notAfter=Jan  1 00:00:00 2050 GMT");
    const asn1 = run(OPENSSL, ["asn1parse", "-inform", "DER"], der).stdout;
    expect(asn1).toMatch(/UTCTIME\s+:491231235959Z/);
    expect(asn1).toMatch(/GENERALIZEDTIME\s+:20500101000000Z/);
  });
});
