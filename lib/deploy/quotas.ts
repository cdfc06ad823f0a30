// AWS limits the deploy checks BEFORE calling, so an operator gets a message that names the
// quota instead of an opaque AWS error half-way through a rotation.
// ELB "Quotas for your Application Load Balancers" (mutual TLS) and the ACM import rules.
export const ALB_QUOTAS = {
  /** CA certificates per trust store bundle. */
  caCertificatesPerBundle: 25,
  /** Size of one CA certificate in the bundle (PEM). */
  caCertificateBytes: 16 * 1024,
  /** Size of one revocation file. */
  revocationFileBytes: 50 * 1024 * 1024,
  /** Revoked entries across all revocation lists of one trust store. */
  revokedEntriesPerTrustStore: 500_000,
  /** Revocation lists per trust store. */
  revocationListsPerTrustStore: 30,
} as const;

export const ACM_RULES = {
  /** ImportCertificate: the private key may be at most 5 KB. */
  privateKeyBytes: 5 * 1024,
} as const;

export type AlbQuotas = { [K in keyof typeof ALB_QUOTAS]: number };
