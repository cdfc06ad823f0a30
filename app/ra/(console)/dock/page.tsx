import { loadDock } from "@/lib/dock/loaders";
import { DOCK_MESSAGES } from "@/lib/dock/messages";
import { CA_MESSAGES } from "@/lib/ca/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";
import { DockAccounts } from "@/components/dock/DockAccounts";
import { DockCertificates } from "@/components/dock/DockCertificates";
import { ClearDockButton } from "@/components/dock/ClearDockButton";

/** /ra/dock (ドック): the signed-in administrator's accounts and certificates, to act on together. */
export default async function DockPage() {
  const dock = await pageData(() => loadDock());
  const { t: common, locale } = await getMessages();
  const t = DOCK_MESSAGES[locale].page;
  return (
    <>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>{t.title}</h1>
        <ClearDockButton counts={dock.counts} t={t} />
      </div>
      <p className="help">{t.intro}</p>
      <section aria-labelledby="dock-accounts-h">
        <h2 id="dock-accounts-h">{t.accounts} ({dock.counts.accounts})</h2>
        <DockAccounts
          t={t}
          groups={dock.groups}
          rows={dock.accounts.map((a) => ({ id: a.id, name: a.name, kind: a.kind, displayName: a.displayName, status: a.status, dockedAt: formatDateTime(a.dockedAt) }))}
        />
      </section>
      <section aria-labelledby="dock-certificates-h">
        <h2 id="dock-certificates-h">{t.certificates} ({dock.counts.certificates})</h2>
        <DockCertificates
          t={t}
          ca={CA_MESSAGES[locale].certificates}
          cancel={common.common.cancel}
          rows={dock.certificates.map((c) => ({
            id: c.id, serial: c.serial, subject: c.subject, accountName: c.accountName, accountDeleted: c.accountStatus === "DELETED",
            caSlug: c.caSlug, notAfter: formatDateTime(c.notAfter), state: c.state,
          }))}
        />
      </section>
    </>
  );
}
