import Link from "next/link";
import { loadImportPage } from "@/lib/accounts/loaders";
import { MAX_IMPORT_BYTES } from "@/lib/accounts";
import { ACCOUNT_MESSAGES } from "@/lib/accounts/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { ImportAccounts } from "@/components/accounts/ImportAccounts";

export default async function ImportAccountsPage() {
  const { canWrite } = await pageData(() => loadImportPage());
  const locale = await getLocale();
  const m = ACCOUNT_MESSAGES[locale];
  const t = m.import;
  return (
    <>
      <p><Link href="/ra/accounts">{m.list.title}</Link> &gt; {t.title}</p>
      <h1>{t.title}</h1>
      <section className="panel">
        <p>{t.intro}</p>
        <h2 style={{ marginTop: 0 }}>{t.columns}</h2>
        <ul>
          <li><code>{t.colUserId}</code></li><li><code>{t.colName}</code></li><li><code>{t.colEmail}</code></li>
          <li><code>{t.colGroups}</code></li><li><code>{t.colHostnames}</code></li><li><code>{t.colKind}</code></li>
        </ul>
        <p className="help">{t.rule}</p>
      </section>
      {canWrite ? <ImportAccounts t={t} locale={locale} maxBytes={MAX_IMPORT_BYTES} /> : <p className="panel">{t.readOnly}</p>}
    </>
  );
}
