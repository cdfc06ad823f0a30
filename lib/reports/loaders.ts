import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { reportCsv, reportFilename } from "./csv";
import { buildIssuanceReport, reportFilterOptions } from "./data";
import { parseReportFilter } from "./schema";

type Params = Record<string, string | undefined>;

// Read-only counts: every console role may see them (auditors are the audience).

/** The report page: the report for the query string and the CA/template choices. */
export async function loadIssuanceReport(params: Params) {
  await requireActor(EVERYONE);
  const [report, options] = await Promise.all([buildIssuanceReport(parseReportFilter(params)), reportFilterOptions()]);
  return { report, options };
}

/** The export route: the same report as a CSV file. */
export async function exportIssuanceReport(params: Params): Promise<{ filename: string; body: string }> {
  await requireActor(EVERYONE);
  const report = await buildIssuanceReport(parseReportFilter(params));
  return { filename: reportFilename(report), body: reportCsv(report) };
}

/** The filter form's options only, for when the query string is invalid. */
export async function loadReportFilterOptions() {
  await requireActor(EVERYONE);
  return reportFilterOptions();
}
