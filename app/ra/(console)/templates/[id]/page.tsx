import Link from "next/link";
import { loadTemplate } from "@/lib/templates/loaders";
import { TEMPLATE_MESSAGES } from "@/lib/templates/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { TemplateForm } from "@/components/templates/TemplateForm";
import { DeleteTemplateButton } from "@/components/templates/DeleteTemplateButton";

export const dynamic = "force-dynamic";

export default async function TemplatePage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { template, canEdit } = await pageData(() => loadTemplate(id));
  const { locale, t: app } = await getMessages();
  const t = TEMPLATE_MESSAGES[locale];
  return (
    <>
      <p><Link href="/ra/templates">{t.title}</Link> &gt; {template.name}</p>
      <h1 data-testid="template-title">{template.name} {template.builtIn && <span className="badge">{t.builtIn}</span>}</h1>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>{t.groups}</h2>
        {template.groups.length === 0 ? <p className="empty">{t.noGroups}</p> : (
          <ul data-testid="template-groups">{template.groups.map((g) => <li key={g.id}><Link href={`/ra/groups/${g.id}`}>{g.name}</Link></li>)}</ul>
        )}
        <p className="help">{t.attachHelp}</p>
      </section>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>{t.edit}</h2>
        {!canEdit && <p className="help">{t.readOnly}</p>}
        <TemplateForm template={template} t={t} readOnly={!canEdit} />
        {canEdit && (template.builtIn ? <p className="help">{t.builtInNoDelete}</p> : <DeleteTemplateButton id={template.id} t={t} cancel={app.common.cancel} />)}
      </section>
    </>
  );
}
