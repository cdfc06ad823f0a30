/** Reading PKCS#12 files written by buildPkcs12 or OpenSSL (password-integrity mode only). */
import crypto, { type KeyObject } from "node:crypto";
import { PkiError } from "./errors";
import { DerReader, contentOf, decodeOid, decodeSmallInt, decodeString, readTop, rethrowMalformed, type Tlv } from "./der-reader";
import { TAG } from "./der-writer";
import { OID } from "./oids";
import { bmpPassword, pbeDecrypt, pkcs12Kdf, type MacHash } from "./pkcs12-crypto";

export interface Pkcs12Contents {
  privateKey: KeyObject;
  /** DER certificates in file order. */
  certificates: Buffer[];
  /** The certificate whose localKeyId matches the key's, when present. */
  keyCertificate: Buffer | null;
  friendlyName?: string;
}

const HINT = "Upload a .p12/.pfx file.";

function octets(buf: Buffer, t: Tlv, what: string): Buffer {
  if (t.tag !== TAG.OCTET_STRING) throw new PkiError("MALFORMED_INPUT", `The PKCS#12 ${what} is not an OCTET STRING.`);
  return contentOf(buf, t);
}

function verifyMac(buf: Buffer, macData: DerReader, password: string, authSafe: Buffer): void {
  const digestInfo = macData.enter(TAG.SEQUENCE, "DigestInfo");
  const digestOid = decodeOid(buf, digestInfo.enter(TAG.SEQUENCE, "digestAlgorithm").next(TAG.OID, "digest"));
  const expected = octets(buf, digestInfo.next(TAG.OCTET_STRING, "digest"), "MAC");
  const salt = octets(buf, macData.next(TAG.OCTET_STRING, "macSalt"), "MAC salt");
  const iterations = macData.done ? 1 : decodeSmallInt(buf, macData.next(TAG.INTEGER, "iterations"));
  const hash: MacHash | null = digestOid === OID.sha1 ? "sha1" : digestOid === OID.sha256 ? "sha256" : null;
  if (!hash) throw new PkiError("UNSUPPORTED_ALGORITHM", `The PKCS#12 MAC uses digest ${digestOid}; only SHA-1 and SHA-256 are supported.`);
  const key = pkcs12Kdf(hash, bmpPassword(password), salt, 3, iterations, hash === "sha1" ? 20 : 32);
  const mac = crypto.createHmac(hash, key).update(authSafe).digest();
  if (mac.length !== expected.length || !crypto.timingSafeEqual(mac, expected)) {
    throw new PkiError("BAD_PASSWORD", "The PKCS#12 password is wrong (the integrity check failed). Check the password and try again.");
  }
}

interface Bag {
  /** The buffer `value` points into. */
  buf: Buffer;
  id: string;
  value: Tlv;
  localKeyId?: string;
  friendlyName?: string;
}

function readBags(safeContents: Buffer): Bag[] {
  const bags: Bag[] = [];
  const r = DerReader.inside(safeContents, readTop(safeContents, TAG.SEQUENCE, "SafeContents"));
  while (!r.done) {
    const bag = r.enter(TAG.SEQUENCE, "SafeBag");
    const id = decodeOid(safeContents, bag.next(TAG.OID, "bagId"));
    const value = DerReader.inside(safeContents, bag.next(0xa0, "bagValue")).next();
    const out: Bag = { buf: safeContents, id, value };
    const attrs = bag.optional(TAG.SET);
    if (attrs) {
      const ar = DerReader.inside(safeContents, attrs);
      while (!ar.done) {
        const a = ar.enter(TAG.SEQUENCE, "attribute");
        const type = decodeOid(safeContents, a.next(TAG.OID, "attribute type"));
        const v = a.enter(TAG.SET, "attribute values").next();
        if (type === OID.localKeyId) out.localKeyId = contentOf(safeContents, v).toString("hex");
        if (type === OID.friendlyName) out.friendlyName = decodeString(safeContents, v);
      }
    }
    bags.push(out);
  }
  return bags;
}

/** Opens a PKCS#12 file: checks the MAC (BAD_PASSWORD on mismatch) and decrypts key and certificates. */
export function readPkcs12(pfx: Buffer, password: string): Pkcs12Contents {
  if (!Buffer.isBuffer(pfx) || pfx.length === 0) throw new PkiError("EMPTY_INPUT", "The PKCS#12 file is empty. " + HINT);
  try {
    const r = DerReader.inside(pfx, readTop(pfx, TAG.SEQUENCE, "PFX"));
    if (decodeSmallInt(pfx, r.next(TAG.INTEGER, "version")) !== 3) throw new PkiError("MALFORMED_INPUT", "Only PKCS#12 version 3 files are supported.");
    const ci = r.enter(TAG.SEQUENCE, "authSafe");
    if (decodeOid(pfx, ci.next(TAG.OID, "contentType")) !== OID.data) {
      throw new PkiError("UNSUPPORTED_ALGORITHM", "This PKCS#12 file uses public-key integrity mode, which is not supported.");
    }
    const authSafe = octets(pfx, DerReader.inside(pfx, ci.next(0xa0, "content")).next(), "authSafe");
    if (r.done) throw new PkiError("MALFORMED_INPUT", "The PKCS#12 file has no MAC; unprotected files are not accepted.");
    verifyMac(pfx, r.enter(TAG.SEQUENCE, "macData"), password, authSafe);

    const bags: Bag[] = [];
    const infos = DerReader.inside(authSafe, readTop(authSafe, TAG.SEQUENCE, "AuthenticatedSafe"));
    while (!infos.done) {
      const info = infos.enter(TAG.SEQUENCE, "ContentInfo");
      const type = decodeOid(authSafe, info.next(TAG.OID, "contentType"));
      const content = DerReader.inside(authSafe, info.next(0xa0, "content"));
      if (type === OID.data) {
        bags.push(...readBags(octets(authSafe, content.next(), "SafeContents")));
      } else if (type === OID.encryptedData) {
        const ed = content.enter(TAG.SEQUENCE, "EncryptedData");
        ed.next(TAG.INTEGER, "version");
        const eci = ed.enter(TAG.SEQUENCE, "EncryptedContentInfo");
        eci.next(TAG.OID, "contentType");
        const alg = eci.enter(TAG.SEQUENCE, "contentEncryptionAlgorithm");
        const cipherTlv = eci.next(0x80, "encryptedContent");
        const plain = pbeDecrypt(authSafe, alg, password, contentOf(authSafe, cipherTlv));
        bags.push(...readBags(plain));
      } else {
        throw new PkiError("UNSUPPORTED_ALGORITHM", `PKCS#12 content type ${type} is not supported.`);
      }
    }

    let privateKey: KeyObject | null = null;
    let keyId: string | undefined;
    let friendlyName: string | undefined;
    const certificates: Buffer[] = [];
    const certIds: (string | undefined)[] = [];
    for (const bag of bags) {
      const b = bag.buf;
      if (bag.id === OID.pkcs8ShroudedKeyBag) {
        const epki = DerReader.inside(b, bag.value);
        const alg = epki.enter(TAG.SEQUENCE, "encryptionAlgorithm");
        const pkcs8 = pbeDecrypt(b, alg, password, octets(b, epki.next(TAG.OCTET_STRING, "encryptedData"), "key"));
        privateKey = crypto.createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
        keyId = bag.localKeyId;
        friendlyName = bag.friendlyName;
      } else if (bag.id === OID.keyBag) {
        privateKey = crypto.createPrivateKey({ key: Buffer.from(b.subarray(bag.value.start, bag.value.end)), format: "der", type: "pkcs8" });
        keyId = bag.localKeyId;
        friendlyName = bag.friendlyName;
      } else if (bag.id === OID.certBag) {
        const cb = DerReader.inside(b, bag.value);
        if (decodeOid(b, cb.next(TAG.OID, "certId")) !== OID.x509Certificate) continue;
        certificates.push(Buffer.from(octets(b, DerReader.inside(b, cb.next(0xa0, "certValue")).next(), "certificate")));
        certIds.push(bag.localKeyId);
      }
    }
    if (!privateKey) throw new PkiError("MALFORMED_INPUT", "The PKCS#12 file holds no private key.");
    const idx = keyId === undefined ? -1 : certIds.indexOf(keyId);
    const result: Pkcs12Contents = { privateKey, certificates, keyCertificate: idx >= 0 ? certificates[idx] : null };
    if (friendlyName !== undefined) result.friendlyName = friendlyName;
    return result;
  } catch (err) {
    rethrowMalformed(err, "PKCS#12 file", HINT);
  }
}
