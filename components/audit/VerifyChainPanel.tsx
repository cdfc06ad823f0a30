"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { verifyAuditLogAction } from "@/lib/audit/actions";
import { fill, type AuditMessages } from "@/lib/audit/messages";
import type { AuditLogVerification } from "@/lib/audit/verify";

/** The last recorded verification (an audit.verify event), as the page loaded it. */
export interface LastVerificationView {
  at: string;
  actor: string;
  ok: boolean;
  events: number | null;
  firstBrokenSeq: number | null;
  reason: string | null;
}
import { Alert } from "@/components/ui/Alert";
import { formatDateTime } from "@/components/ui/format";

/**
 * Chain verification on demand: the whole chain and the head anchor; a break links to its
 * event. Until the button is used, the last recorded verification (console or CLI) is shown.
 */
export function VerifyChainPanel(props: { m: AuditMessages["verify"]; anchor: { seq: number; recordedAt: string } | null; last: LastVerificationView | null }) {
  const { m } = props;
  const [result, setResult] = useState<AuditLogVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const anchor = result?.ok && result.head ? { seq: result.head.seq, recordedAt: result.verifiedAt } : props.anchor;
  return (
    <section className="panel" aria-labelledby="verify-title" data-testid="verify-panel">
      <h2 id="verify-title" style={{ marginTop: 0 }}>{m.title}</h2>
      <p data-testid="verify-anchor">{anchor ? fill(m.anchor, { seq: anchor.seq, time: formatDateTime(anchor.recordedAt) }) : m.noAnchor}</p>
      <div aria-live="polite">
        {error && <Alert kind="error" testId="verify-result">{error}</Alert>}
        {result && result.ok && (
          <Alert kind="ok" testId="verify-result">
            {result.head ? fill(m.ok, { events: result.events, seq: result.head.seq }) : m.okEmpty} {fill(m.verifiedAt, { time: formatDateTime(result.verifiedAt) })}
          </Alert>
        )}
        {result && !result.ok && (
          <Alert kind="error" testId="verify-result">
            {fill(m.broken, { seq: result.firstBrokenSeq ?? "?", reason: result.reason ?? "" })}{" "}
            {result.firstBrokenSeq !== undefined && <Link href={`/ra/audit/${result.firstBrokenSeq}`}>{fill(m.openBroken, { seq: result.firstBrokenSeq })}</Link>}
          </Alert>
        )}
        {!result && !error && !props.last && <p className="empty">{m.never}</p>}
        {!result && !error && props.last?.ok && (
          <p data-testid="verify-last">{fill(m.lastOk, { time: formatDateTime(props.last.at), actor: props.last.actor, events: props.last.events ?? "?" })}</p>
        )}
        {!result && !error && props.last && !props.last.ok && (
          <Alert kind="error" testId="verify-last">
            {fill(m.lastBroken, { time: formatDateTime(props.last.at), actor: props.last.actor, seq: props.last.firstBrokenSeq ?? "?", reason: props.last.reason ?? "" })}{" "}
            {props.last.firstBrokenSeq !== null && <Link href={`/ra/audit/${props.last.firstBrokenSeq}`}>{fill(m.openBroken, { seq: props.last.firstBrokenSeq })}</Link>}
          </Alert>
        )}
      </div>
      <button
        type="button" className="btn" disabled={pending} data-testid="verify-run"
        onClick={() => start(async () => {
          const r = await verifyAuditLogAction();
          if (r.ok) { setResult(r.data); setError(null); } else { setError(r.error.message); setResult(null); }
        })}
      >
        {pending ? m.running : m.run}
      </button>
    </section>
  );
}
