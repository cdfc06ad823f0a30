// View types of the issuance history report (safe for components: no server code).
import type { ReportFilter } from "./schema";

export interface ReportCounts {
  issued: number;
  /** Revocations by RFC 5280 reason name ("unspecified" when none was given). */
  revoked: Record<string, number>;
  revokedTotal: number;
  expired: number;
  delivered: number;
}

export interface ReportRow extends ReportCounts {
  bucket: Date;
  ca: string;
  template: string;
}

export interface BucketTotals extends ReportCounts {
  bucket: Date;
}

export interface IssuanceReport {
  filter: ReportFilter;
  generatedAt: Date;
  /** Every bucket of the range, empty ones included (the chart's x axis). */
  buckets: BucketTotals[];
  /** Only the (bucket, CA, template) combinations with something to count, oldest first. */
  rows: ReportRow[];
  /** Revocation reasons that occur in the report, sorted. */
  reasons: string[];
  totals: ReportCounts;
}
