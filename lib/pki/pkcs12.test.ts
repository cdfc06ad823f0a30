import crypto, { type KeyObject } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCertificate, buildSelfSignedCa } from "./certificate-build";
import { parseCertificate } from "./certificate-parse";
import { oid } from "./der-writer";
import { PkiError } from "./errors";
import { generateKeyPair, spkiOf } from "./keys";
import { OID } from "./oids";
import { pkcs12Kdf, bmpPassword } from "./pkcs12-crypto";
import { buildPkcs12, type Pkcs12Encryption } from "./pkcs12";
import { readPkcs12 } from "./pkcs12-read";
import { newSerial } from "./serial";
import { localSigner } from "./signer";

const NB = new Date("2025-01-01T00:00:00Z");
const NA = new Date("2030-01-01T00:00:00Z");

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof PkiError ? err.code : String(err);
  }
};

describe("PKCS#12", () => {
  let caDer: Buffer;
  const leaves: Record<"rsa" | "ec", { key: KeyObject; cert: Buffer }> = {} as never;

  beforeAll(async () => {
    const [ca, rsa, ec] = await Promise.all([generateKeyPair("ECDSA-P256"), generateKeyPair("RSA-2048"), generateKeyPair("ECDSA-P384")]);
    caDer = await buildSelfSignedCa({ subject: [{ type: "CN", value: "P12 Root" }], keyPair: ca, notBefore: NB, notAfter: NA, serial: newSerial() });
    const caInfo = parseCertificate(caDer);
    const issue = (pub: KeyObject, cn: string) =>
      buildCertificate(
        { subject: [{ type: "CN", value: cn }], subjectPublicKeySpki: spkiOf(pub), notBefore: NB, notAfter: NA, ca: null, keyUsage: ["digitalSignature"], extendedKeyUsage: ["clientAuth"] },
        { issuer: { name: caInfo.subjectDer, keyIdentifier: caInfo.subjectKeyIdentifier! }, signer: localSigner(ca.privateKey), serial: newSerial() },
      );
    leaves.rsa = { key: rsa.privateKey, cert: await issue(rsa.publicKey, "rsa user") };
    leaves.ec = { key: ec.privateKey, cert: await issue(ec.publicKey, "ec user") };
  });

  it("derives keys as RFC 7292 Appendix B does (known answer from OpenSSL's PKCS12_key_gen)", () => {
    // Vector from OpenSSL test/pkcs12_format_test / BouncyCastle PKCS12Test: password "smeg", salt 0A58CF64530D823F, 1 iteration.
    const salt = Buffer.from("0A58CF64530D823F", "hex");
    const key = pkcs12Kdf("sha1", bmpPassword("smeg"), salt, 1, 1, 24);
    expect(key.toString("hex").toUpperCase()).toBe("8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3");
    const iv = pkcs12Kdf("sha1", bmpPassword("smeg"), salt, 2, 1, 8);
    expect(iv.toString("hex").toUpperCase()).toBe("79993DFE048D3B76");
  });

  for (const encryption of ["legacy", "aes256"] as Pkcs12Encryption[]) {
    for (const kind of ["rsa", "ec"] as const) {
      it(`packs an ${kind.toUpperCase()} key with its chain in the ${encryption} profile and reads it back`, () => {
        const { key, cert } = leaves[kind];
        const p12 = buildPkcs12({ privateKey: key, certificate: cert, chain: [caDer], password: "correct horse", encryption, friendlyName: "Alice's key" });
        const has = (dotted: string) => p12.includes(oid(dotted));
        if (encryption === "legacy") {
          expect(has(OID.pbeWithSHAAnd3KeyTripleDESCBC)).toBe(true);
          expect(has(OID.pbes2)).toBe(false);
          expect(has(OID.sha1)).toBe(true); // MAC digest
        } else {
          expect(has(OID.pbes2) && has(OID.pbkdf2) && has(OID.aes256Cbc) && has(OID.hmacWithSHA256)).toBe(true);
          expect(has(OID.pbeWithSHAAnd3KeyTripleDESCBC)).toBe(false);
          expect(has(OID.sha256)).toBe(true);
        }
        expect(has(OID.localKeyId)).toBe(true);
        const out = readPkcs12(p12, "correct horse");
        expect(out.certificates).toHaveLength(2);
        expect(out.certificates[0].equals(cert)).toBe(true);
        expect(out.certificates[1].equals(caDer)).toBe(true);
        expect(out.keyCertificate?.equals(cert)).toBe(true); // paired through localKeyId
        expect(out.friendlyName).toBe("Alice's key");
        expect(spkiOf(out.privateKey).equals(spkiOf(key))).toBe(true);
        const data = Buffer.from("proof");
        expect(crypto.verify(null, data, crypto.createPublicKey(key), crypto.sign(null, data, out.privateKey))).toBe(true);
        expect(codeOf(() => readPkcs12(p12, "wrong horse"))).toBe("BAD_PASSWORD");
      });
    }
  }

  it("refuses a key that does not match the certificate, an empty password and an unknown profile", () => {
    const base = { privateKey: leaves.rsa.key, certificate: leaves.rsa.cert, chain: [caDer], password: "pw123456", encryption: "legacy" as const };
    expect(codeOf(() => buildPkcs12({ ...base, privateKey: leaves.ec.key }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => buildPkcs12({ ...base, password: "" }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => buildPkcs12({ ...base, encryption: "rc2" as "legacy" }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => buildPkcs12({ ...base, chain: [Buffer.from("nope")] }))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => readPkcs12(Buffer.alloc(0), "x"))).toBe("EMPTY_INPUT");
    expect(codeOf(() => readPkcs12(Buffer.from("3003020103", "hex"), "x"))).toBe("MALFORMED_INPUT");
  });
});
