import Link from "next/link";
import { loadAccountList } from "@/lib/accounts/loaders";
import { listQueryString } from "@/lib/accounts/list-query";
import { ACCOUNT_MESSAGES, fill } from "@/lib/accounts/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { Alert } from "@/components/ui/Alert";
import { AccountFilters } from "@/components/accounts/AccountFilters";
import { AccountTable } from "@/components/accounts/AccountTable";
import { DockSelectionForm } from "@/components/dock/DockSelectionForm";
import { DOCK_MESSAGES } from "@/lib/dock/messages";

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { query, problems, page, groups, canWrite } = await pageData(() => loadAccountList(params));
  const locale = await getLocale();
  const t = ACCOUNT_MESSAGES[locale].list;
  const dock = DOCK_MESSAGES[locale];
  const { after, ...withoutCursor } = query;
  const filtered = Object.keys(withoutCursor).some((k) => k !== "sort");
  const sortLabel = query.sort === "name" ? t.sortName : query.sort === "expiry" ? t.sortExpiry : t.sortCreated;
  return (
    <>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>{t.title}</h1>
        {canWrite && (
          <div className="row">
            <Link className="btn" href="/ra/accounts/import">{t.importCsv}</Link>
            <Link className="btn primary" href="/ra/accounts/new">{t.newAccount}</Link>
          </div>
        )}
      </div>
      <AccountFilters query={query} groups={groups} t={t} />
      {problems.length > 0 && <Alert kind="error" testId="list-problems">{t.ignored} {problems.map((p) => p[locale]).join(" ")}</Alert>}
      {query.sort === "expiry" && <p className="help">{t.expiryNote}</p>}
      {page.items.length === 0 ? (
        <p className="empty panel" data-testid="account-list-empty">{filtered || after ? t.noMatch : t.empty}</p>
      ) : canWrite ? (
        // Staff may put a selection in their dock (an auditor has none).
        <DockSelectionForm kind="account" t={{ putSelected: dock.putSelected, putDone: dock.putDone, putAlready: dock.putAlready, selected: dock.page.selected }}>
          <AccountTable items={page.items} caption={fill(t.caption, { sort: sortLabel })} t={t} selection={{ select: dock.page.select, selectAll: dock.page.selectAll }} />
        </DockSelectionForm>
      ) : (
        <AccountTable items={page.items} caption={fill(t.caption, { sort: sortLabel })} t={t} />
      )}
      <nav className="row" style={{ marginTop: 12 }} aria-label={t.title}>
        {after && <Link className="btn" href={`/ra/accounts${listQueryString(withoutCursor)}`}>{t.first}</Link>}
        {page.nextCursor && <Link className="btn" rel="next" href={`/ra/accounts${listQueryString({ ...withoutCursor, after: page.nextCursor })}`}>{t.next}</Link>}
      </nav>
    </>
  );
}
