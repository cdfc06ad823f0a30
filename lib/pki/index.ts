/**
 * Inkan's PKI core: pure functions over bytes. No database, no environment, no clock:
 * time, keys and signers are parameters. Everything public is re-exported here.
 */
export { PkiError, isPkiError, type PkiErrorCode } from "./errors";
export {
  KEY_ALGORITHMS,
  KEY_USAGE_BITS,
  REVOCATION_REASON_CODES,
  revocationReasonFromCode,
  type ExtendedKeyUsage,
  type KeyAlgorithm,
  type KeyDescription,
  type KeyUsageFlag,
  type NamedCurve,
  type RevocationReason,
  type SignatureAlgorithm,
} from "./types";
export { EKU_OIDS } from "./oids";
export { describeKey, generateKeyPair, spkiOf, subjectKeyIdentifier } from "./keys";
export { localSigner, signatureAlgorithmForKey, type Signer } from "./signer";
export { decodeName, encodeName, escapeDnValue, formatDn, type DecodedName, type DistinguishedName, type DnAttributeType } from "./names";
export { SERIAL_LENGTH, assertValidSerial, newSerial, serialFromHex, serialToHex } from "./serial";
export type { SubjectAltNames } from "./general-names";
export type { ParsedSubjectAltNames } from "./extensions-parse";
export {
  buildCertificate,
  buildSelfSignedCa,
  type CertificateProfile,
  type IssuanceContext,
  type SelfSignedCaParams,
} from "./certificate-build";
export { colonHex, parseCertificate, verifyCertificateSignature, type CertificateInfo } from "./certificate-parse";
export { MAX_CSR_BYTES, parseCsr, type ParseCsrOptions, type ParsedCsr, type RequestedExtensions } from "./csr";
export { buildCrl, type CrlEntryInput, type CrlParams } from "./crl-build";
export { parseCrl, verifyCrlSignature, type CrlEntryInfo, type CrlInfo } from "./crl-parse";
export { PEM_LABEL, fromPem, fromPemAll, toPem, type PemBlock } from "./pem";
export { buildPkcs12, type Pkcs12Encryption, type Pkcs12Params } from "./pkcs12";
export { readPkcs12, type Pkcs12Contents } from "./pkcs12-read";
export { signCms, type CmsSignParams } from "./cms";
export { buildMobileconfig, type MobileconfigParams } from "./mobileconfig";
export {
  ALB_MTLS_HEADER, normalizeSerialHex, parseAlbClientCertHeaders, parseAlbValidity, parseDnString, parseUrlEncodedCertificates, sameDistinguishedName,
  type AlbClientCertificate, type DnStringAttribute, type HeaderSource,
} from "./alb-headers";
