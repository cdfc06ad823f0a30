import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPkcs12, readPkcs12, spkiOf, type KeyAlgorithm, type Pkcs12Encryption } from "@/lib/pki";
import { OPENSSL, issueLeaf, makeCa, run, tempDir, type TestCa, type TestLeaf } from "./oracle-helpers";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const PASSWORD = "Sup3r secret!";

describe("OpenSSL opens PKCS#12 files built by lib/pki", () => {
  let ca: TestCa;
  const leaves = {} as Record<KeyAlgorithm, TestLeaf>;

  beforeAll(async () => {
    ca = await makeCa("RSA-2048", "P12 Root");
    for (const alg of ["RSA-2048", "ECDSA-P256", "ECDSA-P384"] as const) leaves[alg] = await issueLeaf(ca, "client", alg, `user-${alg.toLowerCase()}`);
  });

  describe.each([
    ["legacy", /MAC: sha1, Iteration 2048/, /pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048/],
    ["aes256", /MAC: sha256, Iteration 2048/, /PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/],
  ] as const)("%s profile", (encryption, macLine, pbeLine) => {
    it.each(["RSA-2048", "ECDSA-P256", "ECDSA-P384"] as const)("holds the %s key, its certificate and the CA", (alg) => {
      const leaf = leaves[alg];
      const p12 = buildPkcs12({ privateKey: leaf.key, certificate: leaf.der, chain: [ca.der], password: PASSWORD, encryption: encryption as Pkcs12Encryption, friendlyName: "Inkan user" });
      const file = tmp.file(`${encryption}-${alg}.p12`, p12);
      const r = run(OPENSSL, ["pkcs12", "-info", "-in", file, "-passin", `pass:${PASSWORD}`, "-nodes"]);
      expect(r.status).toBe(0);
      expect(r.out).toMatch(macLine);
      expect(r.out).toMatch(pbeLine);
      expect(r.out.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
      expect(r.out.match(/-----BEGIN PRIVATE KEY-----/g)).toHaveLength(1);
      expect(r.out).toContain(leaf.pem.trim());
      expect(r.out).toContain(ca.pem.trim());
      // localKeyID pairs key and certificate; friendlyName is shown on both bags.
      const ids = [...r.out.matchAll(/localKeyID: ([0-9A-F ]+)/g)].map((m) => m[1].trim());
      expect(ids).toHaveLength(2);
      expect(ids[0]).toBe(ids[1]);
      expect(r.out.match(/friendlyName: Inkan user/g)).toHaveLength(2);

      // -clcerts selects the certificate matching the key: the leaf, not the CA.
      const cl = run(OPENSSL, ["pkcs12", "-in", file, "-passin", `pass:${PASSWORD}`, "-clcerts", "-nokeys"]);
      expect(cl.stdout).toContain(leaf.pem.trim());
      expect(cl.stdout).not.toContain(ca.pem.trim());

      // The extracted key is the leaf's key.
      const key = run(OPENSSL, ["pkcs12", "-in", file, "-passin", `pass:${PASSWORD}`, "-nocerts", "-nodes"]);
      const pub = run(OPENSSL, ["pkey", "-pubout"], key.stdout.slice(key.stdout.indexOf("-----BEGIN"))).stdout;
      expect(pub).toBe(run(OPENSSL, ["x509", "-noout", "-pubkey"], leaf.pem).stdout);
    });

    it("refuses the wrong password", () => {
      const leaf = leaves["ECDSA-P256"];
      const p12 = buildPkcs12({ privateKey: leaf.key, certificate: leaf.der, chain: [ca.der], password: PASSWORD, encryption: encryption as Pkcs12Encryption });
      const r = run(OPENSSL, ["pkcs12", "-info", "-in", tmp.file(`wrong-${encryption}.p12`, p12), "-passin", "pass:not the password", "-nodes"]);
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/Mac verify error|invalid password/i);
    });
  });

  it("readPkcs12 opens files made by openssl pkcs12 -export (AES default and 3DES/SHA-1)", () => {
    const leaf = leaves["ECDSA-P256"];
    const keyFile = tmp.file("export-key.pem", leaf.key.export({ type: "pkcs8", format: "pem" }) as string);
    const certFile = tmp.file("export-cert.pem", leaf.pem);
    const caFile = tmp.file("export-ca.pem", ca.pem);
    const variants = [[], ["-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1"]];
    for (const extra of variants) {
      const out = tmp.file(`export-${extra.length}.p12`);
      const r = run(OPENSSL, ["pkcs12", "-export", "-inkey", keyFile, "-in", certFile, "-certfile", caFile, "-passout", `pass:${PASSWORD}`, "-out", out, ...extra]);
      expect(r.status).toBe(0);
      const read = readPkcs12(fs.readFileSync(out), PASSWORD);
      expect(spkiOf(read.privateKey).equals(spkiOf(leaf.key))).toBe(true);
      expect(read.keyCertificate?.equals(leaf.der)).toBe(true);
      expect(read.certificates).toHaveLength(2);
    }
  });
});
