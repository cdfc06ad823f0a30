import type { ReportPeriod } from "@/lib/reports/schema";
import type { IssuanceReport } from "@/lib/reports/types";
import { reasonLabel, type ReportMessages } from "@/lib/reports/messages";
import { bucketLabel } from "./bucket-label";

/** One row per period, CA and template with something to count; a column per revocation reason that occurs. */
export function ReportTable(props: { m: ReportMessages; report: IssuanceReport; period: ReportPeriod }) {
  const { m, report, period } = props;
  const reasons = report.reasons;
  if (report.rows.length === 0) return <p className="panel" data-testid="report-empty">{m.table.empty}</p>;
  const t = report.totals;
  return (
    <section className="panel">
      <h2 id="report-table-title">{m.table.title}</h2>
      <div className="table-scroll">
        <table className="table report-table" aria-labelledby="report-table-title" data-testid="report-table">
          <thead>
            <tr>
              <th scope="col" rowSpan={reasons.length ? 2 : 1}>{m.columns.period}</th>
              <th scope="col" rowSpan={reasons.length ? 2 : 1}>{m.columns.ca}</th>
              <th scope="col" rowSpan={reasons.length ? 2 : 1}>{m.columns.template}</th>
              <th scope="col" rowSpan={reasons.length ? 2 : 1} className="num">{m.columns.issued}</th>
              <th scope="colgroup" colSpan={reasons.length + 1} className="num">{m.columns.revoked}</th>
              <th scope="col" rowSpan={reasons.length ? 2 : 1} className="num">{m.columns.expired}</th>
              <th scope="col" rowSpan={reasons.length ? 2 : 1} className="num">{m.columns.delivered}</th>
            </tr>
            {reasons.length > 0 && (
              <tr>
                <th scope="col" className="num">{m.columns.total}</th>
                {reasons.map((r) => <th key={r} scope="col" className="num">{reasonLabel(m, r)}</th>)}
              </tr>
            )}
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={`${r.bucket.toISOString()}|${r.ca}|${r.template}`} data-testid="report-row">
                <th scope="row">{bucketLabel(r.bucket, period)}</th>
                <td>{r.ca}</td>
                <td>{r.template}</td>
                <td className="num">{r.issued}</td>
                <td className="num">{r.revokedTotal}</td>
                {reasons.map((x) => <td key={x} className="num">{r.revoked[x] ?? 0}</td>)}
                <td className="num">{r.expired}</td>
                <td className="num">{r.delivered}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="report-total">
              <th scope="row" colSpan={3}>{m.columns.total}</th>
              <td className="num">{t.issued}</td>
              <td className="num">{t.revokedTotal}</td>
              {reasons.map((x) => <td key={x} className="num">{t.revoked[x] ?? 0}</td>)}
              <td className="num">{t.expired}</td>
              <td className="num">{t.delivered}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
