"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Messages } from "@/lib/i18n";
import { issueWithServerKeyAction } from "@/lib/ca/actions";
import { Alert } from "@/components/ui/Alert";
import { Pkcs12PasswordFields, requestPkcs12 } from "./Pkcs12PasswordFields";
import { problemMessage, saveResponse } from "./download";

const ALGORITHMS = ["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256", "ECDSA-P384"];

export function IssuePkcs12Form({ account, t }: { account: string; t: Messages["account"] }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return; // a double click issues one certificate, not two
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirm"))) return setError(t.passwordsDiffer);
    setPending(true);
    setError(undefined);
    setDone(undefined);
    try {
      const issued = await issueWithServerKeyAction(account, String(form.get("keyAlgorithm")), password);
      if (!issued.ok) return setError(issued.error.message);
      const response = await requestPkcs12(issued.data.serial, password, String(form.get("encryption")));
      if (!response.ok) return setError(await problemMessage(response));
      await saveResponse(response, `${account}.p12`);
      setDone(issued.data.serial);
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} data-testid="issue-pkcs12-form">
      <h3 style={{ marginTop: 0 }}>{t.issueServerKey}</h3>
      <p className="help">{t.issueServerKeyHelp}</p>
      {error && <Alert kind="error" testId="issue-error">{error}</Alert>}
      {done && <Alert kind="ok" testId="issue-done">{t.issued} <a href={`/ra/certificates/${done}`}>{done}</a></Alert>}
      <div className="field">
        <label htmlFor="key-algorithm">{t.keyAlgorithm}</label>
        <select id="key-algorithm" name="keyAlgorithm" defaultValue="RSA-2048">
          {ALGORITHMS.map((a) => <option key={a}>{a}</option>)}
        </select>
      </div>
      <Pkcs12PasswordFields t={t} />
      <button className="btn primary" type="submit" disabled={pending}>{t.issueAndDownload}</button>
    </form>
  );
}
