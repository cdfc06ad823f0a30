"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeCertificatesAction } from "@/lib/ca/actions";
import { fill, type CaMessages } from "@/lib/ca/messages";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { DockPutButton, type DockPutLabels } from "@/components/dock/DockPutButton";
import { REVOCATION_REASON_CHOICES } from "./RevokeForm";

export interface CertificateRowView {
  id: string;
  serial: string;
  subject: string;
  accountName: string;
  caSlug: string;
  templateName: string | null;
  notAfter: string;
  state: "valid" | "expired" | "revoked";
}

/**
 * The certificate list with a selection for bulk revoke and for the dock. The confirmation
 * names the count and the reason; revoked rows cannot be selected. Text is rendered by React,
 * never as HTML.
 */
export function CertificateTable(props: { rows: CertificateRowView[]; t: CaMessages["certificates"]; cancel: string; canRevoke: boolean; dock?: DockPutLabels }) {
  const { t, rows } = props;
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState("unspecified");
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [pending, start] = useTransition();
  const selectable = rows.filter((r) => r.state !== "revoked");
  const allSelected = selectable.length > 0 && selectable.every((r) => selected.has(r.id));

  function toggle(id: string, on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function revokeSelected() {
    start(async () => {
      const result = await revokeCertificatesAction([...selected], reason);
      if (!result.ok) {
        setMessage({ ok: false, text: result.error.message });
        return;
      }
      const parts = [fill(t.bulkDone, { count: result.data.revoked.length })];
      if (result.data.alreadyRevoked.length) parts.push(fill(t.bulkAlready, { count: result.data.alreadyRevoked.length }));
      setMessage({ ok: true, text: parts.join(" ") });
      setSelected(new Set());
      router.refresh();
    });
  }

  return (
    <>
      {message && <Alert kind={message.ok ? "ok" : "error"} testId="bulk-result">{message.text}</Alert>}
      {props.canRevoke && (
        <div className="row panel" data-testid="bulk-bar">
          <span data-testid="selected-count" aria-live="polite">{fill(t.selected, { count: selected.size })}</span>
          <label htmlFor="bulk-reason">{t.reason}</label>
          <select id="bulk-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
            {REVOCATION_REASON_CHOICES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
          <ConfirmButton
            label={t.bulkRevoke}
            question={fill(t.bulkConfirm, { count: selected.size, reason })}
            confirmLabel={t.bulkRevoke}
            cancelLabel={props.cancel}
            disabled={pending || selected.size === 0}
            testId="bulk-revoke"
            onConfirm={revokeSelected}
          />
          {props.dock && <DockPutButton kind="certificate" ids={[...selected]} t={props.dock} onDone={() => setSelected(new Set())} />}
        </div>
      )}
      <table className="data" data-testid="certificate-table">
        <thead>
          <tr>
            {props.canRevoke && (
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t.selectAll}
                  checked={allSelected}
                  disabled={selectable.length === 0}
                  onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map((r) => r.id)) : new Set())}
                />
              </th>
            )}
            <th scope="col">{t.serial}</th><th scope="col">{t.subject}</th><th scope="col">{t.account}</th><th scope="col">{t.ca}</th>
            <th scope="col">{t.template}</th><th scope="col">{t.notAfter}</th><th scope="col">{t.status}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-serial={r.serial}>
              {props.canRevoke && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t.select} ${r.serial}`}
                    checked={selected.has(r.id)}
                    disabled={r.state === "revoked"}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                  />
                </td>
              )}
              <td className="mono"><Link href={`/ra/certificates/${r.serial}`}>{r.serial}</Link></td>
              <td className="mono">{r.subject}</td>
              <td><Link href={`/ra/accounts/${encodeURIComponent(r.accountName)}`}>{r.accountName}</Link></td>
              <td>{r.caSlug}</td>
              <td>{r.templateName ?? t.none}</td>
              <td>{r.notAfter}</td>
              <td>
                <span className={`badge ${r.state === "valid" ? "ok" : r.state === "revoked" ? "revoked" : "muted"}`}>
                  {r.state === "valid" ? t.valid : r.state === "revoked" ? t.revoked : t.expired}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
