import Link from "next/link";
import { loadAccountSummary } from "@/lib/accounts/loaders";
import { ACCOUNT_MESSAGES, fill } from "@/lib/accounts/messages";
import { loadAccountCertificates } from "@/lib/ca/loaders";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { Alert } from "@/components/ui/Alert";
import { EditAccountForm } from "@/components/accounts/EditAccountForm";
import { AccountStatusButton } from "@/components/accounts/AccountStatusButton";
import { DeleteAccountDialog } from "@/components/accounts/DeleteAccountDialog";
import { formatDateTime } from "@/components/ui/format";
import { IssuePkcs12Form } from "@/components/certificates/IssuePkcs12Form";
import { IssueCsrForm } from "@/components/certificates/IssueCsrForm";
import { StatusBadge } from "@/components/certificates/StatusBadge";
import { AccountGroupsPanel } from "@/components/groups/AccountGroupsPanel";
import { EffectiveTemplatePanel } from "@/components/templates/EffectiveTemplatePanel";
import { DockToggleButton } from "@/components/dock/DockToggleButton";
import { loadDockState } from "@/lib/dock/loaders";
import { DOCK_MESSAGES } from "@/lib/dock/messages";

export default async function AccountPage({ params }: { params: Promise<{ name: string }> }) {
  const name = decodeURIComponent((await params).name);
  const [{ account, certificates: counts, canWrite }, certificates] = await pageData(() => Promise.all([loadAccountSummary(name), loadAccountCertificates(name)]));
  const { t, locale } = await getMessages();
  const ta = ACCOUNT_MESSAGES[locale].page;
  const dock = account.status === "DELETED" ? null : await pageData(() => loadDockState("account", account.id));
  const statusText = account.status === "ACTIVE" ? t.accounts.active : account.status === "DISABLED" ? t.accounts.disabled : ACCOUNT_MESSAGES[locale].list.deleted;
  return (
    <>
      <p><Link href="/ra/accounts">{t.nav.accounts}</Link> &gt; {account.name}</p>
      <h1 data-testid="account-title">{account.kind === "SERVER" ? t.accounts.server : t.accounts.user}: {account.name}</h1>
      {account.deletedAt && <Alert kind="info" testId="deleted-banner">{fill(ta.deletedBanner, { time: formatDateTime(account.deletedAt) })}</Alert>}
      <div className="grid2">
        <section className="panel" aria-labelledby="info-h">
          <h2 id="info-h" style={{ marginTop: 0 }}>{t.account.info}</h2>
          <dl className="info">
            <dt>{account.kind === "SERVER" ? t.accounts.server : t.accounts.user}</dt><dd>{account.name}</dd>
            <dt>{t.accounts.displayName}</dt><dd>{account.displayName ?? "-"}</dd>
            <dt>{t.accounts.created}</dt><dd>{formatDateTime(account.createdAt)}</dd>
            <dt>{t.accounts.status}</dt><dd data-testid="account-status">{statusText}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="attr-h">
          <h2 id="attr-h" style={{ marginTop: 0 }}>{t.account.attributes}</h2>
          <dl className="info">
            {account.kind === "SERVER" ? (
              <><dt>{t.accounts.hostnames}</dt><dd data-testid="hostnames">{account.hostnames.join(", ")}</dd></>
            ) : (
              <>
                <dt>{t.accounts.email}</dt><dd>{account.email ?? "-"}</dd>
                <dt>{t.accounts.uaPassword}</dt><dd>{account.hasUaPassword ? "●●●●●●●●" : t.account.none}</dd>
              </>
            )}
          </dl>
        </section>
      </div>
      <div className="grid2">
        <AccountGroupsPanel account={account.name} />
        <EffectiveTemplatePanel account={account} />
      </div>
      {account.status !== "DELETED" && (
        <section className="panel" aria-labelledby="ops-h" data-testid="account-operations">
          <h2 id="ops-h" style={{ marginTop: 0 }}>{ta.operations}</h2>
          {canWrite ? (
            <>
              <h3>{ta.editTitle}</h3>
              <EditAccountForm account={account} t={ta} />
              <div className="row" style={{ marginTop: 12 }}>
                <AccountStatusButton name={account.name} status={account.status === "DISABLED" ? "DISABLED" : "ACTIVE"} t={ta} />
                <DeleteAccountDialog name={account.name} valid={counts.valid} total={counts.total} t={ta} />
                {dock && <DockToggleButton kind="account" id={account.id} inDock={dock.inDock} t={{ put: DOCK_MESSAGES[locale].put, remove: DOCK_MESSAGES[locale].remove, inDock: DOCK_MESSAGES[locale].inDock }} />}
              </div>
            </>
          ) : (
            <p className="help">{ta.readOnly}</p>
          )}
        </section>
      )}
      <h2>{t.account.history}</h2>
      <table className="data" data-testid="history-table">
        <thead><tr><th>#</th><th>{t.account.serial}</th><th>{t.account.start}</th><th>{t.account.expiry}</th><th>{t.account.status}</th><th>{t.account.revokedAt}</th><th>{t.account.keyType}</th></tr></thead>
        <tbody>
          {certificates.length === 0 ? (
            <tr><td colSpan={7} className="empty">{t.account.noCertificates}</td></tr>
          ) : certificates.map((c, i) => (
            <tr key={c.id}>
              <td>{i + 1}</td>
              <td className="mono"><Link href={`/ra/certificates/${c.serial}`}>{c.serial}</Link></td>
              <td>{formatDateTime(c.notBefore)}</td>
              <td>{formatDateTime(c.notAfter)}</td>
              <td><StatusBadge status={c.status} t={t.certificate} /></td>
              <td>{formatDateTime(c.revokedAt)}</td>
              <td>{c.keyAlgorithm}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {account.status === "ACTIVE" && (
        <>
          <h2>{t.account.issue}</h2>
          <div className="grid2">
            <section className="panel"><IssuePkcs12Form account={account.name} t={t.account} /></section>
            <section className="panel"><IssueCsrForm account={account.name} t={t.account} /></section>
          </div>
        </>
      )}
    </>
  );
}
