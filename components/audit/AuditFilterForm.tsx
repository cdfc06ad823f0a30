import Link from "next/link";
import type { AuditMessages } from "@/lib/audit/messages";

/** The filters as a plain GET form: the URL is the state, so every view can be bookmarked and exported. */
export function AuditFilterForm(props: { m: AuditMessages; values: Record<string, string | undefined>; actions: readonly string[]; targetTypes: readonly string[] }) {
  const { m, values: v } = props;
  const families = [...new Set(props.actions.map((a) => a.split(".")[0]))];
  return (
    <form className="panel audit-filters" role="search" action="/ra/audit" aria-label={m.log.filters} data-testid="audit-filters">
      <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))", gap: 12 }}>
        <div className="field"><label htmlFor="af-from">{m.log.from}</label><input id="af-from" name="from" type="datetime-local" step={1} defaultValue={v.from} /></div>
        <div className="field"><label htmlFor="af-to">{m.log.to}</label><input id="af-to" name="to" type="datetime-local" step={1} defaultValue={v.to} /></div>
        <div className="field">
          <label htmlFor="af-actor">{m.log.actor}</label>
          <input id="af-actor" name="actor" defaultValue={v.actor} aria-describedby="af-actor-help" />
          <span className="help" id="af-actor-help">{m.log.actorHelp}</span>
        </div>
        <div className="field">
          <label htmlFor="af-action">{m.log.action}</label>
          <select id="af-action" name="action" defaultValue={v.action ?? ""}>
            <option value="">{m.log.anyAction}</option>
            {families.map((f) => (
              <optgroup key={f} label={f}>
                <option value={f}>{f}.*</option>
                {props.actions.filter((a) => a.startsWith(`${f}.`)).map((a) => <option key={a} value={a}>{a}</option>)}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="af-target-type">{m.log.targetType}</label>
          <select id="af-target-type" name="targetType" defaultValue={v.targetType ?? ""}>
            <option value="">{m.log.anyTarget}</option>
            {props.targetTypes.map((t) => <option key={t} value={t}>{m.targets[t as keyof AuditMessages["targets"]] ?? t}</option>)}
          </select>
        </div>
        <div className="field"><label htmlFor="af-target-id">{m.log.targetId}</label><input id="af-target-id" name="targetId" defaultValue={v.targetId} /></div>
        <div className="field"><label htmlFor="af-ip">{m.log.ip}</label><input id="af-ip" name="ip" defaultValue={v.ip} inputMode="text" /></div>
        <div className="field">
          <label htmlFor="af-outcome">{m.log.outcome}</label>
          <select id="af-outcome" name="outcome" defaultValue={v.outcome ?? ""}>
            <option value="">{m.log.anyOutcome}</option>
            <option value="SUCCESS">{m.log.success}</option>
            <option value="FAILURE">{m.log.failure}</option>
          </select>
        </div>
        <div className="field"><label htmlFor="af-q">{m.log.q}</label><input id="af-q" name="q" type="search" defaultValue={v.q} /></div>
      </div>
      <div className="row" style={{ marginTop: 12 }}>
        <button className="btn primary" type="submit" data-testid="audit-search">{m.log.search}</button>
        <Link className="btn" href="/ra/audit">{m.log.reset}</Link>
      </div>
    </form>
  );
}
