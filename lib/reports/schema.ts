// The issuance report's filter: a period (day, week or month buckets in UTC) over a date
// range, optionally one CA and one template. Dates are whole UTC days; the range is widened
// to whole buckets so the first and last bars are comparable with the others.
import { z } from "zod";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";

export const REPORT_PERIODS = ["day", "week", "month"] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** The template column's value for certificates issued without a template. */
export const NO_TEMPLATE = "(none)";
/** More buckets than this make an unreadable chart and a slow page: narrow the range or widen the period. */
export const MAX_BUCKETS = 400;

const DAY_MS = 86_400_000;

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.string().max(max, `At most ${max} characters.`).optional());

const optionalDay = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Not a date (use YYYY-MM-DD).")
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "Not a date (use YYYY-MM-DD).")
    .optional(),
);

export const reportFilterSchema = z.object({
  period: z.preprocess((v) => (v === "" || v === undefined ? "month" : v), z.enum(REPORT_PERIODS, { message: "The period is day, week or month." })),
  from: optionalDay,
  to: optionalDay,
  ca: optionalText(64),
  template: optionalText(200),
});

export interface ReportFilter {
  period: ReportPeriod;
  /** Start of the first bucket (inclusive). */
  from: Date;
  /** End of the last bucket (exclusive). */
  to: Date;
  ca?: string;
  /** A template name, or NO_TEMPLATE for certificates without one. */
  template?: string;
}

/** The UTC start of the bucket holding `at`; weeks start on Monday (ISO 8601). */
export function bucketStart(at: Date, period: ReportPeriod): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  if (period === "day") return new Date(day);
  if (period === "week") return new Date(day - ((at.getUTCDay() + 6) % 7) * DAY_MS);
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(start: Date, period: ReportPeriod): Date {
  if (period === "day") return new Date(start.getTime() + DAY_MS);
  if (period === "week") return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** Every bucket start in the filter's range, oldest first. */
export function bucketStarts(filter: Pick<ReportFilter, "period" | "from" | "to">): Date[] {
  const starts: Date[] = [];
  for (let b = filter.from; b < filter.to; b = nextBucket(b, filter.period)) starts.push(b);
  return starts;
}

/**
 * Parses the query string. Without dates: the last 12 months by month (this month included).
 * `now` decides the default range only.
 */
export function parseReportFilter(params: Record<string, string | undefined>, now = new Date()): ReportFilter {
  const parsed = reportFilterSchema.safeParse(params);
  if (!parsed.success) {
    const text = (l: "en" | "ja") => parsed.error.issues.map((i) => `${i.path.join(".") || "filter"}: ${issueText(i.message)[l]}`).join(" ");
    throw new InkanError("VALIDATION", { en: text("en"), ja: text("ja") });
  }
  const { period, ca, template } = parsed.data;
  const toDay = parsed.data.to ? new Date(`${parsed.data.to}T00:00:00Z`) : now;
  const fromDay = parsed.data.from
    ? new Date(`${parsed.data.from}T00:00:00Z`)
    : parsed.data.to || period === "month"
      ? new Date(Date.UTC(toDay.getUTCFullYear(), toDay.getUTCMonth() - 11, 1))
      : new Date(toDay.getTime() - (period === "week" ? 12 * 7 : 30) * DAY_MS);
  if (fromDay > toDay) throw new InkanError("VALIDATION", { en: "from: The start of the range is after its end. Swap the dates.", ja: "from: 期間の開始が終了より後です。日付を入れ替えてください。" });
  const filter: ReportFilter = { period, from: bucketStart(fromDay, period), to: nextBucket(bucketStart(toDay, period), period), ca, template };
  const count = bucketStarts(filter).length;
  if (count > MAX_BUCKETS) {
    throw new InkanError("VALIDATION", { en: `The range holds ${count} ${period} periods; at most ${MAX_BUCKETS} fit in one report. Choose a shorter range or a longer period.`, ja: `期間に ${period} 単位の区間が ${count} 個あります。1つのレポートに入るのは ${MAX_BUCKETS} 個までです。期間を短くするか、単位を長くしてください。` });
  }
  return filter;
}

/** The filter as query parameters (for links and the export), dates as YYYY-MM-DD. */
export function reportFilterToQuery(filter: ReportFilter): Record<string, string> {
  const lastDay = new Date(filter.to.getTime() - DAY_MS);
  const q: Record<string, string> = { period: filter.period, from: filter.from.toISOString().slice(0, 10), to: lastDay.toISOString().slice(0, 10) };
  if (filter.ca) q.ca = filter.ca;
  if (filter.template) q.template = filter.template;
  return q;
}
