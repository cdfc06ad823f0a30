"use client";
import { useActionState, useState } from "react";
import type { ImportPlan } from "@/lib/accounts/import";
import type { AccountMessages } from "@/lib/accounts/messages";
import { fill } from "@/lib/accounts/messages";
import { previewImportAction } from "@/lib/accounts/actions";
import { Alert } from "@/components/ui/Alert";
import type { Locale } from "@/lib/i18n";

type Progress = { done: number; total: number };

/** CSV onboarding: choose a file → preview every row → import with a progress bar → per-row results. */
export function ImportAccounts({ t, locale, maxBytes }: { t: AccountMessages["import"]; locale: Locale; maxBytes: number }) {
  const [preview, previewAction, previewing] = useActionState(previewImportAction, null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<ImportPlan | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const plan = result ?? (preview?.ok ? preview.data : null);
  const toWrite = preview?.ok ? preview.data.counts.create + preview.data.counts.update : 0;

  async function runImport() {
    if (!file) return;
    setFailure(null);
    setProgress({ done: 0, total: toWrite });
    // The route handler streams one JSON line per finished batch, then the result; row
    // errors and refusals come in the page's language (the API's default is English).
    const response = await fetch("/api/v1/accounts/import", { method: "POST", body: file, headers: { "content-type": "text/csv", "accept-language": locale } });
    if (!response.ok || !response.body) {
      const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
      setFailure(fill(t.failed, { message: problem?.detail ?? response.statusText }));
      setProgress(null);
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
        const event = JSON.parse(line) as { type: "progress"; done: number; total: number } | { type: "done"; result: ImportPlan } | { type: "error"; message: string };
        if (event.type === "progress") setProgress({ done: event.done, total: event.total });
        else if (event.type === "done") setResult(event.result);
        else setFailure(fill(t.failed, { message: event.message }));
      }
    }
  }

  const tooLarge = file !== null && file.size > maxBytes;
  const reset = (e: React.FormEvent) => {
    setResult(null);
    setProgress(null);
    setFailure(null);
    // A file over the limit is refused here, before it is uploaded.
    if (tooLarge) e.preventDefault();
  };

  return (
    <>
      <form action={previewAction} className="panel" data-testid="import-form" onSubmit={reset}>
        <div className="field">
          <label htmlFor="import-file">{t.file}</label>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
        <button className="btn" type="submit" disabled={previewing || !file}>{previewing ? t.previewing : t.preview}</button>
      </form>
      {tooLarge ? <Alert kind="error" testId="import-error">{fill(t.tooLarge, { mb: maxBytes / 1024 / 1024 })}</Alert>
        : preview && !preview.ok && <Alert kind="error" testId="import-error">{preview.error.message}</Alert>}
      {failure && <Alert kind="error" testId="import-failed">{failure}</Alert>}
      {plan && (
        <section aria-live="polite">
          {result ? (
            <Alert kind="ok" testId="import-done">{fill(t.done, result.counts)}</Alert>
          ) : (
            <p data-testid="import-summary">{fill(t.summary, plan.counts)} ({t.encoding}: {plan.encoding})</p>
          )}
          {!result && (progress ? (
            <div className="row" data-testid="import-progress">
              <progress value={progress.done} max={Math.max(progress.total, 1)} aria-label={t.importing} style={{ flex: 1 }} />
              <span>{fill(t.progress, progress)}</span>
            </div>
          ) : toWrite > 0 ? (
            <button className="btn primary" type="button" onClick={runImport} data-testid="import-run">{fill(t.importButton, { n: toWrite })}</button>
          ) : (
            <p className="help" data-testid="import-nothing">{t.nothing}</p>
          ))}
          <table className="data" data-testid="import-rows">
            <thead><tr><th scope="col">{t.line}</th><th scope="col">{t.userId}</th><th scope="col">{t.action}</th><th scope="col">{t.details}</th></tr></thead>
            <tbody>
              {plan.rows.map((r) => (
                <tr key={r.line} data-line={r.line} data-action={r.action}>
                  <td>{r.line}</td>
                  <td>{r.userId}</td>
                  <td>{t[r.action]}</td>
                  <td>{r.errors.length ? r.errors.join(" ") : r.changes.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
