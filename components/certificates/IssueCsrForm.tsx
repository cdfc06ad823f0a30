"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { Messages } from "@/lib/i18n";
import { issueFromCsrAction, previewCsrAction, type CsrPreview } from "@/lib/ca/actions";
import { Alert } from "@/components/ui/Alert";

/** The seed's CSR flow: choose a file, optionally confirm its content, then issue. */
export function IssueCsrForm({ account, t }: { account: string; t: Messages["account"] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string>();
  const [preview, setPreview] = useState<CsrPreview>();
  const [pending, setPending] = useState(false);

  async function issue(form: FormData) {
    const result = await issueFromCsrAction(account, form);
    if (!result.ok) return setError(result.error.message);
    router.push(`/ra/certificates/${result.data.serial}`);
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      if (form.get("confirm") === "on") {
        const result = await previewCsrAction(account, form);
        if (result.ok) setPreview(result.data);
        else setError(result.error.message);
      } else {
        await issue(form);
      }
    } finally {
      setPending(false);
    }
  }

  async function confirmIssue() {
    if (!formRef.current || pending) return;
    setPending(true);
    try {
      await issue(new FormData(formRef.current));
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} data-testid="issue-csr-form">
      <h3 style={{ marginTop: 0 }}>{t.issueCsr}</h3>
      {error && <Alert kind="error" testId="csr-error">{error}</Alert>}
      <div className="field">
        <label htmlFor="csr-file">{t.csrFile}</label>
        <input id="csr-file" type="file" name="csr" accept=".csr,.pem,.der,.req,.txt" required onChange={() => setPreview(undefined)} />
      </div>
      <label className="row" style={{ marginBottom: 12 }}><input type="checkbox" name="confirm" /> {t.confirmCsr}</label>
      {preview ? (
        <div className="panel" data-testid="csr-preview">
          <dl className="info">
            <dt>{t.csrSubject}</dt><dd className="mono">{preview.subject}</dd>
            <dt>{t.csrKey}</dt><dd>{preview.key}</dd>
            <dt>{t.csrSignature}</dt><dd>{t.csrSignatureOk} ({preview.signatureAlgorithm})</dd>
            <dt>{t.csrExtensions}</dt><dd>{preview.extensions.length ? preview.extensions.join(", ") : t.none}</dd>
            {preview.ignored.length > 0 && (<><dt>{t.csrIgnored}</dt><dd><ul>{preview.ignored.map((i) => <li key={i}>{i}</li>)}</ul></dd></>)}
          </dl>
          <div className="row">
            <button type="button" className="btn primary" onClick={confirmIssue} disabled={pending}>{t.confirmIssue}</button>
            <button type="button" className="btn" onClick={() => setPreview(undefined)}>{t.cancel}</button>
          </div>
        </div>
      ) : (
        <button className="btn primary" type="submit" disabled={pending}>{t.issueCsrButton}</button>
      )}
    </form>
  );
}
