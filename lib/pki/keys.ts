/** Key generation and SubjectPublicKeyInfo inspection (RFC 5280 §4.1.2.7, RFC 3279, RFC 5480). */
import type { NonSharedBuffer } from "node:buffer";
import crypto, { type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { PkiError } from "./errors";
import { DerReader, decodeBitString, decodeOid, integerBytes, readTop, rethrowMalformed, type Tlv } from "./der-reader";
import { TAG } from "./der-writer";
import { OID } from "./oids";
import type { KeyAlgorithm, KeyDescription, NamedCurve } from "./types";

const generateKeyPairAsync = promisify(crypto.generateKeyPair);

/**
 * Generates a key pair with OpenSSL through node:crypto: RSA asynchronously on libuv's pool
 * (tens to hundreds of milliseconds of prime search), ECDSA on this thread: a P-256 key costs
 * ~30 µs and a P-384 key ~0.6 ms, against ~70-120 µs for the hand-off to the pool and back,
 * so the pool would only add that hand-off (docs/BENCHMARKS.md, suite 1).
 */
export async function generateKeyPair(alg: KeyAlgorithm): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  switch (alg) {
    case "RSA-2048":
    case "RSA-3072":
    case "RSA-4096":
      return generateKeyPairAsync("rsa", { modulusLength: Number(alg.slice(4)), publicExponent: 0x10001 });
    case "ECDSA-P256":
      return crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    case "ECDSA-P384":
      return crypto.generateKeyPairSync("ec", { namedCurve: "secp384r1" });
    default:
      throw new PkiError("UNSUPPORTED_ALGORITHM", `Key algorithm "${String(alg)}" is not supported; choose one of RSA-2048, RSA-3072, RSA-4096, ECDSA-P256, ECDSA-P384.`);
  }
}

/** DER SubjectPublicKeyInfo of a public or private KeyObject. */
export function spkiOf(key: KeyObject): NonSharedBuffer {
  const pub = key.type === "private" ? crypto.createPublicKey(key) : key;
  return pub.export({ type: "spki", format: "der" });
}

/** The parts of a SubjectPublicKeyInfo, as views into the input. */
export interface SpkiParts {
  algorithm: string;
  parameters: Tlv | null;
  /** Contents of the subjectPublicKey BIT STRING (without the unused-bits byte). */
  publicKey: Buffer;
}

/** Splits a SubjectPublicKeyInfo element (RFC 5280 §4.1). */
export function readSpki(buf: Buffer, t: Tlv): SpkiParts {
  const r = DerReader.inside(buf, t);
  const alg = r.enter(TAG.SEQUENCE, "SubjectPublicKeyInfo algorithm");
  const algorithm = decodeOid(buf, alg.next(TAG.OID, "key algorithm"));
  const parameters = alg.done ? null : alg.next();
  alg.expectEnd("key algorithm parameters");
  const bits = decodeBitString(buf, r.next(TAG.BIT_STRING, "subjectPublicKey"));
  r.expectEnd("SubjectPublicKeyInfo");
  if (bits.unusedBits !== 0) throw new PkiError("MALFORMED_INPUT", "The public key BIT STRING has unused bits; the key is not valid DER.");
  return { algorithm, parameters, publicKey: bits.bytes };
}

const SPKI_HINT = "Pass a DER SubjectPublicKeyInfo (openssl pkey -pubout -outform DER).";

/** Splits a DER SubjectPublicKeyInfo Buffer; MALFORMED_INPUT with a clear message if it is not one. */
export function splitSpki(spki: Buffer): SpkiParts {
  return parseSpkiBuffer(spki).parts;
}

function parseSpkiBuffer(spki: Buffer): { parts: SpkiParts; buf: Buffer } {
  if (!Buffer.isBuffer(spki)) throw new PkiError("INVALID_ARGUMENT", "The public key must be a Buffer holding a DER SubjectPublicKeyInfo.");
  try {
    return { parts: readSpki(spki, readTop(spki, TAG.SEQUENCE, "SubjectPublicKeyInfo")), buf: spki };
  } catch (err) {
    rethrowMalformed(err, "public key", SPKI_HINT);
  }
}

const CURVES: Record<string, { curve: NamedCurve; bits: number; alg: KeyAlgorithm }> = {
  [OID.prime256v1]: { curve: "P-256", bits: 256, alg: "ECDSA-P256" },
  [OID.secp384r1]: { curve: "P-384", bits: 384, alg: "ECDSA-P384" },
};

const UNSUPPORTED_KEYS: Record<string, string> = {
  [OID.ed25519]: "Ed25519",
  [OID.ed448]: "Ed448",
  [OID.x25519]: "X25519",
  [OID.dsa]: "DSA",
  [OID.rsassaPss]: "RSASSA-PSS",
};

const SUPPORTED_HINT = "use RSA (2048 bits or more) or ECDSA on P-256 or P-384";

function describeRsa(buf: Buffer, parts: SpkiParts): KeyDescription {
  if (parts.parameters && parts.parameters.tag !== TAG.NULL) {
    throw new PkiError("MALFORMED_INPUT", "RSA key parameters must be NULL (RFC 3279 §2.3.1).");
  }
  const pk = parts.publicKey;
  const r = new DerReader(pk);
  const seq = r.enter(TAG.SEQUENCE, "RSAPublicKey");
  r.expectEnd("RSAPublicKey");
  const n = integerBytes(pk, seq.next(TAG.INTEGER, "RSA modulus"));
  const e = integerBytes(pk, seq.next(TAG.INTEGER, "RSA exponent"));
  seq.expectEnd("RSAPublicKey");
  if (n[0] & 0x80 || e[0] & 0x80) throw new PkiError("MALFORMED_INPUT", "The RSA modulus or exponent is negative.");
  const lead = n[0] === 0 ? 1 : 0;
  const bits = (n.length - lead - 1) * 8 + (32 - Math.clz32(n[lead]));
  if (bits < 2048) {
    throw new PkiError("WEAK_KEY", `The RSA key has ${bits} bits; at least 2048 are required. Generate a new key of 2048 bits or more.`);
  }
  if (bits > 16384) throw new PkiError("UNSUPPORTED_ALGORITHM", `The RSA key has ${bits} bits; keys above 16384 bits are not supported.`);
  const eOdd = (e[e.length - 1] & 1) === 1;
  if (!eOdd || (e.length === 1 && e[0] < 3)) {
    throw new PkiError("WEAK_KEY", "The RSA public exponent is invalid (it must be odd and at least 3; 65537 is usual). Generate a new key.");
  }
  const keyAlgorithm = bits === 2048 || bits === 3072 || bits === 4096 ? (`RSA-${bits}` as KeyAlgorithm) : undefined;
  return keyAlgorithm ? { type: "rsa", bits, keyAlgorithm } : { type: "rsa", bits };
}

function describeEc(buf: Buffer, parts: SpkiParts): KeyDescription {
  const p = parts.parameters;
  if (!p || p.tag !== TAG.OID) {
    throw new PkiError("UNSUPPORTED_CURVE", "The EC key uses explicit or missing curve parameters; only the named curves P-256 and P-384 are accepted (RFC 5480 §2.1.1).");
  }
  const curveOid = decodeOid(buf, p);
  const c = CURVES[curveOid];
  if (!c) {
    const name = curveOid === OID.secp521r1 ? "P-521" : curveOid;
    throw new PkiError("UNSUPPORTED_CURVE", `The EC key is on curve ${name}; only P-256 and P-384 are accepted. Generate the key on P-256 or P-384.`);
  }
  const size = c.bits / 8;
  const pk = parts.publicKey;
  const ok = (pk[0] === 4 && pk.length === 1 + 2 * size) || ((pk[0] === 2 || pk[0] === 3) && pk.length === 1 + size);
  if (!ok) throw new PkiError("MALFORMED_INPUT", `The EC public key is not a valid ${c.curve} point encoding.`);
  return { type: "ec", bits: c.bits, curve: c.curve, keyAlgorithm: c.alg };
}

/** Describes a SubjectPublicKeyInfo element in `buf` and enforces Inkan's key policy. */
export function describeSpkiAt(buf: Buffer, parts: SpkiParts): KeyDescription {
  if (parts.algorithm === OID.rsaEncryption) return describeRsa(buf, parts);
  if (parts.algorithm === OID.ecPublicKey) return describeEc(buf, parts);
  const name = UNSUPPORTED_KEYS[parts.algorithm] ?? `algorithm ${parts.algorithm}`;
  throw new PkiError("UNSUPPORTED_ALGORITHM", `${name} keys are not supported; ${SUPPORTED_HINT}.`);
}

/**
 * Type and size of a DER SubjectPublicKeyInfo. Throws WEAK_KEY for RSA below 2048 bits,
 * UNSUPPORTED_CURVE for curves other than P-256/P-384, UNSUPPORTED_ALGORITHM for other key types.
 */
export function describeKey(spki: Buffer): KeyDescription {
  const { parts, buf } = parseSpkiBuffer(spki);
  try {
    return describeSpkiAt(buf, parts);
  } catch (err) {
    rethrowMalformed(err, "public key", SPKI_HINT);
  }
}

/** Key identifier per RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
export function subjectKeyIdentifier(spki: Buffer): NonSharedBuffer {
  const { parts } = parseSpkiBuffer(spki);
  return crypto.hash("sha1", parts.publicKey, "buffer");
}

/** Same as subjectKeyIdentifier for an already split SPKI. */
export function keyIdentifierOf(parts: SpkiParts): NonSharedBuffer {
  return crypto.hash("sha1", parts.publicKey, "buffer");
}


/**
 * KeyObject for a SubjectPublicKeyInfo that describeSpkiAt has split and accepted. OpenSSL 3.0
 * imports an SPKI through its generic OSSL_DECODER chain (~150 µs of CPU for an RSA key);
 * the RSAPublicKey inside it (pkcs1) or an uncompressed EC point as JWK imports in a few µs.
 * Both still reject a damaged key: JWK import checks that the point lies on the curve.
 */
export function importPublicKey(spki: Buffer, parts: SpkiParts, key: KeyDescription): KeyObject {
  if (key.type === "rsa") return crypto.createPublicKey({ key: parts.publicKey, format: "der", type: "pkcs1" });
  const size = key.bits / 8;
  const point = parts.publicKey;
  if (key.curve && point[0] === 4 && point.length === 1 + 2 * size) {
    const x = point.toString("base64url", 1, 1 + size);
    const y = point.toString("base64url", 1 + size);
    return crypto.createPublicKey({ key: { kty: "EC", crv: key.curve, x, y }, format: "jwk" });
  }
  // Compressed points (RFC 5480 §2.2 allows them): OpenSSL's decoder decompresses.
  return crypto.createPublicKey({ key: spki, format: "der", type: "spki" });
}
