import { createPrivateKey, type KeyObject } from "node:crypto";
import { localSigner, type Signer } from "@/lib/pki";
import { openSecret, sealSecret } from "@/lib/secrets";

// CA and server-held leaf keys live in the database only as sealed PKCS#8. The purpose
// string binds each sealed key to its record.
const caPurpose = (slug: string) => `ca-key:${slug}`;
const leafPurpose = (caId: string, serial: string) => `leaf-key:${caId}:${serial}`;

function exportPkcs8(key: KeyObject): Buffer {
  return key.export({ type: "pkcs8", format: "der" });
}

export function sealCaKey(slug: string, key: KeyObject): Buffer {
  return sealSecret(exportPkcs8(key), caPurpose(slug));
}

const signers = new Map<string, Signer>();

/** The CA's signer, unsealed once per process (keyed by the sealed bytes, so a re-key is seen). */
export function caSigner(slug: string, sealed: Uint8Array): Signer {
  const cacheKey = `${slug}:${Buffer.from(sealed).subarray(1, 13).toString("hex")}`;
  let signer = signers.get(cacheKey);
  if (!signer) {
    signer = localSigner(createPrivateKey({ key: openSecret(sealed, caPurpose(slug)), format: "der", type: "pkcs8" }));
    signers.set(cacheKey, signer);
  }
  return signer;
}

export function sealLeafKey(caId: string, serial: string, key: KeyObject): Buffer {
  return sealSecret(exportPkcs8(key), leafPurpose(caId, serial));
}

export function openLeafKey(caId: string, serial: string, sealed: Uint8Array): KeyObject {
  return createPrivateKey({ key: openSecret(sealed, leafPurpose(caId, serial)), format: "der", type: "pkcs8" });
}
