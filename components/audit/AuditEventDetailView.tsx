import Link from "next/link";
import type { AuditEventDetail } from "@/lib/audit/search";
import { fill, type AuditMessages } from "@/lib/audit/messages";
import { Alert } from "@/components/ui/Alert";
import { formatDateTime } from "@/components/ui/format";
import { targetFilterHref, targetHref } from "./target-href";

/** One event in full: who, what, where from, the details as stored, and its own integrity checks. */
export function AuditEventDetailView(props: { m: AuditMessages; event: AuditEventDetail }) {
  const { m, event: e } = props;
  const href = targetHref(e.targetType, e.targetId);
  const ua = typeof e.parsedDetails?.ua === "string" ? e.parsedDetails.ua : null;
  return (
    <>
      <p><Link href="/ra/audit">{m.event.back}</Link> &gt; {fill(m.event.title, { seq: e.seq })}</p>
      <h1>{fill(m.event.title, { seq: e.seq })}</h1>
      <section className="panel">
        <dl className="info" data-testid="audit-event">
          <dt>{m.event.at}</dt><dd>{formatDateTime(e.at)} <span className="mono">({e.at.toISOString()})</span></dd>
          <dt>{m.event.actor}</dt><dd className="mono" data-testid="event-actor">{e.actor}</dd>
          <dt>{m.event.action}</dt><dd data-testid="event-action">{e.action}</dd>
          <dt>{m.event.outcome}</dt><dd>{e.outcome === "SUCCESS" ? m.log.success : m.log.failure}</dd>
          <dt>{m.event.target}</dt>
          <dd data-testid="event-target">
            {e.targetType && e.targetId ? (
              <>
                {m.targets[e.targetType as keyof AuditMessages["targets"]] ?? e.targetType}: <span className="mono">{e.targetId}</span>{" "}
                {href && <Link className="btn" href={href} data-testid="event-target-link">{m.event.openTarget}</Link>}{" "}
                <Link href={targetFilterHref(e.targetType, e.targetId)}>{m.log.title}</Link>
              </>
            ) : "-"}
            {ua && <> · {m.targets.ua}: <Link href={`/ra/enrollment/${encodeURIComponent(ua)}`}>{ua}</Link></>}
          </dd>
          <dt>{m.event.ip}</dt><dd className="mono">{e.ip ?? "-"}</dd>
          <dt>{m.event.userAgent}</dt><dd className="mono" style={{ wordBreak: "break-all" }}>{e.userAgent ?? "-"}</dd>
        </dl>
      </section>
      <h2>{m.event.details}</h2>
      <section className="panel">
        {e.parsedDetails && Object.keys(e.parsedDetails).length > 0 ? (
          <dl className="info" data-testid="event-details">
            {Object.entries(e.parsedDetails).map(([k, v]) => (
              <div key={k} style={{ display: "contents" }}><dt>{k}</dt><dd className="mono" style={{ wordBreak: "break-all" }}>{typeof v === "string" ? v : JSON.stringify(v)}</dd></div>
            ))}
          </dl>
        ) : <p className="empty">{m.event.noDetails}</p>}
        <p>{m.event.rawDetails}</p>
        <pre className="pem" data-testid="event-raw-details">{e.details}</pre>
      </section>
      <h2>{m.event.integrity}</h2>
      <section className="panel">
        <Alert kind={e.hashMatches ? "ok" : "error"} testId="event-hash-check">{e.hashMatches ? m.event.hashOk : m.event.hashBad}</Alert>
        <Alert kind={e.linkMatches ? "ok" : "error"} testId="event-link-check">{e.linkMatches ? m.event.linkOk : m.event.linkBad}</Alert>
        <dl className="info">
          <dt>{m.event.prevHash}</dt><dd className="mono" style={{ wordBreak: "break-all" }}>{e.prevHash}</dd>
          <dt>{m.event.hash}</dt><dd className="mono" style={{ wordBreak: "break-all" }}>{e.hash}</dd>
        </dl>
      </section>
      <nav className="row" aria-label={m.event.title.replace(" {seq}", "")} style={{ marginTop: 12 }}>
        {e.previousSeq !== null && <Link className="btn" href={`/ra/audit/${e.previousSeq}`} rel="prev">{m.event.previous}</Link>}
        {e.nextSeq !== null && <Link className="btn" href={`/ra/audit/${e.nextSeq}`} rel="next">{m.event.next}</Link>}
      </nav>
    </>
  );
}
