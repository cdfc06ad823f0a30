import Link from "next/link";
import type { AuditEventView } from "@/lib/audit/search";
import type { AuditMessages } from "@/lib/audit/messages";
import { formatDateTime } from "@/components/ui/format";

function summary(details: string): string {
  return details === "{}" ? "" : details.length > 120 ? `${details.slice(0, 117)}…` : details;
}

export function AuditEventTable(props: { m: AuditMessages; events: AuditEventView[] }) {
  const { m } = props;
  return (
    <table className="data" data-testid="audit-table">
      <thead>
        <tr><th scope="col">{m.log.seq}</th><th scope="col">{m.log.at}</th><th scope="col">{m.log.actor}</th><th scope="col">{m.log.action}</th><th scope="col">{m.log.target}</th><th scope="col">{m.log.ip}</th><th scope="col">{m.log.outcome}</th><th scope="col">{m.log.details}</th></tr>
      </thead>
      <tbody>
        {props.events.map((e) => (
          <tr key={e.seq} data-testid="audit-row">
            <td><Link href={`/ra/audit/${e.seq}`} aria-label={`${m.log.seq}${e.seq}`}>{e.seq}</Link></td>
            <td>{formatDateTime(e.at)}</td>
            <td className="mono">{e.actor}</td>
            <td>{e.action}</td>
            <td className="mono">{e.targetType ? `${m.targets[e.targetType as keyof AuditMessages["targets"]] ?? e.targetType}: ${e.targetId ?? ""}` : ""}</td>
            <td className="mono">{e.ip}</td>
            <td>{e.outcome === "SUCCESS" ? m.log.success : <span className="badge revoked">{m.log.failure}</span>}</td>
            <td className="mono" style={{ wordBreak: "break-all" }}>{summary(e.details)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
