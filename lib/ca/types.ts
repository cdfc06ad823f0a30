import type { KeyAlgorithm, RevocationReason } from "@/lib/pki";

export type CertificateStatus = "ISSUED" | "REVOKED";
export type CertificateSource = "KEYGEN" | "CSR";

export interface AuthorityView {
  id: string;
  slug: string;
  name: string;
  subject: string;
  keyAlgorithm: KeyAlgorithm;
  crlNumber: number;
  crlValidityHours: number;
  certificateDer: Buffer;
  createdAt: Date;
  /** The signing CA of an intermediate; null for a self-signed root. */
  parentSlug: string | null;
  serial: string | null;
  revokedAt: Date | null;
  revocationReason: RevocationReason | null;
}

export interface CertificateView {
  id: string;
  serial: string;
  caSlug: string;
  accountName: string;
  accountKind: "USER" | "SERVER";
  subject: string;
  sans: string[];
  keyAlgorithm: string;
  notBefore: Date;
  notAfter: Date;
  status: CertificateStatus;
  source: CertificateSource;
  revokedAt: Date | null;
  revocationReason: RevocationReason | null;
  hasServerKey: boolean;
  createdAt: Date;
}

export interface CrlView {
  caSlug: string;
  number: number;
  thisUpdate: Date;
  nextUpdate: Date;
  entries: number;
  der: Buffer;
}
