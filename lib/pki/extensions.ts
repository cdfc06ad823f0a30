/** Certificate extension encoders (RFC 5280 §4.2.1). */
import { PkiError } from "./errors";
import { boolean, implicitPrimitive, integer, namedBitString, octetString, oid, sequence, tlv } from "./der-writer";
import { encodeGeneralNames, encodeUri, type SubjectAltNames } from "./general-names";
import { EKU_OIDS, OID } from "./oids";
import { KEY_USAGE_BITS, type ExtendedKeyUsage, type KeyUsageFlag } from "./types";

/** Extension ::= SEQUENCE { extnID, critical DEFAULT FALSE, extnValue OCTET STRING } (RFC 5280 §4.1). */
export function extension(extnId: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(extnId), boolean(true), octetString(value)) : sequence(oid(extnId), octetString(value));
}

/** basicConstraints, always critical here (RFC 5280 §4.2.1.9 requires it for CAs; leaves get CA:FALSE). */
export function basicConstraintsExtension(ca: { pathLength?: number } | null): Buffer {
  if (!ca) return extension(OID.basicConstraints, true, sequence());
  const parts = [boolean(true)];
  if (ca.pathLength !== undefined) {
    if (!Number.isInteger(ca.pathLength) || ca.pathLength < 0) {
      throw new PkiError("INVALID_ARGUMENT", "pathLength must be an integer of 0 or more (RFC 5280 §4.2.1.9).");
    }
    parts.push(integer(ca.pathLength));
  }
  return extension(OID.basicConstraints, true, sequence(...parts));
}

/** keyUsage, critical (RFC 5280 §4.2.1.3: SHOULD be critical, at least one bit set). */
export function keyUsageExtension(flags: readonly KeyUsageFlag[]): Buffer {
  if (!flags || flags.length === 0) throw new PkiError("INVALID_ARGUMENT", "keyUsage needs at least one flag (RFC 5280 §4.2.1.3).");
  const bits = flags.map((f) => {
    const bit = KEY_USAGE_BITS.indexOf(f);
    if (bit < 0) throw new PkiError("INVALID_ARGUMENT", `Unknown keyUsage flag "${String(f)}"; use one of ${KEY_USAGE_BITS.join(", ")}.`);
    return bit;
  });
  return extension(OID.keyUsage, true, namedBitString(bits));
}

/** extKeyUsage, non-critical (RFC 5280 §4.2.1.12); accepts names or dotted OIDs. */
export function extendedKeyUsageExtension(usages: readonly (ExtendedKeyUsage | string)[]): Buffer {
  const oids = usages.map((u) => {
    const known = (EKU_OIDS as Record<string, string>)[u];
    if (known) return oid(known);
    if (/^\d+(\.\d+)+$/.test(u)) return oid(u);
    throw new PkiError("INVALID_ARGUMENT", `Unknown extended key usage "${u}"; use one of ${Object.keys(EKU_OIDS).join(", ")} or a dotted OID.`);
  });
  return extension(OID.extKeyUsage, false, sequence(...oids));
}

/** subjectKeyIdentifier (RFC 5280 §4.2.1.2), non-critical. */
export function subjectKeyIdentifierExtension(keyId: Buffer): Buffer {
  return extension(OID.subjectKeyIdentifier, false, octetString(keyId));
}

/** authorityKeyIdentifier with keyIdentifier [0] only (RFC 5280 §4.2.1.1), non-critical. */
export function authorityKeyIdentifierExtension(keyId: Buffer): Buffer {
  if (!Buffer.isBuffer(keyId) || keyId.length === 0) {
    throw new PkiError("INVALID_ARGUMENT", "The issuer key identifier is missing; pass the issuer certificate's subjectKeyIdentifier.");
  }
  return extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyId)));
}

/** subjectAltName; critical when the subject is empty (RFC 5280 §4.2.1.6). */
export function subjectAltNameExtension(san: SubjectAltNames, subjectEmpty: boolean): Buffer | null {
  const names = encodeGeneralNames(san);
  if (names.length === 0) {
    if (subjectEmpty) throw new PkiError("INVALID_ARGUMENT", "A certificate with an empty subject needs at least one subject alternative name (RFC 5280 §4.2.1.6).");
    return null;
  }
  return extension(OID.subjectAltName, subjectEmpty, sequence(...names));
}

/** cRLDistributionPoints with one DistributionPoint whose fullName lists the URIs (RFC 5280 §4.2.1.13). */
export function crlDistributionPointsExtension(uris: readonly string[]): Buffer {
  const fullName = tlv(0xa0, ...uris.map((u) => encodeUri(u, "The CRL distribution point")));
  return extension(OID.crlDistributionPoints, false, sequence(sequence(tlv(0xa0, fullName))));
}
