"use client";
import { useActionState } from "react";
import type { Messages } from "@/lib/i18n";
import { completeSetupAction } from "@/lib/setup/actions";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

export function SetupForm({ t }: { t: Messages["setup"] }) {
  const [state, action, pending] = useActionState(completeSetupAction, null);
  if (state?.ok) return <Alert kind="ok"><a href="/ra/login">{t.done}</a></Alert>;
  return (
    <form action={action}>
      <p>{t.intro}</p>
      {state && !state.ok && <Alert kind="error">{state.error.message}</Alert>}
      <Field label={t.token} name="token" type="text" autoComplete="off" required />
      <Field label={t.email} name="email" type="email" autoComplete="username" required />
      <Field label={t.password} name="password" type="password" autoComplete="new-password" minLength={12} required />
      <button className="btn primary" type="submit" disabled={pending}>{t.submit}</button>
    </form>
  );
}
