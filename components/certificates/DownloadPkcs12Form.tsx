"use client";
import { useState } from "react";
import type { Messages } from "@/lib/i18n";
import { Alert } from "@/components/ui/Alert";
import { Pkcs12PasswordFields, requestPkcs12 } from "./Pkcs12PasswordFields";
import { problemMessage, saveResponse } from "./download";

export function DownloadPkcs12Form({ serial, t, label }: { serial: string; t: Messages["account"]; label: string }) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const form = new FormData(e.currentTarget);
    if (form.get("password") !== form.get("confirm")) return setError(t.passwordsDiffer);
    setPending(true);
    setError(undefined);
    try {
      const response = await requestPkcs12(serial, String(form.get("password")), String(form.get("encryption")));
      if (!response.ok) return setError(await problemMessage(response));
      await saveResponse(response, `${serial}.p12`);
    } finally {
      setPending(false);
    }
  }
  return (
    <form onSubmit={onSubmit} data-testid="download-pkcs12-form">
      {error && <Alert kind="error">{error}</Alert>}
      <Pkcs12PasswordFields t={t} />
      <button className="btn primary" type="submit" disabled={pending}>{label}</button>
    </form>
  );
}
