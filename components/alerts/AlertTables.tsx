import Link from "next/link";
import type { AlertMessages } from "@/lib/alerts/messages";
import type { AlertView, UpcomingWarning } from "@/lib/alerts/types";
import { formatDateTime } from "@/components/ui/format";

/** The next expiry warnings the scheduler will send, soonest first. */
export function UpcomingWarningsTable({ items, t }: { items: UpcomingWarning[]; t: AlertMessages["page"] }) {
  if (items.length === 0) return <p className="empty" data-testid="upcoming-empty">{t.noUpcoming}</p>;
  return (
    <table className="data" data-testid="upcoming-table">
      <thead><tr><th>{t.due}</th><th>{t.daysLeft}</th><th>{t.target}</th><th>{t.account}</th><th>{t.expires}</th></tr></thead>
      <tbody>
        {items.map((w) => (
          <tr key={`${w.caSlug}-${w.serial}-${w.step}`} data-testid={`upcoming-${w.serial}-${w.step}`}>
            <td>{formatDateTime(w.dueAt)}</td>
            <td>{w.step}</td>
            <td><Link className="mono" href={`/ra/certificates/${w.serial}`}>{w.serial}</Link><br /><small>{w.subject}</small></td>
            <td>{w.accountName}</td>
            <td>{formatDateTime(w.notAfter)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function channels(a: AlertView, t: AlertMessages["page"]): string {
  const used = [a.emailSentAt && t.channelEmail, a.webhookSentAt && t.channelWebhook].filter(Boolean);
  return used.length ? used.join(", ") : a.status === "SENT" ? t.channelNone : "";
}

/** Alerts raised so far, newest first: what went out, on which channel, and what failed. */
export function SentAlertsTable({ items, t }: { items: AlertView[]; t: AlertMessages["page"] }) {
  if (items.length === 0) return <p className="empty" data-testid="sent-empty">{t.noSent}</p>;
  return (
    <table className="data" data-testid="sent-table">
      <thead><tr><th>{t.when}</th><th>{t.kind}</th><th>{t.target}</th><th>{t.daysLeft}</th><th>{t.status}</th><th>{t.channels}</th><th>{t.attempts}</th><th>{t.error}</th></tr></thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id} data-testid={`alert-${a.id}`}>
            <td>{formatDateTime(a.sentAt ?? a.createdAt)}</td>
            <td>{t[`kind${a.kind}`]}</td>
            <td>
              {a.certificate ? <Link className="mono" href={`/ra/certificates/${a.certificate.serial}`}>{a.certificate.serial}</Link>
                : a.kind === "CRL_FRESHNESS" ? <Link href={`/ra/authorities/${a.target}`}>{a.target}</Link> : a.target}
              {(a.certificate || a.message) && <><br /><small>{a.certificate ? `${a.certificate.subject} (${a.certificate.accountName})` : a.message}</small></>}
            </td>
            <td>{a.step ?? ""}</td>
            <td>{t[`status${a.status}`]}</td>
            <td>{channels(a, t)}</td>
            <td>{a.attempts}</td>
            <td>{a.lastError}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
