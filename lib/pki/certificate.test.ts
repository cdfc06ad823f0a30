import crypto, { type KeyObject } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCertificate, buildSelfSignedCa, type CertificateProfile } from "./certificate-build";
import { parseCertificate, verifyCertificateSignature } from "./certificate-parse";
import { DerReader, decodeBoolean, decodeOid, readTop } from "./der-reader";
import { TAG } from "./der-writer";
import { PkiError } from "./errors";
import { generateKeyPair, spkiOf, subjectKeyIdentifier } from "./keys";
import { toPem } from "./pem";
import { newSerial, serialToHex } from "./serial";
import { localSigner, type Signer } from "./signer";

const NOT_BEFORE = new Date("2025-01-01T00:00:00Z");
const NOT_AFTER = new Date("2027-01-01T00:00:00Z");

async function rejectsWith(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return err instanceof PkiError ? err.code : String(err);
  }
  return undefined;
}

/** Extension OIDs with their critical flag, read straight from the DER. */
function extensionFlags(der: Buffer): Record<string, boolean> {
  const cert = DerReader.inside(der, readTop(der, TAG.SEQUENCE, "cert"));
  const tbs = cert.enter(TAG.SEQUENCE);
  let t = tbs.next();
  while (t.tag !== 0xa3) t = tbs.next();
  const exts = DerReader.inside(der, t).enter(TAG.SEQUENCE);
  const out: Record<string, boolean> = {};
  while (!exts.done) {
    const e = exts.enter(TAG.SEQUENCE);
    const id = decodeOid(der, e.next(TAG.OID));
    const c = e.optional(TAG.BOOLEAN);
    out[id] = c ? decodeBoolean(der, c) : false;
  }
  return out;
}

/** Tag bytes of notBefore and notAfter. */
function validityTags(der: Buffer): number[] {
  const tbs = DerReader.inside(der, readTop(der, TAG.SEQUENCE, "cert")).enter(TAG.SEQUENCE);
  tbs.next(0xa0);
  tbs.next(TAG.INTEGER);
  tbs.next(TAG.SEQUENCE);
  tbs.next(TAG.SEQUENCE);
  const v = tbs.enter(TAG.SEQUENCE);
  return [v.next().tag, v.next().tag];
}

describe("certificates", () => {
  let rsaCa: { key: KeyObject; signer: Signer; der: Buffer };
  let ecCa: { key: KeyObject; signer: Signer; der: Buffer };
  let leafKey: { privateKey: KeyObject; publicKey: KeyObject };

  beforeAll(async () => {
    const [rsa, ec, leaf] = await Promise.all([generateKeyPair("RSA-2048"), generateKeyPair("ECDSA-P384"), generateKeyPair("ECDSA-P256")]);
    leafKey = leaf;
    const subject = (cn: string) => [{ type: "C" as const, value: "JP" }, { type: "O" as const, value: "Inkan Test" }, { type: "CN" as const, value: cn }];
    rsaCa = {
      key: rsa.privateKey,
      signer: localSigner(rsa.privateKey),
      der: await buildSelfSignedCa({ subject: subject("RSA Root"), keyPair: rsa, notBefore: NOT_BEFORE, notAfter: new Date("2045-01-01T00:00:00Z"), serial: newSerial(), pathLength: 1 }),
    };
    ecCa = {
      key: ec.privateKey,
      signer: localSigner(ec.privateKey),
      der: await buildSelfSignedCa({ subject: subject("EC Root"), signer: localSigner(ec.privateKey), notBefore: NOT_BEFORE, notAfter: new Date("2060-01-01T00:00:00Z"), serial: newSerial() }),
    };
  });

  function leafProfile(over: Partial<CertificateProfile> = {}): CertificateProfile {
    return {
      subject: [{ type: "O", value: "Inkan Test" }, { type: "CN", value: "alice" }],
      subjectPublicKeySpki: spkiOf(leafKey.publicKey),
      notBefore: NOT_BEFORE,
      notAfter: NOT_AFTER,
      ca: null,
      keyUsage: ["digitalSignature"],
      extendedKeyUsage: ["clientAuth"],
      subjectAltNames: { email: ["alice@example.com"] },
      crlDistributionPoints: ["http://pki.example.com/crl/ia1_crl.der"],
      ...over,
    };
  }

  function issuerOf(ca: { der: Buffer; signer: Signer }) {
    const info = parseCertificate(ca.der);
    return { issuer: { name: info.subjectDer, keyIdentifier: info.subjectKeyIdentifier! }, signer: ca.signer };
  }

  it("builds a self-signed root with CA:TRUE, pathLength, keyCertSign/cRLSign and AKI = SKI", () => {
    const info = parseCertificate(rsaCa.der);
    expect(info.version).toBe(3);
    expect(info.isCa).toBe(true);
    expect(info.pathLength).toBe(1);
    expect(info.keyUsage).toEqual(["digitalSignature", "keyCertSign", "cRLSign"]);
    expect(info.subjectString).toBe("CN=RSA Root,O=Inkan Test,C=JP");
    expect(info.issuerString).toBe(info.subjectString);
    expect(info.subjectKeyIdentifier!.equals(subjectKeyIdentifier(rsaCa.signer.publicKeySpki))).toBe(true);
    expect(info.authorityKeyIdentifier!.equals(info.subjectKeyIdentifier!)).toBe(true);
    expect(info.signatureAlgorithm).toBe("sha256WithRSAEncryption");
    expect(info.key).toEqual({ type: "rsa", bits: 2048, keyAlgorithm: "RSA-2048" });
    expect(verifyCertificateSignature(rsaCa.der, rsaCa.signer.publicKeySpki)).toBe(true);
    expect(parseCertificate(ecCa.der).signatureAlgorithm).toBe("ecdsa-with-SHA384");
    expect(parseCertificate(ecCa.der).pathLength).toBeUndefined();
    const flags = extensionFlags(rsaCa.der);
    expect(flags["2.5.29.19"]).toBe(true);
    expect(flags["2.5.29.15"]).toBe(true);
  });

  it("issues a client certificate carrying exactly the profile", async () => {
    const serial = newSerial();
    const der = await buildCertificate(leafProfile(), { ...issuerOf(rsaCa), serial });
    const info = parseCertificate(der);
    const caInfo = parseCertificate(rsaCa.der);
    expect(info.serialHex).toBe(serialToHex(serial));
    expect(info.subject).toEqual([{ type: "O", value: "Inkan Test" }, { type: "CN", value: "alice" }]);
    expect(info.subjectString).toBe("CN=alice,O=Inkan Test");
    expect(info.issuerDer.equals(caInfo.subjectDer)).toBe(true);
    expect(info.notBefore).toEqual(NOT_BEFORE);
    expect(info.notAfter).toEqual(NOT_AFTER);
    expect(info.isCa).toBe(false);
    expect(info.keyUsage).toEqual(["digitalSignature"]);
    expect(info.extendedKeyUsage).toEqual(["clientAuth"]);
    expect(info.subjectAltNames).toEqual({ dns: [], email: ["alice@example.com"], ip: [], uri: [], otherCount: 0 });
    expect(info.crlDistributionPoints).toEqual(["http://pki.example.com/crl/ia1_crl.der"]);
    expect(info.subjectKeyIdentifier!.equals(subjectKeyIdentifier(spkiOf(leafKey.publicKey)))).toBe(true);
    expect(info.authorityKeyIdentifier!.equals(caInfo.subjectKeyIdentifier!)).toBe(true);
    expect(info.key.keyAlgorithm).toBe("ECDSA-P256");
    expect(info.unknownExtensions).toEqual([]);
    expect(info.sha256Fingerprint).toBe(crypto.createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g)!.join(":"));
    expect(info.sha1Fingerprint).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    const flags = extensionFlags(der);
    expect(flags).toEqual({
      "2.5.29.19": true, // basicConstraints CA:FALSE, critical
      "2.5.29.15": true, // keyUsage, critical
      "2.5.29.37": false,
      "2.5.29.14": false,
      "2.5.29.35": false,
      "2.5.29.17": false,
      "2.5.29.31": false,
    });
    expect(verifyCertificateSignature(der, rsaCa.signer.publicKeySpki)).toBe(true);
    expect(verifyCertificateSignature(der, ecCa.signer.publicKeySpki)).toBe(false);
    expect(parseCertificate(toPem("CERTIFICATE", der)).serialHex).toBe(info.serialHex);
  });

  it("issues server certificates with DNS and IP names from an ECDSA CA", async () => {
    const der = await buildCertificate(
      leafProfile({
        subject: [{ type: "CN", value: "www.example.com" }],
        extendedKeyUsage: ["serverAuth"],
        subjectAltNames: { dns: ["www.example.com", "*.example.com"], ip: ["192.0.2.1", "2001:db8::1"] },
      }),
      { ...issuerOf(ecCa), serial: newSerial() },
    );
    const info = parseCertificate(der);
    expect(info.subjectAltNames.dns).toEqual(["www.example.com", "*.example.com"]);
    expect(info.subjectAltNames.ip).toEqual(["192.0.2.1", "2001:db8::1"]);
    expect(info.signatureAlgorithm).toBe("ecdsa-with-SHA384");
    expect(verifyCertificateSignature(der, ecCa.signer.publicKeySpki)).toBe(true);
  });

  it("uses UTCTime up to 2049 and GeneralizedTime from 2050 in validity", async () => {
    expect(validityTags(rsaCa.der)).toEqual([TAG.UTC_TIME, TAG.UTC_TIME]);
    expect(validityTags(ecCa.der)).toEqual([TAG.UTC_TIME, TAG.GENERALIZED_TIME]);
    expect(parseCertificate(ecCa.der).notAfter).toEqual(new Date("2060-01-01T00:00:00Z"));
  });

  it("marks SAN critical when the subject is empty (RFC 5280 §4.2.1.6)", async () => {
    const der = await buildCertificate(leafProfile({ subject: [] }), { ...issuerOf(rsaCa), serial: newSerial() });
    expect(extensionFlags(der)["2.5.29.17"]).toBe(true);
    expect(parseCertificate(der).subjectString).toBe("");
  });

  it("issues an intermediate CA with pathLength 0", async () => {
    const sub = await generateKeyPair("ECDSA-P256");
    const der = await buildCertificate(
      leafProfile({ subjectPublicKeySpki: spkiOf(sub.publicKey), ca: { pathLength: 0 }, keyUsage: ["keyCertSign", "cRLSign"], extendedKeyUsage: [] }),
      { ...issuerOf(rsaCa), serial: newSerial() },
    );
    const info = parseCertificate(der);
    expect(info.isCa).toBe(true);
    expect(info.pathLength).toBe(0);
  });

  it("refuses profiles that break RFC 5280 rules, with INVALID_ARGUMENT or the key's code", async () => {
    const ctx = () => ({ ...issuerOf(rsaCa), serial: newSerial() });
    const weak = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
    const cases: [Partial<CertificateProfile>, string][] = [
      [{ notAfter: NOT_BEFORE }, "INVALID_ARGUMENT"],
      [{ keyUsage: ["digitalSignature", "keyCertSign"] }, "INVALID_ARGUMENT"],
      [{ ca: {}, keyUsage: ["digitalSignature"] }, "INVALID_ARGUMENT"],
      [{ ca: { pathLength: -1 }, keyUsage: ["keyCertSign"] }, "INVALID_ARGUMENT"],
      [{ keyUsage: [] }, "INVALID_ARGUMENT"],
      [{ subject: [], subjectAltNames: {} }, "INVALID_ARGUMENT"],
      [{ subjectAltNames: { dns: ["bad_name.example.com"] } }, "INVALID_ARGUMENT"],
      [{ subjectAltNames: { email: ["not-an-email"] } }, "INVALID_ARGUMENT"],
      [{ subjectAltNames: { ip: ["300.1.1.1"] } }, "INVALID_ARGUMENT"],
      [{ crlDistributionPoints: ["not a uri"] }, "INVALID_ARGUMENT"],
      [{ extendedKeyUsage: ["fooAuth"] }, "INVALID_ARGUMENT"],
      [{ subjectPublicKeySpki: spkiOf(weak.publicKey) }, "WEAK_KEY"],
      [{ subjectPublicKeySpki: Buffer.from("3000", "hex") }, "MALFORMED_INPUT"],
    ];
    for (const [over, code] of cases) {
      expect([JSON.stringify(Object.keys(over)), await rejectsWith(buildCertificate(leafProfile(over), ctx()))]).toEqual([JSON.stringify(Object.keys(over)), code]);
    }
    expect(await rejectsWith(buildCertificate(leafProfile(), { ...ctx(), serial: Buffer.from([0x80]) }))).toBe("INVALID_ARGUMENT");
    const kid = parseCertificate(rsaCa.der).subjectKeyIdentifier!;
    expect(await rejectsWith(buildCertificate(leafProfile(), { ...ctx(), issuer: { name: Buffer.from("3003", "hex"), keyIdentifier: kid } }))).toBe("MALFORMED_INPUT");
    expect(await rejectsWith(buildCertificate(leafProfile(), { ...ctx(), issuer: { name: [{ type: "CN", value: "x" }], keyIdentifier: Buffer.alloc(0) } }))).toBe("INVALID_ARGUMENT");
  });

  it("reports empty, garbage and tampered certificates precisely", () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as PkiError).code;
      }
    };
    expect(codeOf(() => parseCertificate(Buffer.alloc(0)))).toBe("EMPTY_INPUT");
    expect(codeOf(() => parseCertificate(Buffer.from("hello world")))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => parseCertificate(rsaCa.der.subarray(0, 100)))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => parseCertificate("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"))).toBe("MALFORMED_INPUT");
    const tampered = Buffer.from(rsaCa.der);
    tampered[tampered.length - 5] ^= 1;
    expect(verifyCertificateSignature(tampered, rsaCa.signer.publicKeySpki)).toBe(false);
  });
});
