import { loadApiTokens } from "@/lib/auth/loaders";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";
import { ApiTokenForm, RevokeTokenButton } from "@/components/auth/ApiTokens";

export default async function TokensPage() {
  const tokens = await pageData(() => loadApiTokens());
  const { t } = await getMessages();
  return (
    <>
      <h1>{t.tokens.title}</h1>
      <section className="panel"><ApiTokenForm t={t.tokens} /></section>
      {tokens.length === 0 ? <p className="empty panel">{t.tokens.none}</p> : (
        <table className="data">
          <thead><tr><th>{t.tokens.name}</th><th>{t.tokens.role}</th><th>{t.accounts.created}</th><th>{t.tokens.lastUsed}</th><th></th></tr></thead>
          <tbody>
            {tokens.map((tk) => (
              <tr key={tk.id}>
                <td>{tk.name}</td><td>{tk.role}</td><td>{formatDateTime(tk.createdAt)}</td><td>{formatDateTime(tk.lastUsedAt)}</td>
                <td>{tk.revokedAt ? <span className="badge muted">{t.tokens.revokedLabel}</span> : <RevokeTokenButton id={tk.id} t={t.tokens} cancel={t.common.cancel} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
