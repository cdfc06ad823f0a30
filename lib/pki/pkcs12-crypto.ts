/**
 * Password-based primitives of PKCS#12: the RFC 7292 Appendix B key derivation, the legacy
 * pbeWithSHAAnd3-KeyTripleDES-CBC scheme (Appendix C) and PBES2 (RFC 8018 §6.2) with
 * PBKDF2-HMAC-SHA256 and AES-256-CBC.
 */
import crypto from "node:crypto";
import { PkiError } from "./errors";
import { DerReader, contentOf, decodeOid, decodeSmallInt } from "./der-reader";
import { NULL_VALUE, TAG, algorithmIdentifier, integer, octetString, sequence } from "./der-writer";
import { OID } from "./oids";
import { iteratedHash } from "./iterated-hash";

export type MacHash = "sha1" | "sha256";

/** Password as BMPString with two zero bytes appended (RFC 7292 Appendix B.1). */
export function bmpPassword(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, "utf16le").swap16(), Buffer.alloc(2)]);
}

function repeatTo(src: Buffer, blockSize: number): Buffer {
  if (src.length === 0) return Buffer.alloc(0);
  const out = Buffer.allocUnsafe(blockSize * Math.ceil(src.length / blockSize));
  for (let i = 0; i < out.length; i++) out[i] = src[i % src.length];
  return out;
}

/** RFC 7292 Appendix B.2 key derivation; id 1 = key, 2 = IV, 3 = MAC key. */
export function pkcs12Kdf(hash: MacHash, password: Buffer, salt: Buffer, id: 1 | 2 | 3, iterations: number, n: number): Buffer {
  const u = hash === "sha1" ? 20 : 32;
  const v = 64;
  const d = Buffer.alloc(v, id);
  const input = Buffer.concat([repeatTo(salt, v), repeatTo(password, v)]);
  const blocks = Math.ceil(n / u);
  const out = Buffer.allocUnsafe(blocks * u);
  for (let i = 0; i < blocks; i++) {
    const a = iteratedHash(hash, Buffer.concat([d, input]), iterations);
    a.copy(out, i * u);
    if (i === blocks - 1) break;
    const b = repeatTo(a, v);
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k] + b[k] + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out.subarray(0, n);
}

/** Encryption profile of a PKCS#12 file. */
export type Pkcs12Encryption = "legacy" | "aes256";

/** Encrypts `plain` and returns [AlgorithmIdentifier DER, ciphertext]. */
export function pbeEncrypt(profile: Pkcs12Encryption, password: string, plain: Buffer, iterations: number): [Buffer, Buffer] {
  if (profile === "legacy") {
    const salt = crypto.randomBytes(8);
    const bmp = bmpPassword(password);
    const key = pkcs12Kdf("sha1", bmp, salt, 1, iterations, 24);
    const iv = pkcs12Kdf("sha1", bmp, salt, 2, iterations, 8);
    const cipher = crypto.createCipheriv("des-ede3-cbc", key, iv);
    const params = sequence(octetString(salt), integer(iterations));
    return [algorithmIdentifier(OID.pbeWithSHAAnd3KeyTripleDESCBC, params), Buffer.concat([cipher.update(plain), cipher.final()])];
  }
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(16);
  const key = crypto.pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  const cipher = crypto.createCipheriv("aes-256-cbc", key, iv);
  const kdf = algorithmIdentifier(
    OID.pbkdf2,
    sequence(octetString(salt), integer(iterations), algorithmIdentifier(OID.hmacWithSHA256, NULL_VALUE)),
  );
  const params = sequence(kdf, algorithmIdentifier(OID.aes256Cbc, octetString(iv)));
  return [algorithmIdentifier(OID.pbes2, params), Buffer.concat([cipher.update(plain), cipher.final()])];
}

/** Decrypts content encrypted with either profile; the AlgorithmIdentifier is a reader over its content. */
export function pbeDecrypt(buf: Buffer, alg: DerReader, password: string, cipherText: Buffer): Buffer {
  const algOid = decodeOid(buf, alg.next(TAG.OID, "encryption algorithm"));
  let decipher: crypto.Decipher;
  if (algOid === OID.pbeWithSHAAnd3KeyTripleDESCBC) {
    const p = alg.enter(TAG.SEQUENCE, "PBE parameters");
    const salt = contentOf(buf, p.next(TAG.OCTET_STRING, "salt"));
    const iterations = decodeSmallInt(buf, p.next(TAG.INTEGER, "iterations"));
    const bmp = bmpPassword(password);
    decipher = crypto.createDecipheriv("des-ede3-cbc", pkcs12Kdf("sha1", bmp, salt, 1, iterations, 24), pkcs12Kdf("sha1", bmp, salt, 2, iterations, 8));
  } else if (algOid === OID.pbes2) {
    const p = alg.enter(TAG.SEQUENCE, "PBES2 parameters");
    const kdf = p.enter(TAG.SEQUENCE, "keyDerivationFunc");
    if (decodeOid(buf, kdf.next(TAG.OID, "KDF")) !== OID.pbkdf2) throw unsupported("a key derivation other than PBKDF2");
    const kp = kdf.enter(TAG.SEQUENCE, "PBKDF2 parameters");
    const salt = contentOf(buf, kp.next(TAG.OCTET_STRING, "salt"));
    const iterations = decodeSmallInt(buf, kp.next(TAG.INTEGER, "iterations"));
    kp.optional(TAG.INTEGER);
    let prf = "sha1";
    if (!kp.done) {
      const prfOid = decodeOid(buf, kp.enter(TAG.SEQUENCE, "prf").next(TAG.OID, "prf"));
      if (prfOid === OID.hmacWithSHA256) prf = "sha256";
      else if (prfOid !== OID.hmacWithSHA1) throw unsupported(`PBKDF2 with PRF ${prfOid}`);
    }
    const enc = p.enter(TAG.SEQUENCE, "encryptionScheme");
    if (decodeOid(buf, enc.next(TAG.OID, "cipher")) !== OID.aes256Cbc) throw unsupported("a cipher other than AES-256-CBC");
    const iv = contentOf(buf, enc.next(TAG.OCTET_STRING, "IV"));
    decipher = crypto.createDecipheriv("aes-256-cbc", crypto.pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, prf), iv);
  } else {
    throw unsupported(`encryption ${algOid}`);
  }
  try {
    return Buffer.concat([decipher.update(cipherText), decipher.final()]);
  } catch {
    throw new PkiError("BAD_PASSWORD", "The PKCS#12 password is wrong (decryption failed). Check the password and try again.");
  }
}

function unsupported(what: string): PkiError {
  return new PkiError("UNSUPPORTED_ALGORITHM", `This PKCS#12 file uses ${what}, which is not supported; export it with AES-256 or 3DES.`);
}
