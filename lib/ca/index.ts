export { createAuthority, revokeAuthority, type CreateAuthorityInput } from "./authorities";
export { revokeCertificates, MAX_BULK_REVOKE, type BulkRevokeResult } from "./bulk-revoke";
export { searchCertificates, parseCertificateSearch, certificateSearchSchema, type CertificateSearch, type CertificateSearchInput, type CertificatePage } from "./search";
export { recountCertificates, reindexCertificateText } from "./counts";
export { certificateCounts, expiringPerWeek, crlFreshness, type ExpiryWeek, type CrlFreshness, type CertificateCounts } from "./dashboard";
export { issueFromCsr, issueWithServerKey, previewCsr } from "./issue";
export { revokeCertificate } from "./revoke";
export { publishCrl, refreshDueCrls } from "./crl";
export { downloadCertificate, exportPkcs12, type DeliveredFile, type CertificateFormat } from "./delivery";
export {
  DEFAULT_CA_SLUG, listAuthorities, findAuthorityCertificate, getCertificate, listCertificatesForAccount,
  countCertificatesByStatus, currentCrl, crlUrlFor, getAuthority, authorityChain,
} from "./data";
export { keyAlgorithmSchema, revocationReasonSchema, serialSchema, pkcs12PasswordSchema, pkcs12EncryptionSchema, REVOCATION_REASONS, MAX_CSR_BYTES } from "./schema";
export { parseSubject } from "./subject";
export type { AuthorityView, CertificateView, CrlView, CertificateStatus } from "./types";
export { distributionFile, type DistributionFile } from "./distribution";
export { certificateJson } from "./api";
export { loadAuthority } from "./data";
export { caSigner, openLeafKey } from "./key-custody";
export { issueForGroup, parseBulkIssueOptions, type BulkIssueOptions, type BulkIssueResult, type BulkIssueMemberResult, type BulkIssueProgress } from "./group-issue";
