import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCrl, type CrlParams } from "./crl-build";
import { parseCrl, verifyCrlSignature } from "./crl-parse";
import { DerReader, decodeBigInt, decodeOid, decodeTime, integerBytes, readTop } from "./der-reader";
import { TAG } from "./der-writer";
import { PkiError } from "./errors";
import { generateKeyPair, subjectKeyIdentifier } from "./keys";
import { decodeName, encodeName } from "./names";
import { toPem } from "./pem";
import { newSerial, serialFromHex, serialToHex } from "./serial";
import { localSigner, type Signer } from "./signer";
import type { RevocationReason } from "./types";

const THIS_UPDATE = new Date("2025-06-01T00:00:00Z");
const NEXT_UPDATE = new Date("2025-06-08T00:00:00Z");
const ISSUER = [{ type: "O" as const, value: "Inkan Test" }, { type: "CN" as const, value: "Root" }];

async function rejectsWith(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return err instanceof PkiError ? err.code : String(err);
  }
  return undefined;
}

describe("CRLs", () => {
  let signer: Signer;
  let keyId: Buffer;
  const params = (over: Partial<CrlParams> = {}): CrlParams => ({
    issuerName: ISSUER,
    issuerKeyIdentifier: keyId,
    signer,
    crlNumber: 42,
    thisUpdate: THIS_UPDATE,
    nextUpdate: NEXT_UPDATE,
    entries: [],
    ...over,
  });

  beforeAll(async () => {
    const kp = await generateKeyPair("ECDSA-P256");
    signer = localSigner(kp.privateKey);
    keyId = subjectKeyIdentifier(signer.publicKeySpki);
  });

  it("has the RFC 5280 §5.1 structure byte by byte: v2, sorted entries, reason codes, CRL number and AKI", async () => {
    const reasons: (RevocationReason | undefined)[] = ["keyCompromise", undefined, "unspecified", "superseded", "cessationOfOperation", "certificateHold", "privilegeWithdrawn", "aACompromise", "cACompromise", "affiliationChanged"];
    const entries = [
      { serial: "ff", revokedAt: new Date("2025-05-01T10:00:00Z"), reason: reasons[0] },
      { serial: "01", revokedAt: new Date("2025-05-02T10:00:00Z"), reason: reasons[1] },
      { serial: serialFromHex("7f"), revokedAt: new Date("2025-05-03T10:00:00Z"), reason: reasons[2] },
      { serial: "0100", revokedAt: new Date("2025-05-04T10:00:00Z"), reason: reasons[3] },
      { serial: "80", revokedAt: new Date("2025-05-05T10:00:00Z"), reason: reasons[4] },
      { serial: "00000002", revokedAt: new Date("2025-05-06T10:00:00Z"), reason: reasons[5] },
      { serial: "7fffffffffffffffffffffffffffffffffffffff", revokedAt: new Date("2055-05-07T10:00:00Z"), reason: reasons[6] },
      { serial: "ABCDEF", revokedAt: new Date("2025-05-08T10:00:00Z"), reason: reasons[7] },
      { serial: "abcdee", revokedAt: new Date("2025-05-09T10:00:00Z"), reason: reasons[8] },
      { serial: "fe", revokedAt: new Date("2025-05-10T10:00:00Z"), reason: reasons[9] },
    ];
    const der = await buildCrl(params({ entries }));

    const outer = DerReader.inside(der, readTop(der, TAG.SEQUENCE, "CRL"));
    const tbsTlv = outer.next(TAG.SEQUENCE);
    const tbs = DerReader.inside(der, tbsTlv);
    expect(decodeBigInt(der, tbs.next(TAG.INTEGER))).toBe(1n); // v2
    const alg = tbs.enter(TAG.SEQUENCE);
    expect(decodeOid(der, alg.next(TAG.OID))).toBe("1.2.840.10045.4.3.2");
    alg.expectEnd("alg");
    const issuer = tbs.next(TAG.SEQUENCE);
    expect(der.subarray(issuer.start, issuer.end).equals(encodeName(ISSUER))).toBe(true);
    expect(decodeTime(der, tbs.next(TAG.UTC_TIME))).toEqual(THIS_UPDATE);
    expect(decodeTime(der, tbs.next(TAG.UTC_TIME))).toEqual(NEXT_UPDATE);

    const revoked = tbs.enter(TAG.SEQUENCE);
    const seen: { serial: string; tag: number; reason: number | null }[] = [];
    while (!revoked.done) {
      const entry = revoked.enter(TAG.SEQUENCE);
      const serial = integerBytes(der, entry.next(TAG.INTEGER)).toString("hex");
      const timeTag = entry.next().tag;
      let reason: number | null = null;
      if (!entry.done) {
        const exts = entry.enter(TAG.SEQUENCE);
        const ext = exts.enter(TAG.SEQUENCE);
        exts.expectEnd("one entry extension");
        expect(decodeOid(der, ext.next(TAG.OID))).toBe("2.5.29.21");
        const value = DerReader.inside(der, ext.next(TAG.OCTET_STRING));
        const en = value.next(TAG.ENUMERATED);
        reason = der[en.contentStart];
        ext.expectEnd("reasonCode (not critical)");
      }
      entry.expectEnd("entry");
      seen.push({ serial, tag: timeTag, reason });
    }
    expect(seen.map((s) => s.serial)).toEqual(["01", "02", "7f", "0080", "00fe", "00ff", "0100", "00abcdee", "00abcdef", "7fffffffffffffffffffffffffffffffffffffff"]);
    // Ascending numerically.
    const values = seen.map((s) => BigInt("0x" + s.serial));
    expect([...values].sort((a, b) => (a < b ? -1 : 1))).toEqual(values);
    const bySerial = Object.fromEntries(seen.map((s) => [s.serial, s.reason]));
    expect(bySerial).toEqual({
      "00ff": 1, // keyCompromise
      "01": null, // no reason given
      "7f": null, // unspecified is omitted (RFC 5280 §5.3.1)
      "0100": 4,
      "0080": 5,
      "02": 6,
      "7fffffffffffffffffffffffffffffffffffffff": 9,
      "00abcdef": 10,
      "00abcdee": 2,
      "00fe": 3,
    });
    expect(seen.find((s) => s.serial.startsWith("7fff"))!.tag).toBe(TAG.GENERALIZED_TIME); // 2055

    const extWrap = DerReader.inside(der, tbs.next(0xa0));
    tbs.expectEnd("tbsCertList");
    const exts = extWrap.enter(TAG.SEQUENCE);
    const found: Record<string, Buffer> = {};
    while (!exts.done) {
      const e = exts.enter(TAG.SEQUENCE);
      const id = decodeOid(der, e.next(TAG.OID));
      expect(e.peekTag()).toBe(TAG.OCTET_STRING); // non-critical: BOOLEAN omitted (DER default)
      const v = e.next(TAG.OCTET_STRING);
      found[id] = der.subarray(v.contentStart, v.end);
    }
    expect(Object.keys(found)).toEqual(["2.5.29.35", "2.5.29.20"]);
    expect(found["2.5.29.20"].toString("hex")).toBe("02012a"); // CRLNumber 42
    expect(found["2.5.29.35"].equals(Buffer.concat([Buffer.from([0x30, 22, 0x80, 20]), keyId]))).toBe(true);

    expect(decodeOid(der, outer.enter(TAG.SEQUENCE).next(TAG.OID))).toBe("1.2.840.10045.4.3.2");
    outer.next(TAG.BIT_STRING);
    outer.expectEnd("CRL");
    expect(verifyCrlSignature(der, signer.publicKeySpki)).toBe(true);
  });

  it("parses back what it builds, lazily, from DER or PEM", async () => {
    const serials = Array.from({ length: 2000 }, () => newSerial());
    const entries = serials.map((serial, i) => ({ serial, revokedAt: new Date(THIS_UPDATE.getTime() - i * 60_000), reason: (i % 2 ? "superseded" : undefined) as RevocationReason | undefined }));
    const der = await buildCrl(params({ entries, crlNumber: 2n ** 100n }));
    for (const input of [der, toPem("X509 CRL", der)]) {
      const crl = parseCrl(input);
      expect(crl.version).toBe(2);
      expect(crl.issuerString).toBe("CN=Root,O=Inkan Test");
      expect(crl.issuer).toEqual(ISSUER);
      expect(crl.crlNumber).toBe(2n ** 100n);
      expect(crl.authorityKeyIdentifier!.equals(keyId)).toBe(true);
      expect(crl.thisUpdate).toEqual(THIS_UPDATE);
      expect(crl.nextUpdate).toEqual(NEXT_UPDATE);
      expect(crl.entryCount).toBe(2000);
      expect(crl.signatureAlgorithm).toBe("ecdsa-with-SHA256");
      const parsed = [...crl.entries()];
      const expected = entries
        .map((e) => ({ serialHex: serialToHex(e.serial), revokedAt: e.revokedAt, ...(e.reason ? { reason: e.reason } : {}) }))
        .sort((a, b) => (a.serialHex < b.serialHex ? -1 : 1));
      expect(parsed).toEqual(expected);
    }
    expect(verifyCrlSignature(toPem("X509 CRL", der), signer.publicKeySpki)).toBe(true);
  });

  it("omits revokedCertificates when there are no entries (RFC 5280 §5.1.2.6)", async () => {
    const der = await buildCrl(params({ crlNumber: 0 }));
    const tbs = DerReader.inside(der, readTop(der, TAG.SEQUENCE, "CRL")).enter(TAG.SEQUENCE);
    const tags: number[] = [];
    while (!tbs.done) tags.push(tbs.next().tag);
    expect(tags).toEqual([TAG.INTEGER, TAG.SEQUENCE, TAG.SEQUENCE, TAG.UTC_TIME, TAG.UTC_TIME, 0xa0]);
    const crl = parseCrl(der);
    expect(crl.entryCount).toBe(0);
    expect([...crl.entries()]).toEqual([]);
    expect(crl.crlNumber).toBe(0n);
  });

  it("uses the exact issuer Name bytes when given DER", async () => {
    const name = encodeName([{ type: "CN", value: "Exact" }]);
    const crl = parseCrl(await buildCrl(params({ issuerName: name })));
    expect(crl.issuerDer.equals(decodeName(name).der)).toBe(true);
  });

  it("refuses bad parameters and entries with INVALID_ARGUMENT", async () => {
    const at = THIS_UPDATE;
    expect(await rejectsWith(buildCrl(params({ nextUpdate: THIS_UPDATE })))).toBe("INVALID_ARGUMENT");
    expect(await rejectsWith(buildCrl(params({ crlNumber: -1 })))).toBe("INVALID_ARGUMENT");
    expect(await rejectsWith(buildCrl(params({ crlNumber: 2n ** 160n })))).toBe("INVALID_ARGUMENT");
    expect(await rejectsWith(buildCrl(params({ issuerKeyIdentifier: Buffer.alloc(0) })))).toBe("INVALID_ARGUMENT");
    const bad = [
      [{ serial: "01", revokedAt: at }, { serial: "0001", revokedAt: at }], // duplicate after normalising
      [{ serial: "05", revokedAt: at }, { serial: "01", revokedAt: at }, { serial: "05", revokedAt: at }], // duplicate, unsorted
      [{ serial: "xyz", revokedAt: at }],
      [{ serial: "00", revokedAt: at }],
      [{ serial: Buffer.from([0x80]), revokedAt: at }],
      [{ serial: "ff".repeat(20), revokedAt: at }],
      [{ serial: "01", revokedAt: new Date(NaN) }],
      [{ serial: "01", revokedAt: at, reason: "removeFromCRL" as const }],
      [{ serial: "01", revokedAt: at, reason: "bogus" as RevocationReason }],
    ];
    for (const entries of bad) expect(await rejectsWith(buildCrl(params({ entries })))).toBe("INVALID_ARGUMENT");
  });

  it("reports malformed CRLs and detects tampering", async () => {
    const der = await buildCrl(params({ entries: [{ serial: "01", revokedAt: THIS_UPDATE, reason: "keyCompromise" }] }));
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as PkiError).code;
      }
    };
    expect(codeOf(() => parseCrl(Buffer.alloc(0)))).toBe("EMPTY_INPUT");
    expect(codeOf(() => parseCrl(der.subarray(0, der.length - 1)))).toBe("MALFORMED_INPUT");
    expect(codeOf(() => parseCrl(toPem("CRL", der)))).toBe("MALFORMED_INPUT"); // RFC 7468 label is "X509 CRL"
    const tampered = Buffer.from(der);
    tampered[tampered.indexOf(Buffer.from("0a0101", "hex")) + 2] = 4; // keyCompromise -> superseded
    expect([...parseCrl(tampered).entries()][0].reason).toBe("superseded");
    expect(verifyCrlSignature(tampered, signer.publicKeySpki)).toBe(false);
  });

  it("builds 100,000 entries from unsorted hex serials in well under a second", async () => {
    const pool = randomBytes(100_000 * 16).toString("hex");
    const entries = Array.from({ length: 100_000 }, (_, i) => ({
      serial: "4" + pool.slice(i * 32 + 1, i * 32 + 32), // 16 bytes, positive, fixed length like newSerial()
      revokedAt: new Date(THIS_UPDATE.getTime() - i * 1000),
      reason: "keyCompromise" as const,
    }));
    const cpu0 = process.cpuUsage();
    const der = await buildCrl(params({ entries }));
    const cpu = process.cpuUsage(cpu0);
    // CPU time, not wall time, so other work on the machine cannot fail the test; target ≤ 1 s.
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(2000);
    const crl = parseCrl(der);
    expect(crl.entryCount).toBe(100_000);
    let prev = "";
    let n = 0;
    let outOfOrder = 0;
    for (const e of crl.entries()) {
      if (!(e.serialHex > prev)) outOfOrder++; // equal-length serials: string order is numeric order
      prev = e.serialHex;
      n++;
    }
    expect({ n, outOfOrder }).toEqual({ n: 100_000, outOfOrder: 0 });
  });
});
