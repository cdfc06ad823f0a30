/** Shared types and constants of the PKI core. */
import { EKU_OIDS } from "./oids";

/** Key types Inkan generates and accepts for CAs and end entities. */
export type KeyAlgorithm = "RSA-2048" | "RSA-3072" | "RSA-4096" | "ECDSA-P256" | "ECDSA-P384";

export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = ["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256", "ECDSA-P384"];

/** Signature algorithms this CA signs with (RFC 4055 §5, RFC 5758 §3.2). */
export type SignatureAlgorithm = "sha256WithRSAEncryption" | "ecdsa-with-SHA256" | "ecdsa-with-SHA384";

/** Named curves accepted in keys (RFC 5480 §2.1.1.1). */
export type NamedCurve = "P-256" | "P-384";

/** RFC 5280 §5.3.1 CRLReason names. */
export type RevocationReason =
  | "unspecified"
  | "keyCompromise"
  | "cACompromise"
  | "affiliationChanged"
  | "superseded"
  | "cessationOfOperation"
  | "certificateHold"
  | "removeFromCRL"
  | "privilegeWithdrawn"
  | "aACompromise";

/** CRLReason ENUMERATED values (RFC 5280 §5.3.1; value 7 is not used). */
export const REVOCATION_REASON_CODES: Readonly<Record<RevocationReason, number>> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
};

const REASON_BY_CODE: (RevocationReason | undefined)[] = [];
for (const [name, code] of Object.entries(REVOCATION_REASON_CODES)) REASON_BY_CODE[code] = name as RevocationReason;

/** Reason name for a CRLReason code, or undefined for a code RFC 5280 does not define. */
export function revocationReasonFromCode(code: number): RevocationReason | undefined {
  return REASON_BY_CODE[code];
}

/** KeyUsage bits, RFC 5280 §4.2.1.3 (bit number = index). */
export const KEY_USAGE_BITS = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;

export type KeyUsageFlag = (typeof KEY_USAGE_BITS)[number];

/** Named extended key usages; parsers return unknown purposes as dotted OIDs. */
export type ExtendedKeyUsage = keyof typeof EKU_OIDS;

/** Public key facts read from a SubjectPublicKeyInfo. */
export interface KeyDescription {
  /** Key type as node:crypto names it (KeyObject.asymmetricKeyType). */
  type: "rsa" | "ec";
  /** Modulus size for RSA, field size for ECDSA (256 or 384). */
  bits: number;
  curve?: NamedCurve;
  /** Set when the key matches one of the algorithms Inkan generates. */
  keyAlgorithm?: KeyAlgorithm;
}
