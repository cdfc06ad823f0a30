import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCrl, parseCrl, toPem, type CrlEntryInput } from "@/lib/pki";
import { AT_TIME, NOT_AFTER, OPENSSL, issueLeaf, makeCa, run, tempDir, type TestCa, type TestLeaf } from "./oracle-helpers";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const THIS_UPDATE = new Date("2025-06-01T00:00:00Z");

describe.each(["RSA-2048", "ECDSA-P256"] as const)("OpenSSL checks CRLs signed by a %s CA", (alg) => {
  let ca: TestCa;
  let revoked: TestLeaf;
  let good: TestLeaf;
  let crlDer: Buffer;
  let caFile: string;

  beforeAll(async () => {
    ca = await makeCa(alg, `${alg} CRL Root`);
    [revoked, good] = await Promise.all([issueLeaf(ca, "client", "ECDSA-P256", "mallory"), issueLeaf(ca, "client", "ECDSA-P256", "alice")]);
    const entries: CrlEntryInput[] = [
      { serial: revoked.serialHex, revokedAt: new Date("2025-05-01T12:00:00Z"), reason: "keyCompromise" },
      { serial: "0a", revokedAt: new Date("2025-05-02T00:00:00Z"), reason: "superseded" },
      { serial: "0b", revokedAt: new Date("2025-05-03T00:00:00Z") },
    ];
    crlDer = await buildCrl({
      issuerName: ca.issuer.name,
      issuerKeyIdentifier: ca.issuer.keyIdentifier,
      signer: ca.signer,
      crlNumber: 7,
      thisUpdate: THIS_UPDATE,
      nextUpdate: NOT_AFTER,
      entries,
    });
    caFile = tmp.file(`ca-${alg}.pem`, ca.pem);
    tmp.file(`crl-${alg}.pem`, toPem("X509 CRL", crlDer));
    tmp.file(`crl-${alg}.der`, crlDer);
  });

  it("openssl crl -verify accepts the PEM form, labelled X509 CRL", () => {
    const pem = toPem("X509 CRL", crlDer);
    expect(pem.startsWith("-----BEGIN X509 CRL-----\n")).toBe(true);
    const r = run(OPENSSL, ["crl", "-in", tmp.file(`crl-${alg}.pem`), "-CAfile", caFile, "-verify", "-noout"]);
    expect(r.out).toContain("verify OK");
    expect(r.status).toBe(0);
  });

  it("openssl crl -verify accepts the DER form", () => {
    const r = run(OPENSSL, ["crl", "-inform", "DER", "-in", tmp.file(`crl-${alg}.der`), "-CAfile", caFile, "-verify", "-noout"]);
    expect(r.out).toContain("verify OK");
    expect(r.status).toBe(0);
  });

  it("openssl crl -text shows the CRL number, AKI, sorted entries and reason codes", () => {
    const t = run(OPENSSL, ["crl", "-inform", "DER", "-in", tmp.file(`crl-${alg}.der`), "-noout", "-text"]).stdout;
    expect(t).toContain("Version 2 (0x1)");
    expect(t).toMatch(/X509v3 CRL Number:\s+7/);
    const aki = ca.issuer.keyIdentifier.toString("hex").toUpperCase().match(/../g)!.join(":");
    expect(t).toMatch(new RegExp(`X509v3 Authority Key Identifier:\\s+(keyid:)?${aki}`));
    const serials = [...t.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1]);
    expect(serials).toEqual(["0A", "0B", revoked.serialHex.toUpperCase()]);
    expect(t).toMatch(new RegExp(`Serial Number: ${revoked.serialHex.toUpperCase()}\\s+Revocation Date: May  1 12:00:00 2025 GMT\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Key Compromise`));
    expect(t).toMatch(/Serial Number: 0A\s+Revocation Date: May  2 00:00:00 2025 GMT\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+Superseded/);
    expect(t).toMatch(/Serial Number: 0B\s+Revocation Date: May  3 00:00:00 2025 GMT\s+Serial Number/);
    expect(parseCrl(crlDer).entryCount).toBe(3);
  });

  it("openssl verify -crl_check reports the revoked certificate and passes the other one", () => {
    const crlFile = tmp.file(`crl-${alg}.pem`);
    const check = (leaf: TestLeaf) =>
      run(OPENSSL, ["verify", "-x509_strict", "-crl_check", "-attime", String(AT_TIME), "-CAfile", caFile, "-CRLfile", crlFile, tmp.file(`leaf-${leaf.serialHex}.pem`, leaf.pem)]);
    const bad = check(revoked);
    expect(bad.status).not.toBe(0);
    expect(bad.out).toContain("certificate revoked");
    const ok = check(good);
    expect(ok.out).toContain(": OK");
    expect(ok.status).toBe(0);
  });

  it("openssl refuses a CRL whose bytes were altered", () => {
    const tampered = Buffer.from(crlDer);
    tampered[tampered.indexOf(Buffer.from("0a0101", "hex")) + 2] = 0x05;
    const r = run(OPENSSL, ["crl", "-inform", "DER", "-in", tmp.file(`tampered-${alg}.der`, tampered), "-CAfile", caFile, "-verify", "-noout"]);
    expect(r.out).toMatch(/verify (failure|fail)/i);
  });
});

describe("OpenSSL reads large CRLs built by lib/pki", () => {
  it("a 20,000-entry CRL verifies and lists every entry", async () => {
    const ca = await makeCa("ECDSA-P256", "Large CRL Root");
    const entries = Array.from({ length: 20_000 }, (_, i) => ({
      serial: (0x100000 + i * 7).toString(16),
      revokedAt: new Date(THIS_UPDATE.getTime() - i * 1000),
      reason: i % 2 ? ("keyCompromise" as const) : undefined,
    })).reverse();
    const der = await buildCrl({ issuerName: ca.issuer.name, issuerKeyIdentifier: ca.issuer.keyIdentifier, signer: ca.signer, crlNumber: 1, thisUpdate: THIS_UPDATE, nextUpdate: NOT_AFTER, entries });
    const r = run(OPENSSL, ["crl", "-inform", "DER", "-in", tmp.file("large.der", der), "-CAfile", tmp.file("large-ca.pem", ca.pem), "-verify", "-text", "-noout"]);
    expect(r.out).toContain("verify OK");
    const serials = [...r.stdout.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => parseInt(m[1], 16));
    expect(serials).toHaveLength(20_000);
    expect(serials.every((s, i) => i === 0 || s > serials[i - 1])).toBe(true);
  });
});
