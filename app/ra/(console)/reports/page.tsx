import { loadIssuanceReport, loadReportFilterOptions } from "@/lib/reports/loaders";
import { reportFilterToQuery } from "@/lib/reports/schema";
import { fill, reportMessages } from "@/lib/reports/messages";
import { isInkanError } from "@/lib/errors";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { Alert } from "@/components/ui/Alert";
import { ReportFilterForm } from "@/components/reports/ReportFilterForm";
import { ReportChart } from "@/components/reports/ReportChart";
import { ReportTable } from "@/components/reports/ReportTable";
import { PrintButton } from "@/components/reports/PrintButton";
import { ReportPrintStyle } from "@/components/reports/ReportPrintStyle";

export const dynamic = "force-dynamic";

const FILTER_KEYS = ["period", "from", "to", "ca", "template"] as const;

export default async function IssuanceReportPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const locale = await getLocale();
  const m = reportMessages(locale);
  const filters = Object.fromEntries(FILTER_KEYS.filter((k) => params[k]).map((k) => [k, params[k] as string]));
  let data;
  let invalid: string | null = null;
  try {
    data = await pageData(() => loadIssuanceReport(filters));
  } catch (err) {
    if (!isInkanError(err) || err.code !== "VALIDATION") throw err;
    invalid = err.messageIn(locale);
  }
  const options = data?.options ?? (await pageData(() => loadReportFilterOptions()));
  const query = data ? reportFilterToQuery(data.report.filter) : null;
  return (
    <>
      <ReportPrintStyle />
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <details className="panel report-no-print" data-testid="report-help">
        <summary>{m.help.title}</summary>
        <ul>
          {(["period", "issued", "revoked", "expired", "delivered", "none"] as const).map((k) => <li key={k}>{m.help[k]}</li>)}
        </ul>
      </details>
      <ReportFilterForm m={m} values={query ? { ...query } : filters} cas={options.cas} templates={options.templates} />
      {invalid && <Alert kind="error" testId="report-filter-error">{invalid}</Alert>}
      {data && query && (
        <>
          <div className="row report-no-print" style={{ margin: "12px 0" }}>
            <a className="btn" href={`/ra/reports/export?${new URLSearchParams(query)}`} download data-testid="report-export-csv">{m.exportCsv}</a>
            <PrintButton label={m.print} />
          </div>
          <p className="help" data-testid="report-generated">
            {fill(m.generatedAt, { time: data.report.generatedAt.toISOString().slice(0, 16).replace("T", " "), from: query.from, to: query.to, period: m.filter[query.period as "day" | "week" | "month"] })}
            {query.ca ? ` · ${m.filter.ca}: ${query.ca}` : ""}
            {query.template ? ` · ${m.filter.template}: ${query.template}` : ""}
          </p>
          <ReportChart m={m} buckets={data.report.buckets} period={data.report.filter.period} from={query.from} to={query.to} />
          <ReportTable m={m} report={data.report} period={data.report.filter.period} />
        </>
      )}
    </>
  );
}
