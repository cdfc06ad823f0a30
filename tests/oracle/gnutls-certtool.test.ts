/**
 * GnuTLS certtool as a second, independent verifier. CI installs gnutls-bin; when it is
 * missing there the suite fails loudly, elsewhere it is skipped with a notice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCrl, buildPkcs12, toPem } from "@/lib/pki";
import { NOT_AFTER, findCerttool, issueLeaf, makeCa, run, tempDir, type TestCa, type TestLeaf } from "./oracle-helpers";

const CERTTOOL = findCerttool();
const tmp = tempDir();
afterAll(() => tmp.cleanup());

if (!CERTTOOL && process.env.CI) {
  describe("GnuTLS certtool", () => {
    it("is installed (apt-get install -y gnutls-bin)", () => {
      throw new Error("certtool from gnutls-bin is required in CI for the second-oracle tests: install it with `apt-get install -y gnutls-bin`.");
    });
  });
} else if (!CERTTOOL) {
  console.warn("certtool (gnutls-bin) is not installed: skipping the GnuTLS oracle tests. Install it with `apt-get install -y gnutls-bin`.");
}

describe.skipIf(!CERTTOOL).each(["RSA-3072", "ECDSA-P384"] as const)("GnuTLS certtool accepts artefacts from a %s CA", (alg) => {
  const certtool = (args: string[]) => run(CERTTOOL!, args);
  let ca: TestCa;
  let client: TestLeaf;
  let server: TestLeaf;
  let revoked: TestLeaf;
  let caFile: string;
  let crlFile: string;

  beforeAll(async () => {
    ca = await makeCa(alg, `${alg} GnuTLS Root`);
    [client, server, revoked] = await Promise.all([
      issueLeaf(ca, "client", "ECDSA-P256", "alice"),
      issueLeaf(ca, "server", "RSA-2048", "www.example.com"),
      issueLeaf(ca, "client", "ECDSA-P256", "mallory"),
    ]);
    caFile = tmp.file(`ca-${alg}.pem`, ca.pem);
    const crl = await buildCrl({
      issuerName: ca.issuer.name,
      issuerKeyIdentifier: ca.issuer.keyIdentifier,
      signer: ca.signer,
      crlNumber: 3,
      thisUpdate: new Date("2025-06-01T00:00:00Z"),
      nextUpdate: NOT_AFTER,
      entries: [{ serial: revoked.serialHex, revokedAt: new Date("2025-05-01T00:00:00Z"), reason: "keyCompromise" }],
    });
    crlFile = tmp.file(`crl-${alg}.pem`, toPem("X509 CRL", crl));
  });

  it("verifies the client certificate for TLS client auth", () => {
    const r = certtool(["--verify", "--load-ca-certificate", caFile, "--verify-purpose", "1.3.6.1.5.5.7.3.2", "--infile", tmp.file(`client-${alg}.pem`, client.pem)]);
    expect(r.out).toContain("Chain verification output: Verified.");
    expect(r.status).toBe(0);
  });

  it("verifies the server certificate for its host name and TLS server auth", () => {
    const r = certtool(["--verify", "--load-ca-certificate", caFile, "--verify-hostname", "www.example.com", "--verify-purpose", "1.3.6.1.5.5.7.3.1", "--infile", tmp.file(`server-${alg}.pem`, server.pem)]);
    expect(r.out).toContain("Chain verification output: Verified.");
    expect(r.status).toBe(0);
    const wrongHost = certtool(["--verify", "--load-ca-certificate", caFile, "--verify-hostname", "evil.example.net", "--infile", tmp.file(`server-${alg}.pem`)]);
    expect(wrongHost.out).toContain("Not verified");
  });

  it("verifies the CRL signature", () => {
    const r = certtool(["--verify-crl", "--load-ca-certificate", caFile, "--infile", crlFile]);
    expect(r.out).toContain("Verification output: Verified.");
    expect(r.status).toBe(0);
    const info = certtool(["--crl-info", "--infile", crlFile]).out;
    expect(info).toMatch(/Revoked certificates \(1\)/);
    expect(info).toContain(revoked.serialHex);
  });

  it("reports the revoked certificate as revoked and keeps the other one verified", () => {
    const bad = certtool(["--verify", "--load-ca-certificate", caFile, "--load-crl", crlFile, "--infile", tmp.file(`revoked-${alg}.pem`, revoked.pem)]);
    expect(bad.out).toMatch(/revoked/i);
    expect(bad.out).toContain("Not verified");
    const ok = certtool(["--verify", "--load-ca-certificate", caFile, "--load-crl", crlFile, "--infile", tmp.file(`client-${alg}.pem`)]);
    expect(ok.out).toContain("Chain verification output: Verified.");
  });

  it.each(["legacy", "aes256"] as const)("opens the %s PKCS#12 file and refuses a wrong password", (encryption) => {
    const p12 = buildPkcs12({ privateKey: client.key, certificate: client.der, chain: [ca.der], password: "gnutls pass", encryption, friendlyName: "alice" });
    const file = tmp.file(`${encryption}-${alg}.p12`, p12);
    const r = certtool(["--p12-info", "--inder", "--password", "gnutls pass", "--infile", file]);
    expect(r.status).toBe(0);
    expect(r.out.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(r.out).toContain(encryption === "legacy" ? "PKCS12-3DES-SHA1" : "PBES2-AES256-CBC");
    expect(r.out).toContain(encryption === "legacy" ? "MAC: SHA1" : "MAC: SHA256");
    expect(r.out.match(/Friendly name: alice/g)).toHaveLength(2);
    const keyIds = [...r.out.matchAll(/Key ID: ([0-9A-F:]+)/g)].map((m) => m[1]);
    expect(keyIds).toHaveLength(2);
    expect(keyIds[0]).toBe(keyIds[1]);
    // certtool lists the key still encrypted; decrypt it separately and match it to the certificate.
    const encrypted = r.out.slice(r.out.indexOf("-----BEGIN ENCRYPTED PRIVATE KEY-----"), r.out.indexOf("-----END ENCRYPTED PRIVATE KEY-----") + 35);
    const keyInfo = certtool(["--key-info", "--pkcs8", "--password", "gnutls pass", "--infile", tmp.file(`${encryption}-${alg}.p8`, encrypted + "\n")]);
    expect(keyInfo.status).toBe(0);
    const certInfo = certtool(["-i", "--infile", tmp.file(`client-${alg}.pem`)]).out;
    const sha256Id = (text: string) => /sha256:([0-9a-f]{64})/.exec(text.slice(text.indexOf("Public Key ID")))?.[1];
    expect(sha256Id(keyInfo.out)).toBeDefined();
    expect(sha256Id(keyInfo.out)).toBe(sha256Id(certInfo));
    const wrong = certtool(["--p12-info", "--inder", "--password", "nope", "--infile", file]);
    expect(wrong.status).not.toBe(0);
  });
});
