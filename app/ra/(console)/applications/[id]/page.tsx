import Link from "next/link";
import { loadApplication } from "@/lib/applications/loaders";
import { APPLICATION_MESSAGES, statusText } from "@/lib/applications/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";
import { Alert } from "@/components/ui/Alert";
import { ApplicationDecision } from "@/components/applications/ApplicationDecision";
import { targetFilterHref } from "@/components/audit/target-href";

export const dynamic = "force-dynamic";

export default async function ApplicationPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { application: a, groups, canWrite } = await pageData(() => loadApplication(id));
  const { locale, t: app } = await getMessages();
  const { detail: t, list } = APPLICATION_MESSAGES[locale];
  const rows: Array<[string, React.ReactNode, string?]> = [
    [t.userId, a.userId], [t.displayName, a.displayName], [t.email, a.email], [t.note, a.note || t.noNote],
    [t.ua, <Link key="ua" href={`/ra/enrollment/${a.ua}`}>{a.ua}</Link>],
    [t.status, statusText(list, a.status), "application-detail-status"], [t.submitted, formatDateTime(a.createdAt)],
    [t.ip, a.ip ?? ""], [t.userAgent, a.userAgent ?? ""],
  ];
  if (a.status === "PENDING") rows.push([t.groups, groups.length ? groups.join(", ") : t.noGroups, "application-detail-groups"]);
  if (a.status !== "PENDING") rows.push([t.decidedAt, formatDateTime(a.decidedAt)], [t.decidedBy, a.decidedBy ?? ""]);
  if (a.rejectReason) rows.push([t.rejectReason, a.rejectReason, "application-detail-reason"]);
  if (a.accountName) rows.push([t.account, <Link key="acc" href={`/ra/accounts/${encodeURIComponent(a.accountName)}`} data-testid="application-account">{a.accountName}</Link>]);
  return (
    <>
      <p><Link href="/ra/applications">{t.back}</Link></p>
      <h1>{t.title}: {a.userId}</h1>
      <section className="panel">
        <table className="data" data-testid="application-detail">
          <tbody>
            {rows.map(([k, v, testId]) => <tr key={k}><th scope="row">{k}</th><td data-testid={testId}>{v}</td></tr>)}
          </tbody>
        </table>
      </section>
      {a.status === "PENDING" && (
        <section className="panel">
          {canWrite ? <ApplicationDecision id={a.id} userId={a.userId} t={t} cancel={app.common.cancel} /> : <Alert kind="info">{t.readOnly}</Alert>}
        </section>
      )}
      <p><Link href={targetFilterHref("application", a.id)}>{t.audit}</Link></p>
    </>
  );
}
