import Link from "next/link";
import { loadApplicationList } from "@/lib/applications/loaders";
import { APPLICATION_MESSAGES } from "@/lib/applications/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { ApplicationTable } from "@/components/applications/ApplicationTable";

export const dynamic = "force-dynamic";

const FILTERS = ["PENDING", "APPROVED", "REJECTED", "ALL"] as const;

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { query, page } = await pageData(() => loadApplicationList(params));
  const t = APPLICATION_MESSAGES[await getLocale()].list;
  const label = (s: (typeof FILTERS)[number]) => (s === "PENDING" ? t.pending : s === "APPROVED" ? t.approved : s === "REJECTED" ? t.rejected : t.all);
  const href = (status: string, after?: string) => `/ra/applications?${new URLSearchParams({ status: status.toLowerCase(), ...(after ? { after } : {}) })}`;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <nav className="row" aria-label={t.status} data-testid="application-filter">
        <span>{t.filter}:</span>
        {FILTERS.map((s) => (
          <Link key={s} className={s === query.status ? "btn primary" : "btn"} href={href(s)} aria-current={s === query.status ? "page" : undefined}>{label(s)}</Link>
        ))}
      </nav>
      {page.items.length === 0 ? (
        <p className="empty panel" data-testid="application-list-empty">{t.empty}</p>
      ) : (
        <ApplicationTable items={page.items} t={t} />
      )}
      <nav className="row" style={{ marginTop: 12 }} aria-label={t.title}>
        {query.after && <Link className="btn" href={href(query.status)}>{t.first}</Link>}
        {page.nextCursor && <Link className="btn" rel="next" href={href(query.status, page.nextCursor)}>{t.next}</Link>}
      </nav>
    </>
  );
}
