import Link from "next/link";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from "@/lib/audit";
import { loadAuditLog } from "@/lib/audit/loaders";
import { auditMessages } from "@/lib/audit/messages";
import { isInkanError } from "@/lib/errors";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { Alert } from "@/components/ui/Alert";
import { AuditFilterForm } from "@/components/audit/AuditFilterForm";
import { AuditEventTable } from "@/components/audit/AuditEventTable";
import { VerifyChainPanel } from "@/components/audit/VerifyChainPanel";

const FILTER_KEYS = ["from", "to", "actor", "action", "targetType", "targetId", "ip", "outcome", "q"] as const;

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const locale = await getLocale();
  const m = auditMessages(locale);
  const filters = Object.fromEntries(FILTER_KEYS.filter((k) => params[k]).map((k) => [k, params[k] as string]));
  let data;
  let invalid: string | null = null;
  try {
    // No session → sign-in, OPERATOR → the console's 403 page (pageData); bad filters are shown here.
    data = await pageData(() => loadAuditLog({ ...filters, cursor: params.cursor }));
  } catch (err) {
    if (!isInkanError(err) || err.code !== "VALIDATION") throw err;
    invalid = err.messageIn(locale);
  }
  const filtered = Object.keys(filters).length > 0;
  const exportHref = (format: string) => `/ra/audit/export?${new URLSearchParams({ ...filters, format })}`;
  const nextHref = data?.page.nextCursor ? `/ra/audit?${new URLSearchParams({ ...filters, cursor: data.page.nextCursor })}` : null;
  return (
    <>
      <h1>{m.log.title}</h1>
      <p>{m.log.intro}</p>
      <AuditFilterForm m={m} values={filters} actions={AUDIT_ACTIONS} targetTypes={AUDIT_TARGET_TYPES} />
      {invalid && <Alert kind="error" testId="audit-filter-error">{invalid}</Alert>}
      {data && (
        <>
          <div className="row" style={{ margin: "12px 0" }}>
            <a className="btn" href={exportHref("csv")} download data-testid="export-csv">{m.log.exportCsv}</a>
            <a className="btn" href={exportHref("jsonl")} download data-testid="export-jsonl">{m.log.exportJsonl}</a>
          </div>
          <p className="help">{m.log.exportHelp}</p>
          {data.page.items.length === 0 ? (
            <p className="empty panel" data-testid="audit-empty">{filtered ? m.log.noMatch : m.log.empty}</p>
          ) : (
            <AuditEventTable m={m} events={data.page.items} />
          )}
          <div className="row" style={{ marginTop: 12 }}>
            {params.cursor && <Link className="btn" href={`/ra/audit?${new URLSearchParams(filters)}`}>{m.log.first}</Link>}
            {nextHref && <Link className="btn" href={nextHref} data-testid="audit-next">{m.log.next}</Link>}
          </div>
          <VerifyChainPanel
            m={m.verify}
            anchor={data.anchor ? { seq: data.anchor.seq, recordedAt: data.anchor.recordedAt } : null}
            last={data.lastVerification ? { ...data.lastVerification, at: data.lastVerification.at.toISOString() } : null}
          />
        </>
      )}
    </>
  );
}
