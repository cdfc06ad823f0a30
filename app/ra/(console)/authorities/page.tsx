import Link from "next/link";
import { loadAuthorities } from "@/lib/ca/loaders";
import { CA_MESSAGES } from "@/lib/ca/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { currentAdmin } from "@/lib/auth/guard";
import { formatDateTime } from "@/components/ui/format";

// The seed's 認証局一覧: every issuing CA, and the UAs opened from it.
export default async function AuthoritiesPage() {
  const authorities = await pageData(() => loadAuthorities());
  const admin = await currentAdmin();
  const t = CA_MESSAGES[await getLocale()].authorities;
  return (
    <>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>{t.title}</h1>
        {admin?.role === "ADMIN" && <Link className="btn primary" href="/ra/authorities/new" data-testid="create-ca">{t.create}</Link>}
      </div>
      <p>{t.intro}</p>
      <table className="data" data-testid="authority-table">
        <thead>
          <tr><th scope="col">CA</th><th scope="col">{t.subject}</th><th scope="col">{t.signedBy}</th><th scope="col">{t.validity}</th><th scope="col">{t.nextUpdate}</th><th scope="col">{t.status}</th><th scope="col">{t.uas}</th></tr>
        </thead>
        <tbody>
          {authorities.map((ca) => (
            <tr key={ca.slug} data-testid={`ca-${ca.slug}`}>
              <td><Link href={`/ra/authorities/${ca.slug}`}>{ca.slug}</Link>{ca.name !== ca.slug && <><br /><small>{ca.name}</small></>}</td>
              <td className="mono">{ca.subject}</td>
              <td>{ca.parentSlug ? <Link href={`/ra/authorities/${ca.parentSlug}`}>{ca.parentSlug}</Link> : t.root}</td>
              <td>{formatDateTime(ca.notAfter)}</td>
              <td>{ca.crl ? formatDateTime(ca.crl.nextUpdate) : t.noCrl}</td>
              <td>{ca.revokedAt ? <span className="badge revoked">{t.revoked}</span> : <span className="badge ok">{t.active}</span>}</td>
              <td>
                {ca.uas.length === 0 ? <span className="empty" style={{ padding: 0 }}>{t.noUas}</span> : (
                  <ul style={{ margin: 0, paddingLeft: 16 }}>
                    {ca.uas.map((ua) => (
                      <li key={ua}>
                        {ua}: <Link href={`/ra/enrollment/${encodeURIComponent(ua)}`}>{t.uaSettings}</Link> · <a href={`/${encodeURIComponent(ua)}/ua`}>{t.uaSite}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
