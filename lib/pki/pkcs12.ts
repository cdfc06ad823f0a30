/**
 * PKCS#12 (RFC 7292) packing of a private key with its certificate chain, for RSA and ECDSA
 * keys alike. Two profiles: "legacy" (3DES + SHA-1 MAC, what iOS/macOS and older Windows
 * import) and "aes256" (PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC + HMAC-SHA256 MAC, OpenSSL 3's default).
 */
import type { NonSharedBuffer } from "node:buffer";
import crypto, { type KeyObject } from "node:crypto";
import { PkiError } from "./errors";
import { NULL_VALUE, TAG, algorithmIdentifier, explicit, implicitPrimitive, integer, octetString, oid, sequence, setOf, stringValue } from "./der-writer";
import { spkiOf } from "./keys";
import { OID } from "./oids";
import { parseCertificate } from "./certificate-parse";
import { pbeEncrypt, pkcs12Kdf, bmpPassword, type MacHash, type Pkcs12Encryption } from "./pkcs12-crypto";

export type { Pkcs12Encryption };

export interface Pkcs12Params {
  privateKey: KeyObject;
  /** DER end-entity certificate matching privateKey. */
  certificate: Buffer;
  /** DER CA certificates, issuer first (intermediate, then root). */
  chain: Buffer[];
  password: string;
  encryption: Pkcs12Encryption;
  friendlyName?: string;
  /** KDF/MAC iteration count; default 2048 (OpenSSL's default, accepted by every importer). */
  iterations?: number;
}

const MAC_HASH: Record<Pkcs12Encryption, MacHash> = { legacy: "sha1", aes256: "sha256" };

function attribute(type: string, value: Buffer): Buffer {
  return sequence(oid(type), setOf(value));
}

function safeBag(bagId: string, value: Buffer, attributes: Buffer[]): Buffer {
  const parts = [oid(bagId), explicit(0, value)];
  if (attributes.length) parts.push(setOf(...attributes));
  return sequence(...parts);
}

function certBag(der: Buffer, attributes: Buffer[]): Buffer {
  const value = sequence(oid(OID.x509Certificate), explicit(0, octetString(der)));
  return safeBag(OID.certBag, value, attributes);
}

function dataContentInfo(content: Buffer): Buffer {
  return sequence(oid(OID.data), explicit(0, octetString(content)));
}

/** Builds a password-protected PKCS#12 file (DER) holding the key, its certificate and the chain. */
export function buildPkcs12(params: Pkcs12Params): NonSharedBuffer {
  const { privateKey, certificate, chain, password, encryption, friendlyName } = params;
  const iterations = params.iterations ?? 2048;
  if (!privateKey || privateKey.type !== "private") throw new PkiError("INVALID_ARGUMENT", "buildPkcs12 needs a private KeyObject.");
  if (typeof password !== "string" || password.length === 0) {
    throw new PkiError("INVALID_ARGUMENT", "A PKCS#12 file needs a non-empty password; devices refuse or mishandle empty ones.");
  }
  if (encryption !== "legacy" && encryption !== "aes256") {
    throw new PkiError("INVALID_ARGUMENT", `Unknown PKCS#12 encryption "${String(encryption)}"; use "legacy" or "aes256".`);
  }
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000_000) {
    throw new PkiError("INVALID_ARGUMENT", "iterations must be an integer between 1 and 10,000,000.");
  }
  const leaf = parseCertificate(certificate);
  if (!leaf.subjectPublicKeySpki.equals(spkiOf(privateKey))) {
    throw new PkiError("INVALID_ARGUMENT", "The private key does not belong to the certificate; pass the key the certificate was issued for.");
  }
  chain.forEach((c) => parseCertificate(c));

  // localKeyId pairs key and certificate (Windows needs it): SHA-1 of the certificate, as OpenSSL does.
  const attrs = [attribute(OID.localKeyId, octetString(crypto.hash("sha1", leaf.der, "buffer")))];
  if (friendlyName) attrs.push(attribute(OID.friendlyName, stringValue(TAG.BMP_STRING, friendlyName)));

  const certSafe = sequence(certBag(leaf.der, attrs), ...chain.map((c) => certBag(c, [])));
  const [certAlg, certCipher] = pbeEncrypt(encryption, password, certSafe, iterations);
  const encryptedData = sequence(
    integer(0),
    sequence(oid(OID.data), certAlg, implicitPrimitive(0, certCipher)),
  );
  const certInfo = sequence(oid(OID.encryptedData), explicit(0, encryptedData));

  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" });
  const [keyAlg, keyCipher] = pbeEncrypt(encryption, password, pkcs8, iterations);
  const keyBag = safeBag(OID.pkcs8ShroudedKeyBag, sequence(keyAlg, octetString(keyCipher)), attrs);
  const keyInfo = dataContentInfo(sequence(keyBag));

  const authSafe = sequence(certInfo, keyInfo);
  const macHash = MAC_HASH[encryption];
  const macSalt = crypto.randomBytes(macHash === "sha1" ? 8 : 16);
  const macKey = pkcs12Kdf(macHash, bmpPassword(password), macSalt, 3, iterations, macHash === "sha1" ? 20 : 32);
  const mac = crypto.createHmac(macHash, macKey).update(authSafe).digest();
  const macData = sequence(
    sequence(algorithmIdentifier(macHash === "sha1" ? OID.sha1 : OID.sha256, NULL_VALUE), octetString(mac)),
    octetString(macSalt),
    integer(iterations),
  );
  return sequence(integer(3), dataContentInfo(authSafe), macData);
}
