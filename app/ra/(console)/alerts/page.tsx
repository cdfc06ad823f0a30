import Link from "next/link";
import { loadAlertsPage } from "@/lib/alerts/loaders";
import { ALERT_MESSAGES } from "@/lib/alerts/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { AlertSettingsForm } from "@/components/alerts/AlertSettingsForm";
import { TestEmailForm } from "@/components/alerts/TestEmailForm";
import { SentAlertsTable, UpcomingWarningsTable } from "@/components/alerts/AlertTables";

export const dynamic = "force-dynamic";

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { cursor } = await searchParams;
  const { settings, upcoming, sent, adminEmail } = await pageData(() => loadAlertsPage({ cursor }));
  const t = ALERT_MESSAGES[await getLocale()].page;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <section className="panel" aria-labelledby="alerts-settings">
        <h2 id="alerts-settings">{t.settings}</h2>
        <AlertSettingsForm settings={settings} t={t} />
      </section>
      <section className="panel" aria-labelledby="alerts-test">
        <h2 id="alerts-test">{t.testTitle}</h2>
        <TestEmailForm defaultTo={adminEmail} t={t} />
      </section>
      <section className="panel" aria-labelledby="alerts-upcoming">
        <h2 id="alerts-upcoming">{t.upcoming}</h2>
        <UpcomingWarningsTable items={upcoming} t={t} />
      </section>
      <section className="panel" aria-labelledby="alerts-sent">
        <h2 id="alerts-sent">{t.sent}</h2>
        <SentAlertsTable items={sent.items} t={t} />
        <div className="row" style={{ marginTop: 12 }}>
          {cursor && <Link className="btn" href="/ra/alerts">{t.first}</Link>}
          {sent.nextCursor && <Link className="btn" href={`/ra/alerts?${new URLSearchParams({ cursor: sent.nextCursor })}`} data-testid="sent-next">{t.next}</Link>}
        </div>
      </section>
    </>
  );
}
