import type { ReportPeriod } from "@/lib/reports/schema";

/** A bucket's start as shown on the axis and in the table: YYYY-MM for months, the day otherwise. */
export function bucketLabel(bucket: Date, period: ReportPeriod): string {
  return period === "month" ? bucket.toISOString().slice(0, 7) : bucket.toISOString().slice(0, 10);
}
