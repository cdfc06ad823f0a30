import { loadDashboard } from "@/lib/ca/loaders";
import { CA_MESSAGES, fill } from "@/lib/ca/messages";
import { loadAccountCount } from "@/lib/accounts/loaders";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";
import { ExpiryChart } from "@/components/dashboard/ExpiryChart";
import { CrlFreshnessTable } from "@/components/dashboard/CrlFreshnessTable";

function duration(ms: number): string {
  const h = Math.floor(Math.abs(ms) / 3_600_000);
  const text = h >= 24 ? `${Math.floor(h / 24)}d ${h % 24}h` : `${h}h ${Math.floor((Math.abs(ms) % 3_600_000) / 60_000)}m`;
  return ms < 0 ? `-${text}` : text;
}

export default async function Dashboard() {
  const [{ counts, weeks, crls, recent }, accounts] = await pageData(() => Promise.all([loadDashboard(), loadAccountCount()]));
  const t = CA_MESSAGES[await getLocale()].dashboard;
  const bars = weeks.map((w) => ({ label: formatDateTime(w.from).slice(0, 10), count: w.count }));
  const busiest = bars.reduce((a, b) => (b.count > a.count ? b : a), bars[0]);
  const summary = fill(t.chartSummary, { total: bars.reduce((n, b) => n + b.count, 0), week: busiest?.label ?? "-", max: busiest?.count ?? 0 });
  return (
    <>
      <h1>{t.title}</h1>
      <div className="stats">
        <div className="stat"><span>{t.accounts}</span><b data-testid="stat-accounts">{accounts}</b></div>
        <div className="stat"><span>{t.valid}</span><b data-testid="stat-valid">{counts.valid}</b></div>
        <div className="stat"><span>{t.expiringSoon}</span><b data-testid="stat-expiring">{counts.expiringSoon}</b></div>
        <div className="stat"><span>{t.expired}</span><b data-testid="stat-expired">{counts.expired}</b></div>
        <div className="stat"><span>{t.revoked}</span><b data-testid="stat-revoked">{counts.revoked}</b></div>
      </div>
      <h2>{t.chartTitle}</h2>
      <ExpiryChart bars={bars} t={t} summary={summary} />
      <h2>{t.crlTitle}</h2>
      <CrlFreshnessTable
        t={t}
        rows={crls.map((c) => ({
          slug: c.slug, number: c.number, nextUpdate: formatDateTime(c.nextUpdate),
          remaining: c.remainingMs === null ? null : duration(c.remainingMs),
          percent: c.remainingFraction === null ? null : Math.round(c.remainingFraction * 100),
          warning: c.warning, overdue: c.remainingMs !== null && c.remainingMs < 0,
        }))}
      />
      <h2>{t.recent}</h2>
      {recent.length === 0 ? <p className="empty">{t.none}</p> : (
        <table className="data" data-testid="recent-activity">
          <thead><tr><th scope="col">{t.when}</th><th scope="col">{t.action}</th><th scope="col">{t.actor}</th><th scope="col">{t.target}</th><th scope="col">{t.outcome}</th></tr></thead>
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
