/** Test-only builders (not exported from index.ts): CSRs with any key, for negative cases. */
import crypto, { type KeyObject } from "node:crypto";
import { NULL_VALUE, algorithmIdentifier, bitString, integer, oid, sequence, setOf, tlv } from "./der-writer";
import { spkiOf } from "./keys";
import { encodeName, type DistinguishedName } from "./names";
import { OID } from "./oids";

export interface TestCsrOptions {
  privateKey: KeyObject;
  subject?: DistinguishedName;
  /** Encoded Extension elements for an extensionRequest attribute. */
  extensions?: Buffer[];
  /** Override the signature: hash name for crypto.sign and the algorithm OID written. */
  hash?: string | null;
  algorithmOid?: string;
}

/** PKCS#10 request signed with `privateKey` (defaults: SHA-256 for RSA/P-256, SHA-384 for P-384). */
export function makeTestCsr(opts: TestCsrOptions): Buffer {
  const key = opts.privateKey;
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  let hash: string | null = "sha256";
  let algOid: string = type === "rsa" ? OID.sha256WithRSAEncryption : OID.ecdsaWithSHA256;
  if (curve === "secp384r1") [hash, algOid] = ["sha384", OID.ecdsaWithSHA384];
  if (curve === "secp521r1") [hash, algOid] = ["sha512", OID.ecdsaWithSHA512];
  if (type === "ed25519") [hash, algOid] = [null, OID.ed25519];
  if (opts.hash !== undefined) hash = opts.hash;
  if (opts.algorithmOid) algOid = opts.algorithmOid;
  const attrs = opts.extensions?.length
    ? [sequence(oid(OID.extensionRequest), setOf(sequence(...opts.extensions)))]
    : [];
  const info = sequence(integer(0), encodeName(opts.subject ?? [{ type: "CN", value: "test" }]), spkiOf(key), tlv(0xa0, ...attrs));
  const algId = algOid.startsWith("1.2.840.113549") ? algorithmIdentifier(algOid, NULL_VALUE) : algorithmIdentifier(algOid);
  const sig = crypto.sign(hash, info, key);
  return sequence(info, algId, bitString(sig));
}

