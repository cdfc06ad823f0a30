"use client";
import { useState } from "react";
import Link from "next/link";
import type { BulkIssueProgress, BulkIssueResult } from "@/lib/ca/group-issue";
import type { GroupMessages } from "@/lib/groups/messages";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

type Progress = { done: number; total: number };

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Group page: confirm → issue to every active member with a progress bar → per-member results. */
export function BulkIssuePanel({ groupId, groupName, memberCount, t, cancel }: {
  groupId: string; groupName: string; memberCount: number; t: GroupMessages["bulk"]; cancel: string;
}) {
  const [onlyWithout, setOnlyWithout] = useState(true);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<BulkIssueResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const running = progress !== null && result === null && failure === null;

  async function run() {
    setResult(null);
    setFailure(null);
    setProgress({ done: 0, total: memberCount });
    // The route handler streams one JSON line per finished member, then the result (as the CSV import does).
    const response = await fetch(`/api/v1/groups/${encodeURIComponent(groupId)}/issue`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ onlyWithoutValidCertificate: onlyWithout }),
    });
    if (!response.ok || !response.body) {
      const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
      setFailure(fill(t.failed, { message: problem?.detail ?? response.statusText }));
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line) as BulkIssueProgress | { type: "error"; message: string };
        if (event.type === "progress") setProgress({ done: event.done, total: event.total });
        else if (event.type === "done") setResult(event.result);
        else setFailure(fill(t.failed, { message: event.message }));
      }
    }
  }

  const outcomeText = { issued: t.issued, skipped: t.skipped, failed: t.failedRow } as const;

  return (
    <section className="panel" data-testid="bulk-issue" aria-live="polite">
      <h2 style={{ marginTop: 0 }}>{t.title}</h2>
      <p className="help">{t.intro}</p>
      {memberCount === 0 ? <p className="empty" data-testid="bulk-issue-empty">{t.noMembers}</p> : (
        <div className="row">
          <label>
            <input type="checkbox" checked={onlyWithout} onChange={(e) => setOnlyWithout(e.currentTarget.checked)} disabled={running} data-testid="bulk-issue-only-without" />
            {" "}{t.onlyWithout}
          </label>
          <ConfirmButton
            label={t.run} question={fill(t.confirm, { count: memberCount, group: groupName })} confirmLabel={t.confirmButton} cancelLabel={cancel}
            onConfirm={run} disabled={running} testId="bulk-issue-run"
          />
        </div>
      )}
      {failure && <Alert kind="error" testId="bulk-issue-failed">{failure}</Alert>}
      {running && progress && (
        <div className="row" data-testid="bulk-issue-progress">
          <progress value={progress.done} max={Math.max(progress.total, 1)} aria-label={t.issuing} style={{ flex: 1 }} />
          <span>{fill(t.progress, progress)}</span>
        </div>
      )}
      {result && (
        <>
          <Alert kind="ok" testId="bulk-issue-done">{fill(t.done, result.counts)}</Alert>
          <table className="data" data-testid="bulk-issue-results">
            <thead><tr><th scope="col">{t.account}</th><th scope="col">{t.outcome}</th><th scope="col">{t.details}</th></tr></thead>
            <tbody>
              {result.members.map((m) => (
                <tr key={m.account} data-account={m.account} data-outcome={m.outcome}>
                  <td>{m.account}</td>
                  <td>{outcomeText[m.outcome]}</td>
                  <td>{m.serial ? <Link href={`/ra/certificates/${m.serial}`}>{m.serial}</Link> : m.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
