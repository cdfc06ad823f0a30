import Link from "next/link";
import { loadCertificateList } from "@/lib/ca/loaders";
import { CA_MESSAGES } from "@/lib/ca/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { currentAdmin } from "@/lib/auth/guard";
import { formatDateTime } from "@/components/ui/format";
import { Alert } from "@/components/ui/Alert";
import { CertificateTable } from "@/components/certificates/CertificateTable";
import { isInkanError } from "@/lib/errors";
import { DOCK_MESSAGES } from "@/lib/dock/messages";

const FILTERS = ["q", "status", "ca", "template", "expiresAfter", "expiresBefore", "sort"] as const;

export default async function CertificatesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const { t: common, locale } = await getMessages();
  const t = CA_MESSAGES[locale].certificates;
  const filters = Object.fromEntries(FILTERS.filter((k) => params[k]).map((k) => [k, params[k] as string]));
  // A bad filter (e.g. a malformed date) is shown above an empty list, not as an error page.
  let error: string | undefined;
  const list = await pageData(() => loadCertificateList({ ...filters, cursor: params.cursor })).catch((err: unknown) => {
    if (isInkanError(err) && err.code === "VALIDATION") {
      error = err.messageIn(locale);
      return null;
    }
    throw err;
  });
  const admin = await currentAdmin();
  const now = Date.now();
  const filtered = Object.keys(filters).some((k) => k !== "sort");
  const nextHref = list?.nextCursor ? `/ra/certificates?${new URLSearchParams({ ...filters, cursor: list.nextCursor })}` : null;
  const dateValue = (k: "expiresAfter" | "expiresBefore") => (/^\d{4}-\d{2}-\d{2}$/.test(params[k] ?? "") ? params[k] : undefined);
  return (
    <>
      <h1>{t.title}</h1>
      <form className="panel" role="search" action="/ra/certificates" data-testid="certificate-search">
        <div className="row">
          <input type="search" name="q" defaultValue={params.q} placeholder={t.search} aria-label={t.search} style={{ flex: 1, minWidth: 240 }} />
          <label>{t.status}{" "}
            <select name="status" defaultValue={params.status ?? ""}>
              <option value="">{t.any}</option>
              <option value="valid">{t.valid}</option>
              <option value="expired">{t.expired}</option>
              <option value="revoked">{t.revoked}</option>
            </select>
          </label>
          <label>{t.ca}{" "}
            <select name="ca" defaultValue={params.ca ?? ""}>
              <option value="">{t.any}</option>
              {(list?.authorities ?? []).map((slug) => <option key={slug} value={slug}>{slug}</option>)}
            </select>
          </label>
        </div>
        <div className="row" style={{ marginTop: 8 }}>
          <label>{t.template}{" "}<input type="text" name="template" defaultValue={params.template} size={12} /></label>
          <label>{t.expiresAfter}{" "}<input type="date" name="expiresAfter" defaultValue={dateValue("expiresAfter")} /></label>
          <label>{t.expiresBefore}{" "}<input type="date" name="expiresBefore" defaultValue={dateValue("expiresBefore")} /></label>
          <label>{t.sort}{" "}
            <select name="sort" defaultValue={params.sort ?? "issued"}>
              <option value="issued">{t.sortIssued}</option>
              <option value="expiry">{t.sortExpiry}</option>
            </select>
          </label>
          <button className="btn primary" type="submit">{t.searchButton}</button>
          <Link className="btn" href="/ra/certificates">{t.reset}</Link>
        </div>
      </form>
      {error && <Alert kind="error" testId="search-error">{error}</Alert>}
      {list && (list.items.length === 0 ? (
        <p className="empty panel" data-testid="certificates-empty">{filtered || params.cursor ? t.noMatch : t.empty}</p>
      ) : (
        <CertificateTable
          t={t}
          cancel={common.common.cancel}
          canRevoke={admin?.role === "ADMIN" || admin?.role === "OPERATOR"}
          dock={{ putSelected: DOCK_MESSAGES[locale].putSelected, putDone: DOCK_MESSAGES[locale].putDone, putAlready: DOCK_MESSAGES[locale].putAlready }}
          rows={list.items.map((c) => ({
            id: c.id, serial: c.serial, subject: c.subject, accountName: c.accountName, caSlug: c.caSlug, templateName: c.templateName,
            notAfter: formatDateTime(c.notAfter),
            state: c.status === "REVOKED" ? "revoked" : c.notAfter.getTime() <= now ? "expired" : "valid",
          }))}
        />
      ))}
      <div className="row" style={{ marginTop: 12 }}>
        {params.cursor && <Link className="btn" href={`/ra/certificates?${new URLSearchParams(filters)}`}>{t.first}</Link>}
        {nextHref && <Link className="btn" href={nextHref} data-testid="next-page">{t.next}</Link>}
      </div>
    </>
  );
}
