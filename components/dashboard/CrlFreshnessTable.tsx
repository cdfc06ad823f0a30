import Link from "next/link";
import type { CaMessages } from "@/lib/ca/messages";

export interface CrlFreshnessRow {
  slug: string;
  number: number | null;
  nextUpdate: string;
  /** "3d 4h" or null without a CRL. */
  remaining: string | null;
  percent: number | null;
  warning: boolean;
  overdue: boolean;
}

/** Each CA's CRL: red (with a word, not only a colour) under 25% of its validity left. */
export function CrlFreshnessTable({ rows, t }: { rows: CrlFreshnessRow[]; t: CaMessages["dashboard"] }) {
  return (
    <table className="data" data-testid="crl-freshness">
      <thead><tr><th scope="col">{t.ca}</th><th scope="col">{t.crlNumber}</th><th scope="col">{t.nextUpdate}</th><th scope="col">{t.remaining}</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.slug} data-testid={`crl-${r.slug}`} data-warning={r.warning ? "true" : "false"} style={r.warning ? { color: "#a4161a", fontWeight: 600 } : undefined}>
            <td><Link href={`/ra/authorities/${r.slug}`}>{r.slug}</Link></td>
            <td>{r.number ?? "-"}</td>
            <td>{r.nextUpdate}</td>
            <td>
              {r.remaining === null ? t.missing : `${r.remaining} (${r.percent}%)`}
              {r.overdue ? ` · ${t.overdue}` : r.warning && r.remaining !== null ? ` · ${t.stale}` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
