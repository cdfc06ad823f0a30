/** X.509 v3 certificate construction from a profile (RFC 5280 §4.1, §4.2). */
import type { NonSharedBuffer } from "node:buffer";
import type { KeyObject } from "node:crypto";
import { PkiError } from "./errors";
import { TAG, bitString, explicit, integerFromBytes, sequence, time, tlv } from "./der-writer";
import {
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  crlDistributionPointsExtension,
  extendedKeyUsageExtension,
  keyUsageExtension,
  subjectAltNameExtension,
  subjectKeyIdentifierExtension,
} from "./extensions";
import type { SubjectAltNames } from "./general-names";
import { describeKey, keyIdentifierOf, splitSpki } from "./keys";
import { encodeName, nameDer, type DistinguishedName } from "./names";
import { assertValidSerial } from "./serial";
import { localSigner, signatureAlgorithmIdentifier, type Signer } from "./signer";
import type { ExtendedKeyUsage, KeyUsageFlag } from "./types";

/** What a certificate says about its subject; the issuer side comes from IssuanceContext. */
export interface CertificateProfile {
  subject: DistinguishedName;
  /** DER SubjectPublicKeyInfo of the subject's key (from a CSR or generated key). */
  subjectPublicKeySpki: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** null for end-entity certificates (basicConstraints CA:FALSE). */
  ca: { pathLength?: number } | null;
  keyUsage: KeyUsageFlag[];
  extendedKeyUsage?: (ExtendedKeyUsage | string)[];
  subjectAltNames?: SubjectAltNames;
  /** CRL distribution point URIs (RFC 5280 §4.2.1.13). */
  crlDistributionPoints?: string[];
}

/** The issuing CA: its name (attributes or exact DER Name), key identifier and signer, plus the serial. */
export interface IssuanceContext {
  issuer: { name: DistinguishedName | Buffer; keyIdentifier: Buffer };
  signer: Signer;
  /** DER INTEGER content bytes of a positive serial, e.g. from newSerial(). */
  serial: Buffer;
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } (RFC 5280 §4.1.1). */
export async function signTbs(tbs: Buffer, algId: Buffer, signer: Signer): Promise<NonSharedBuffer> {
  const signature = await signer.sign(tbs);
  return sequence(tbs, algId, bitString(signature));
}

function checkProfile(p: CertificateProfile): void {
  if (!p || typeof p !== "object") throw new PkiError("INVALID_ARGUMENT", "A certificate profile object is required.");
  if (!(p.notBefore instanceof Date) || !(p.notAfter instanceof Date) || !(p.notAfter.getTime() > p.notBefore.getTime())) {
    throw new PkiError("INVALID_ARGUMENT", "notAfter must be a Date later than notBefore (RFC 5280 §4.1.2.5).");
  }
  const usage = p.keyUsage ?? [];
  if (p.ca && !usage.includes("keyCertSign")) {
    throw new PkiError("INVALID_ARGUMENT", "A CA certificate needs the keyCertSign key usage (RFC 5280 §4.2.1.3).");
  }
  if (!p.ca && usage.includes("keyCertSign")) {
    throw new PkiError("INVALID_ARGUMENT", "keyCertSign is only allowed in CA certificates (RFC 5280 §4.2.1.3); remove it or set ca.");
  }
}

/** Signs a certificate for `profile` with the issuer in `ctx`; returns DER. */
export async function buildCertificate(profile: CertificateProfile, ctx: IssuanceContext): Promise<NonSharedBuffer> {
  checkProfile(profile);
  assertValidSerial(ctx.serial);
  const spki = profile.subjectPublicKeySpki;
  const spkiParts = splitSpki(spki);
  describeKey(spki); // enforces the key policy (size, curve, type)

  const subject = encodeName(profile.subject);
  const subjectEmpty = profile.subject.length === 0;
  const extensions: Buffer[] = [
    basicConstraintsExtension(profile.ca),
    keyUsageExtension(profile.keyUsage),
  ];
  if (profile.extendedKeyUsage?.length) extensions.push(extendedKeyUsageExtension(profile.extendedKeyUsage));
  extensions.push(subjectKeyIdentifierExtension(keyIdentifierOf(spkiParts)));
  extensions.push(authorityKeyIdentifierExtension(ctx.issuer.keyIdentifier));
  const san = subjectAltNameExtension(profile.subjectAltNames ?? {}, subjectEmpty);
  if (san) extensions.push(san);
  if (profile.crlDistributionPoints?.length) extensions.push(crlDistributionPointsExtension(profile.crlDistributionPoints));

  const algId = signatureAlgorithmIdentifier(ctx.signer.algorithm);
  const tbs = sequence(
    explicit(0, Buffer.from([TAG.INTEGER, 1, 2])), // version v3 (RFC 5280 §4.1.2.1)
    integerFromBytes(ctx.serial),
    algId,
    nameDer(ctx.issuer.name),
    sequence(time(profile.notBefore), time(profile.notAfter)),
    subject,
    spki,
    explicit(3, tlv(TAG.SEQUENCE, ...extensions)),
  );
  return signTbs(tbs, algId, ctx.signer);
}

/** Parameters of a self-signed root CA certificate. */
export interface SelfSignedCaParams {
  subject: DistinguishedName;
  /** The CA key, as a Signer or a node:crypto key pair. */
  signer?: Signer;
  keyPair?: { privateKey: KeyObject };
  notBefore: Date;
  notAfter: Date;
  serial: Buffer;
  pathLength?: number;
  crlDistributionPoints?: string[];
}

/** Self-signed root CA: CA:TRUE, keyCertSign + cRLSign + digitalSignature, AKI = own SKI. */
export async function buildSelfSignedCa(params: SelfSignedCaParams): Promise<NonSharedBuffer> {
  const signer = params.signer ?? (params.keyPair ? localSigner(params.keyPair.privateKey) : undefined);
  if (!signer) throw new PkiError("INVALID_ARGUMENT", "buildSelfSignedCa needs a signer or a keyPair.");
  if (params.subject.length === 0) throw new PkiError("INVALID_ARGUMENT", "A CA needs a non-empty subject name (RFC 5280 §4.1.2.6).");
  const spki = signer.publicKeySpki;
  const keyId = keyIdentifierOf(splitSpki(spki));
  return buildCertificate(
    {
      subject: params.subject,
      subjectPublicKeySpki: spki,
      notBefore: params.notBefore,
      notAfter: params.notAfter,
      ca: params.pathLength === undefined ? {} : { pathLength: params.pathLength },
      keyUsage: ["digitalSignature", "keyCertSign", "cRLSign"],
      crlDistributionPoints: params.crlDistributionPoints,
    },
    { issuer: { name: params.subject, keyIdentifier: keyId }, signer, serial: params.serial },
  );
}
