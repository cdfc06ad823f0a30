export { buildIssuanceReport, reportFilterOptions, UNKNOWN_CA } from "./data";
export type { IssuanceReport, ReportRow, BucketTotals, ReportCounts } from "./types";
export { parseReportFilter, reportFilterToQuery, bucketStart, nextBucket, bucketStarts, REPORT_PERIODS, NO_TEMPLATE, MAX_BUCKETS, type ReportFilter, type ReportPeriod } from "./schema";
export { reportCsv, reportFilename } from "./csv";
