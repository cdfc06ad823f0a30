/**
 * Signing behind one small interface so a PKCS#11 or KMS backend can replace a local key,
 * plus signature verification for the algorithms this PKI accepts.
 */
import crypto, { type KeyObject } from "node:crypto";
import { PkiError } from "./errors";
import { algorithmIdentifier, NULL_VALUE } from "./der-writer";
import { spkiOf } from "./keys";
import { OID } from "./oids";
import type { SignatureAlgorithm } from "./types";

/** A CA signing key: the algorithm it signs with, its public key, and an async sign operation. */
export interface Signer {
  readonly algorithm: SignatureAlgorithm;
  /** DER SubjectPublicKeyInfo of the signing key. */
  readonly publicKeySpki: Buffer;
  /** Signs `data`; ECDSA signatures are DER Ecdsa-Sig-Value (RFC 3279 §2.2.3). */
  sign(data: Buffer): Promise<Buffer>;
}

const SIGNATURE_OIDS: Record<SignatureAlgorithm, string> = {
  sha256WithRSAEncryption: OID.sha256WithRSAEncryption,
  "ecdsa-with-SHA256": OID.ecdsaWithSHA256,
  "ecdsa-with-SHA384": OID.ecdsaWithSHA384,
};

const algIdCache = new Map<SignatureAlgorithm, Buffer>();

/** AlgorithmIdentifier DER for a signature algorithm (RSA: NULL params, RFC 4055 §5; ECDSA: absent, RFC 5758 §3.2). */
export function signatureAlgorithmIdentifier(alg: SignatureAlgorithm): Buffer {
  let der = algIdCache.get(alg);
  if (!der) {
    const oid = SIGNATURE_OIDS[alg];
    if (!oid) throw new PkiError("UNSUPPORTED_ALGORITHM", `Signature algorithm "${String(alg)}" is not supported.`);
    der = alg === "sha256WithRSAEncryption" ? algorithmIdentifier(oid, NULL_VALUE) : algorithmIdentifier(oid);
    algIdCache.set(alg, der);
  }
  return der;
}

/** Signature algorithm Inkan uses for a private key: SHA-256 for RSA and P-256, SHA-384 for P-384. */
export function signatureAlgorithmForKey(key: KeyObject): SignatureAlgorithm {
  if (key.asymmetricKeyType === "rsa") {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new PkiError("WEAK_KEY", `The RSA signing key has ${bits} bits; at least 2048 are required.`);
    return "sha256WithRSAEncryption";
  }
  if (key.asymmetricKeyType === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === "prime256v1") return "ecdsa-with-SHA256";
    if (curve === "secp384r1") return "ecdsa-with-SHA384";
    throw new PkiError("UNSUPPORTED_CURVE", `The EC signing key is on curve ${curve}; use P-256 or P-384.`);
  }
  throw new PkiError("UNSUPPORTED_ALGORITHM", `${key.asymmetricKeyType ?? "This"} signing keys are not supported; use RSA or ECDSA P-256/P-384.`);
}

const HASH_OF: Record<SignatureAlgorithm, string> = {
  sha256WithRSAEncryption: "sha256",
  "ecdsa-with-SHA256": "sha256",
  "ecdsa-with-SHA384": "sha384",
};

// Node copies the input of an asynchronous sign job. For a 1M-entry CRL (45 MB) that copy
// costs more time and memory than it saves: buildCrl has blocked the event loop for far
// longer while encoding, so such inputs are signed on the calling thread.
const SYNC_SIGN_BYTES = 256 * 1024;

/** Signer backed by a node:crypto private KeyObject; signing runs on libuv's thread pool (inputs ≥ 256 KiB: on this thread). */
export function localSigner(privateKey: KeyObject): Signer {
  if (!privateKey || privateKey.type !== "private") {
    throw new PkiError("INVALID_ARGUMENT", "localSigner needs a private KeyObject (crypto.createPrivateKey or generateKeyPair).");
  }
  const algorithm = signatureAlgorithmForKey(privateKey);
  const hash = HASH_OF[algorithm];
  return {
    algorithm,
    publicKeySpki: spkiOf(privateKey),
    sign: (data) =>
      new Promise((resolve, reject) => {
        if (data.length >= SYNC_SIGN_BYTES) {
          try {
            resolve(crypto.sign(hash, data, privateKey));
          } catch (err) {
            reject(err);
          }
          return;
        }
        crypto.sign(hash, data, privateKey, (err, sig) => (err ? reject(err) : resolve(sig)));
      }),
  };
}

/** What verification needs to know about a signature AlgorithmIdentifier. */
export interface VerifyAlgorithm {
  name: string;
  hash: string;
  keyType: "rsa" | "ec";
}

const VERIFY_ALGORITHMS: Record<string, VerifyAlgorithm> = {
  [OID.sha256WithRSAEncryption]: { name: "sha256WithRSAEncryption", hash: "sha256", keyType: "rsa" },
  [OID.sha384WithRSAEncryption]: { name: "sha384WithRSAEncryption", hash: "sha384", keyType: "rsa" },
  [OID.sha512WithRSAEncryption]: { name: "sha512WithRSAEncryption", hash: "sha512", keyType: "rsa" },
  [OID.ecdsaWithSHA256]: { name: "ecdsa-with-SHA256", hash: "sha256", keyType: "ec" },
  [OID.ecdsaWithSHA384]: { name: "ecdsa-with-SHA384", hash: "sha384", keyType: "ec" },
  [OID.ecdsaWithSHA512]: { name: "ecdsa-with-SHA512", hash: "sha512", keyType: "ec" },
};

const WEAK_ALGORITHMS: Record<string, string> = {
  [OID.md5WithRSAEncryption]: "md5WithRSAEncryption",
  [OID.sha1WithRSAEncryption]: "sha1WithRSAEncryption",
  [OID.ecdsaWithSHA1]: "ecdsa-with-SHA1",
  [OID.rsassaPss]: "RSASSA-PSS",
};

/** Looks up a signature algorithm OID; throws UNSUPPORTED_ALGORITHM for SHA-1, MD5, PSS and unknown ones. */
export function verifyAlgorithmFor(oid: string, hasNullOrNoParams: boolean): VerifyAlgorithm {
  const alg = VERIFY_ALGORITHMS[oid];
  if (!alg) {
    const weak = WEAK_ALGORITHMS[oid];
    throw new PkiError(
      "UNSUPPORTED_ALGORITHM",
      weak
        ? `The signature algorithm ${weak} is not accepted; sign with SHA-256 or stronger (RSA PKCS#1 v1.5 or ECDSA).`
        : `The signature algorithm ${oid} is not supported; sign with sha256WithRSAEncryption or ecdsa-with-SHA256/SHA384.`,
    );
  }
  if (!hasNullOrNoParams) throw new PkiError("MALFORMED_INPUT", `The ${alg.name} AlgorithmIdentifier has unexpected parameters.`);
  return alg;
}

/** Name of a signature algorithm OID for display (weak ones too); the dotted OID when unknown. */
export function signatureAlgorithmName(oid: string): string {
  return VERIFY_ALGORITHMS[oid]?.name ?? WEAK_ALGORITHMS[oid] ?? oid;
}

const keyCache = new Map<string, KeyObject>();

/** Public KeyObject for a DER SPKI, cached because CA keys are verified against again and again. */
export function publicKeyFromSpki(spki: Buffer): KeyObject {
  const cacheKey = spki.toString("base64");
  let key = keyCache.get(cacheKey);
  if (!key) {
    try {
      key = crypto.createPublicKey({ key: spki, format: "der", type: "spki" });
    } catch {
      throw new PkiError("MALFORMED_INPUT", "The public key could not be loaded; it is not a valid SubjectPublicKeyInfo.");
    }
    if (keyCache.size >= 64) keyCache.delete(keyCache.keys().next().value as string);
    keyCache.set(cacheKey, key);
  }
  return key;
}

/** Verifies `signature` over `data`; false when it does not match or the key type differs. */
export function verifyWithSpki(alg: VerifyAlgorithm, spki: Buffer | KeyObject, data: Buffer, signature: Buffer): boolean {
  const key = Buffer.isBuffer(spki) ? publicKeyFromSpki(spki) : spki;
  if (key.asymmetricKeyType !== alg.keyType) return false;
  try {
    return crypto.verify(alg.hash, data, key, signature);
  } catch {
    return false;
  }
}
