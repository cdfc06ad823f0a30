import Link from "next/link";
import type { ApplicationView } from "@/lib/applications/types";
import { statusText, type ApplicationMessages } from "@/lib/applications/messages";
import { formatDateTime } from "@/components/ui/format";

const VISUALLY_HIDDEN = { position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" } as const;

/** The RA list of registration applications: a real table, each row reached by its link. */
export function ApplicationTable({ items, t }: { items: ApplicationView[]; t: ApplicationMessages["list"] }) {
  return (
    <table className="data" data-testid="application-table">
      <caption style={VISUALLY_HIDDEN}>{t.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.userId}</th><th scope="col">{t.displayName}</th><th scope="col">{t.email}</th><th scope="col">{t.ua}</th>
          <th scope="col">{t.status}</th><th scope="col">{t.submitted}</th><th scope="col">{t.decided}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id} data-application={a.userId}>
            <th scope="row" style={{ fontWeight: "normal" }}><Link href={`/ra/applications/${a.id}`}>{a.userId}</Link></th>
            <td>{a.displayName}</td>
            <td>{a.email}</td>
            <td>{a.ua}</td>
            <td data-testid="application-status">{statusText(t, a.status)}</td>
            <td>{formatDateTime(a.createdAt)}</td>
            <td>{formatDateTime(a.decidedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
