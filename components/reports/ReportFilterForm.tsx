import Link from "next/link";
import type { ReportMessages } from "@/lib/reports/messages";

/** The filters as a plain GET form: the URL is the report, so it can be bookmarked, printed and exported. */
export function ReportFilterForm(props: { m: ReportMessages; values: Record<string, string | undefined>; cas: string[]; templates: string[] }) {
  const { m, values: v } = props;
  return (
    <form className="panel report-no-print" role="search" action="/ra/reports" aria-label={m.filter.legend} data-testid="report-filters">
      <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fill, minmax(180px, 1fr))", gap: 12 }}>
        <div className="field">
          <label htmlFor="rf-period">{m.filter.period}</label>
          <select id="rf-period" name="period" defaultValue={v.period ?? "month"}>
            <option value="day">{m.filter.day}</option>
            <option value="week">{m.filter.week}</option>
            <option value="month">{m.filter.month}</option>
          </select>
        </div>
        <div className="field"><label htmlFor="rf-from">{m.filter.from}</label><input id="rf-from" name="from" type="date" defaultValue={v.from} /></div>
        <div className="field"><label htmlFor="rf-to">{m.filter.to}</label><input id="rf-to" name="to" type="date" defaultValue={v.to} /></div>
        <div className="field">
          <label htmlFor="rf-ca">{m.filter.ca}</label>
          <select id="rf-ca" name="ca" defaultValue={v.ca ?? ""}>
            <option value="">{m.filter.anyCa}</option>
            {props.cas.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rf-template">{m.filter.template}</label>
          <select id="rf-template" name="template" defaultValue={v.template ?? ""}>
            <option value="">{m.filter.anyTemplate}</option>
            {props.templates.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
      </div>
      <div className="row" style={{ marginTop: 12 }}>
        <button className="btn primary" type="submit" data-testid="report-show">{m.filter.show}</button>
        <Link className="btn" href="/ra/reports">{m.filter.reset}</Link>
      </div>
    </form>
  );
}
