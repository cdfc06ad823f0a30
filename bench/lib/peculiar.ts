/** @peculiar/x509 on Node's WebCrypto: the library Inkan used before its own PKI core ("before" figures). */
import "reflect-metadata";
import { webcrypto, type KeyObject } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };

export const RSA_SHA256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
export const ECDSA_P256 = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

/** A node:crypto private key as a WebCrypto signing key. */
export async function toCryptoKey(key: KeyObject): Promise<CryptoKey> {
  const der = key.export({ type: "pkcs8", format: "der" });
  const alg = key.asymmetricKeyType === "rsa" ? RSA_SHA256 : ECDSA_P256;
  return (await webcrypto.subtle.importKey("pkcs8", der, alg, false, ["sign"])) as unknown as CryptoKey;
}

/** The signing algorithm object x509 generators take for a key. */
export function signingAlgorithm(key: KeyObject): Algorithm {
  return key.asymmetricKeyType === "rsa" ? RSA_SHA256 : { name: "ECDSA", hash: "SHA-256" } as Algorithm;
}
