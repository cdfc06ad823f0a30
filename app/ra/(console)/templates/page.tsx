import Link from "next/link";
import { loadTemplateList } from "@/lib/templates/loaders";
import { TEMPLATE_MESSAGES } from "@/lib/templates/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";

export const dynamic = "force-dynamic";

function subjectSummary(subject: Record<string, { required: string[]; optional: string[] } | undefined>): string {
  return Object.entries(subject).filter(([, r]) => r).map(([k, r]) => `${k}=${[...r!.required, ...r!.optional.map((o) => `(${o})`)].join("/")}`).join(", ");
}

export default async function TemplatesPage() {
  const { templates, canEdit } = await pageData(() => loadTemplateList());
  const t = TEMPLATE_MESSAGES[await getLocale()];
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {canEdit ? <p><Link className="btn primary" href="/ra/templates/new" data-testid="new-template">{t.newTemplate}</Link></p> : <p className="help">{t.readOnly}</p>}
      {templates.length === 0 ? <p className="empty panel">{t.none}</p> : (
        <table className="data" data-testid="templates-table">
          <thead><tr><th>{t.name}</th><th>{t.usage}</th><th>{t.subject}</th><th>{t.validityDays}</th><th>{t.max}</th><th>{t.groups}</th></tr></thead>
          <tbody>
            {templates.map((tm) => (
              <tr key={tm.id} data-testid={`template-row-${tm.name}`}>
                <td><Link href={`/ra/templates/${tm.id}`}>{tm.name}</Link> {tm.builtIn && <span className="badge">{t.builtIn}</span>}</td>
                <td>{tm.usage === "SERVER" ? t.server : t.client}</td>
                <td>{subjectSummary(tm.subject) || "-"}</td>
                <td>{tm.validityDays}</td>
                <td>{tm.maxValidCertificates || t.unlimited}</td>
                <td>{tm.groups.map((g) => g.name).join(", ") || "-"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
