import Link from "next/link";
import type { AccountListQuery } from "@/lib/accounts/types";
import type { AccountMessages } from "@/lib/accounts/messages";

/** The list's search and filters: a plain GET form, so every state is a linkable URL. */
export function AccountFilters({ query, groups, t }: { query: AccountListQuery; groups: string[]; t: AccountMessages["list"] }) {
  return (
    <form className="panel" role="search" action="/ra/accounts" data-testid="account-filters">
      <div className="row" style={{ flexWrap: "wrap", gap: 8 }}>
        <input type="search" name="q" defaultValue={query.q} placeholder={t.search} aria-label={t.search} style={{ flex: "1 1 20em" }} />
        <label className="row">{t.kind}
          <select name="kind" defaultValue={query.kind?.toLowerCase() ?? ""}>
            <option value="">{t.anyKind}</option>
            <option value="user">{t.user}</option>
            <option value="server">{t.server}</option>
          </select>
        </label>
        <label className="row">{t.status}
          <select name="status" defaultValue={query.status?.toLowerCase() ?? ""}>
            <option value="">{t.anyStatus}</option>
            <option value="active">{t.active}</option>
            <option value="disabled">{t.disabled}</option>
            <option value="deleted">{t.deleted}</option>
          </select>
        </label>
        <label className="row">{t.group}
          <select name="group" defaultValue={query.group ?? ""}>
            <option value="">{t.anyGroup}</option>
            {groups.map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </label>
      </div>
      <div className="row" style={{ flexWrap: "wrap", gap: 8, marginTop: 8 }}>
        <label className="row"><input type="checkbox" name="valid" value="1" defaultChecked={query.hasValidCertificate} /> {t.valid}</label>
        <label className="row">{t.expiring}
          <input type="number" name="expiring" min={0} max={3650} defaultValue={query.expiringWithinDays} style={{ width: "6em" }} />
        </label>
        <label className="row">{t.sort}
          <select name="sort" defaultValue={query.sort ?? "created"}>
            <option value="created">{t.sortCreated}</option>
            <option value="name">{t.sortName}</option>
            <option value="expiry">{t.sortExpiry}</option>
          </select>
        </label>
        <button className="btn primary" type="submit">{t.apply}</button>
        <Link className="btn" href="/ra/accounts">{t.clear}</Link>
      </div>
    </form>
  );
}
