import Link from "next/link";
import { loadTemplateList } from "@/lib/templates/loaders";
import { TEMPLATE_MESSAGES } from "@/lib/templates/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { TemplateForm } from "@/components/templates/TemplateForm";

export const dynamic = "force-dynamic";

export default async function NewTemplatePage() {
  const { canEdit } = await pageData(() => loadTemplateList());
  const t = TEMPLATE_MESSAGES[await getLocale()];
  return (
    <>
      <p><Link href="/ra/templates">{t.title}</Link> &gt; {t.newTemplate}</p>
      <h1>{t.newTemplate}</h1>
      {canEdit ? <section className="panel"><TemplateForm template={null} t={t} /></section> : <p className="help">{t.readOnly}</p>}
    </>
  );
}
