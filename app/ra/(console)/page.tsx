import Link from "next/link";
import { loadDashboard } from "@/lib/ca/loaders";
import { loadAccountCount } from "@/lib/accounts/loaders";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";

export default async function Dashboard() {
  const [{ counts, authorities, recent }, accounts] = await pageData(() => Promise.all([loadDashboard(), loadAccountCount()]));
  const { t } = await getMessages();
  return (
    <>
      <h1>{t.dashboard.title}</h1>
      <div className="stats">
        <div className="stat"><span>{t.dashboard.accounts}</span><b data-testid="stat-accounts">{accounts}</b></div>
        <div className="stat"><span>{t.dashboard.issued}</span><b data-testid="stat-issued">{counts.ISSUED ?? 0}</b></div>
        <div className="stat"><span>{t.dashboard.revoked}</span><b data-testid="stat-revoked">{counts.REVOKED ?? 0}</b></div>
      </div>
      <h2>{t.dashboard.crl}</h2>
      <table className="data">
        <thead><tr><th>CA</th><th>{t.dashboard.crlNumber}</th><th>{t.dashboard.nextUpdate}</th></tr></thead>
        <tbody>
          {authorities.map((ca) => (
            <tr key={ca.slug}>
              <td><Link href="/ra/authorities">{ca.slug}</Link></td>
              <td>{ca.crl?.number ?? "-"}</td>
              <td>{formatDateTime(ca.crl?.nextUpdate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.dashboard.recent}</h2>
      {recent.length === 0 ? <p className="empty">{t.dashboard.none}</p> : (
        <table className="data">
          <tbody>
            {recent.map((e) => (
              <tr key={e.id}><td>{formatDateTime(e.at)}</td><td>{e.action}</td><td>{e.actor}</td><td className="mono">{e.targetId}</td><td>{e.outcome}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
