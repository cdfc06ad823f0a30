"use client";
import { useActionState } from "react";
import { sendTestEmailAction } from "@/lib/alerts/actions";
import { fill, type AlertMessages } from "@/lib/alerts/messages";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

/** Sends one test e-mail through the saved SMTP settings, to the signed-in administrator by default. */
export function TestEmailForm({ defaultTo, t }: { defaultTo: string; t: AlertMessages["page"] }) {
  const [state, action, pending] = useActionState(sendTestEmailAction, null);
  return (
    <form action={action} noValidate data-testid="test-email-form">
      {state && !state.ok && <Alert kind="error" testId="test-email-error">{state.error.message}</Alert>}
      {state?.ok && <Alert kind="ok" testId="test-email-sent">{fill(t.testSent, { to: state.data.to })}</Alert>}
      <Field label={t.testTo} name="to" type="email" defaultValue={defaultTo} error={state && !state.ok ? state.error.fields?.to : undefined} />
      <button className="btn" type="submit" disabled={pending} data-testid="test-email-send">{t.testSend}</button>
    </form>
  );
}
