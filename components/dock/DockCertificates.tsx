"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { revokeCertificatesAction } from "@/lib/ca/actions";
import type { CaMessages } from "@/lib/ca/messages";
import { fill, type DockMessages } from "@/lib/dock/messages";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { REVOCATION_REASON_CHOICES } from "@/components/certificates/RevokeForm";
import { RemoveFromDock } from "./RemoveFromDock";
import { useSelection } from "./useSelection";

export interface DockCertificateRow {
  id: string;
  serial: string;
  subject: string;
  accountName: string;
  accountDeleted: boolean;
  caSlug: string;
  notAfter: string;
  state: "valid" | "expired" | "revoked";
}

/**
 * The dock's certificates: select some and revoke them through the certificate list's bulk
 * revoke (same action, same confirmation naming the count and reason), or take them out.
 */
export function DockCertificates({ rows, t, ca, cancel }: { rows: DockCertificateRow[]; t: DockMessages["page"]; ca: CaMessages["certificates"]; cancel: string }) {
  const router = useRouter();
  const reasonSelect = useId();
  const selection = useSelection(rows.map((r) => r.id));
  const [reason, setReason] = useState("unspecified");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const count = selection.selected.length;
  // Revoked ones stay selectable (to take them out of the dock) but are not revoked again.
  const revocable = rows.filter((r) => r.state !== "revoked" && selection.has(r.id)).map((r) => r.id);
  const allSelected = rows.length > 0 && count === rows.length;

  const revoke = () =>
    start(async () => {
      const result = await revokeCertificatesAction(revocable, reason);
      if (!result.ok) return setMessage({ ok: false, text: result.error.message });
      const parts = [fill(ca.bulkDone, { count: result.data.revoked.length })];
      if (result.data.alreadyRevoked.length) parts.push(fill(ca.bulkAlready, { count: result.data.alreadyRevoked.length }));
      setMessage({ ok: true, text: parts.join(" ") });
      selection.clear();
      router.refresh();
    });
  const removed = (r: { ok: boolean; text: string } | null, n: number) => {
    setMessage(r ?? { ok: true, text: fill(t.removed, { count: n }) });
    if (!r) selection.clear();
  };

  if (rows.length === 0) return <p className="empty panel" data-testid="dock-certificates-empty">{t.noCertificates}</p>;
  return (
    <>
      {message && <Alert kind={message.ok ? "ok" : "error"} testId="dock-certificates-result">{message.text}</Alert>}
      <div className="row panel" data-testid="dock-certificates-bar">
        <span aria-live="polite" data-testid="dock-certificates-selected">{fill(t.selected, { count })}</span>
        <label htmlFor={reasonSelect}>{ca.reason}</label>
        <select id={reasonSelect} value={reason} onChange={(e) => setReason(e.target.value)}>
          {REVOCATION_REASON_CHOICES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <ConfirmButton
          label={ca.bulkRevoke}
          question={fill(ca.bulkConfirm, { count: revocable.length, reason })}
          confirmLabel={ca.bulkRevoke}
          cancelLabel={cancel}
          disabled={pending || revocable.length === 0}
          testId="bulk-revoke"
          onConfirm={revoke}
        />
        <RemoveFromDock kind="certificate" ids={selection.selected} label={t.removeSelected} testId="dock-certificates-remove-selected" onResult={removed} />
      </div>
      {revocable.length < count && <p className="help" data-testid="dock-revoke-note">{t.revokeNote}</p>}
      <table className="data" data-testid="dock-certificates">
        <caption className="help" style={{ textAlign: "left" }}>{t.certificates}</caption>
        <thead>
          <tr>
            <th scope="col"><input type="checkbox" aria-label={`${t.selectAll} (${t.certificates})`} checked={allSelected} onChange={(e) => selection.setAll(e.target.checked)} /></th>
            <th scope="col">{t.serial}</th><th scope="col">{t.subject}</th><th scope="col">{t.account}</th><th scope="col">{t.ca}</th>
            <th scope="col">{t.notAfter}</th><th scope="col">{t.status}</th><th scope="col"><span className="help">{t.remove}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-serial={r.serial}>
              <td><input type="checkbox" aria-label={`${t.select} ${r.serial}`} checked={selection.has(r.id)} onChange={(e) => selection.toggle(r.id, e.target.checked)} /></td>
              <td className="mono"><Link href={`/ra/certificates/${r.serial}`}>{r.serial}</Link></td>
              <td className="mono">{r.subject}</td>
              <td>
                <Link href={`/ra/accounts/${encodeURIComponent(r.accountName)}`}>{r.accountName}</Link>
                {r.accountDeleted && <> <span className="badge muted">{t.accountDeleted}</span></>}
              </td>
              <td>{r.caSlug}</td>
              <td>{r.notAfter}</td>
              <td data-testid="dock-certificate-status">
                <span className={`badge ${r.state === "valid" ? "ok" : r.state === "revoked" ? "revoked" : "muted"}`}>
                  {r.state === "valid" ? t.valid : r.state === "revoked" ? t.revoked : t.expired}
                </span>
              </td>
              <td><RemoveFromDock kind="certificate" ids={[r.id]} label={t.remove} ariaLabel={`${t.remove} ${r.serial}`} testId="dock-remove" onResult={removed} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
