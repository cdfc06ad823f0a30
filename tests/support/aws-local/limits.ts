// ELB quotas for trust stores (Elastic Load Balancing user guide, "Quotas for your Application
// Load Balancers"). Tests may lower them to reach a limit without building huge fixtures.
export interface ElbLimits {
  maxTrustStores: number;
  maxCaCertificates: number;
  maxCaCertificateBytes: number;
  maxRevocationFilesPerTrustStore: number;
  maxRevocationFileBytes: number;
  maxRevokedEntriesPerTrustStore: number;
}

export const AWS_ELB_LIMITS: ElbLimits = {
  maxTrustStores: 100,
  maxCaCertificates: 25,
  maxCaCertificateBytes: 16 * 1024,
  maxRevocationFilesPerTrustStore: 30,
  maxRevocationFileBytes: 50 * 1024 * 1024,
  maxRevokedEntriesPerTrustStore: 500_000,
};
