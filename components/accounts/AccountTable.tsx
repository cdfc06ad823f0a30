import Link from "next/link";
import type { AccountListItem } from "@/lib/accounts/types";
import type { AccountMessages } from "@/lib/accounts/messages";
import { formatDateTime } from "@/components/ui/format";

// Read by screen readers, not shown (the page heading already says it).
const VISUALLY_HIDDEN = { position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" } as const;

const statusText = (s: AccountListItem["status"], t: AccountMessages["list"]) => (s === "ACTIVE" ? t.active : s === "DISABLED" ? t.disabled : t.deleted);

/**
 * The account list: a real table (caption, column headers), each row reached by its link.
 * With `selection`, each row has a checkbox for the dock (read by components/dock/DockSelectionForm).
 */
export function AccountTable({ items, caption, t, selection }: { items: AccountListItem[]; caption: string; t: AccountMessages["list"]; selection?: { select: string; selectAll: string } }) {
  return (
    <table className="data" data-testid="account-table">
      <caption style={VISUALLY_HIDDEN}>{caption}</caption>
      <thead>
        <tr>
          {selection && <th scope="col"><input type="checkbox" data-select-all aria-label={selection.selectAll} /></th>}
          <th scope="col">{t.name}</th><th scope="col">{t.kind}</th><th scope="col">{t.displayName}</th><th scope="col">{t.contact}</th>
          <th scope="col">{t.status}</th><th scope="col">{t.certificates}</th><th scope="col">{t.nextExpiry}</th><th scope="col">{t.created}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id} data-account={a.name}>
            {selection && <td><input type="checkbox" name="dock-id" value={a.id} aria-label={`${selection.select} ${a.name}`} /></td>}
            <th scope="row" style={{ fontWeight: "normal" }}><Link href={`/ra/accounts/${encodeURIComponent(a.name)}`}>{a.name}</Link></th>
            <td>{a.kind === "SERVER" ? t.server : t.user}</td>
            <td>{a.displayName}</td>
            <td>{a.kind === "SERVER" ? a.hostnames.join(", ") : a.email}</td>
            <td>{statusText(a.status, t)}</td>
            <td>{a.validCertificates}</td>
            <td>{formatDateTime(a.nextExpiry)}</td>
            <td>{formatDateTime(a.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
