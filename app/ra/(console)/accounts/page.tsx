import Link from "next/link";
import { loadAccountList } from "@/lib/accounts/loaders";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const page = await pageData(() => loadAccountList({ q: params.q, kind: params.kind, cursor: params.cursor }));
  const { t } = await getMessages();
  const filtered = Boolean(params.q || params.kind);
  const nextHref = page.nextCursor ? `/ra/accounts?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), ...(params.kind ? { kind: params.kind } : {}), cursor: page.nextCursor })}` : null;
  return (
    <>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>{t.accounts.title}</h1>
        <Link className="btn primary" href="/ra/accounts/new">{t.nav.newAccount}</Link>
      </div>
      <form className="row panel" role="search" action="/ra/accounts">
        <input type="search" name="q" defaultValue={params.q} placeholder={t.accounts.search} aria-label={t.accounts.search} style={{ flex: 1 }} />
        <select name="kind" defaultValue={params.kind ?? ""} aria-label={t.accounts.kind}>
          <option value="">{t.accounts.kind}: *</option>
          <option value="USER">{t.accounts.user}</option>
          <option value="SERVER">{t.accounts.server}</option>
        </select>
        <button className="btn" type="submit">{t.accounts.searchButton}</button>
      </form>
      {page.items.length === 0 ? (
        <p className="empty panel">{filtered ? t.accounts.noMatch : t.accounts.empty}</p>
      ) : (
        <table className="data" data-testid="account-table">
          <thead><tr><th>{t.accounts.name}</th><th>{t.accounts.kind}</th><th>{t.accounts.displayName}</th><th>{t.accounts.email} / {t.accounts.hostnames}</th><th>{t.accounts.status}</th><th>{t.accounts.created}</th></tr></thead>
          <tbody>
            {page.items.map((a) => (
              <tr key={a.id}>
                <td><Link href={`/ra/accounts/${encodeURIComponent(a.name)}`}>{a.name}</Link></td>
                <td>{a.kind === "SERVER" ? t.accounts.server : t.accounts.user}</td>
                <td>{a.displayName}</td>
                <td>{a.kind === "SERVER" ? a.hostnames.join(", ") : a.email}</td>
                <td>{a.status === "ACTIVE" ? t.accounts.active : t.accounts.disabled}</td>
                <td>{formatDateTime(a.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row" style={{ marginTop: 12 }}>
        {params.cursor && <Link className="btn" href="/ra/accounts">{t.accounts.first}</Link>}
        {nextHref && <Link className="btn" href={nextHref}>{t.accounts.next}</Link>}
      </div>
    </>
  );
}
