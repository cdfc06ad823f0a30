"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { Messages } from "@/lib/i18n";
import { createAccountAction } from "@/lib/accounts/actions";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

export function AccountForm({ t }: { t: Messages["accounts"] }) {
  const router = useRouter();
  const [kind, setKind] = useState<"user" | "server">("user");
  const [state, action, pending] = useActionState(createAccountAction, null);
  useEffect(() => {
    if (state?.ok) router.push(`/ra/accounts/${encodeURIComponent(state.data.name)}`);
  }, [state, router]);
  const fields = state && !state.ok ? state.error.fields ?? {} : {};
  return (
    <form action={action} data-testid="account-form">
      {state && !state.ok && <Alert kind="error" testId="form-error">{state.error.message}</Alert>}
      <fieldset className="field" style={{ border: 0, padding: 0 }}>
        <legend><b>{t.kind}</b></legend>
        <label className="row"><input type="radio" name="kind" value="user" checked={kind === "user"} onChange={() => setKind("user")} /> {t.user}</label>
        <label className="row"><input type="radio" name="kind" value="server" checked={kind === "server"} onChange={() => setKind("server")} /> {t.server}</label>
      </fieldset>
      <Field label={t.name} name="name" type="text" required error={fields.name} autoComplete="off" />
      <Field label={t.displayName} name="displayName" type="text" error={fields.displayName} />
      {kind === "user" ? (
        <>
          <Field label={t.email} name="email" type="email" error={fields.email} />
          <Field label={t.uaPassword} name="uaPassword" type="password" help={t.uaPasswordHelp} error={fields.uaPassword} autoComplete="new-password" />
        </>
      ) : (
        <Field label={t.hostnames} name="hostnames" multiline help={t.hostnamesHelp} error={fields.hostnames} />
      )}
      <button className="btn primary" type="submit" disabled={pending}>{t.create}</button>
    </form>
  );
}
