"use client";
import { useActionState } from "react";
import { submitApplicationAction } from "@/lib/applications/actions";
import { outcomeText, problemText, type ApplicationMessages } from "@/lib/applications/messages";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

/** The UA's registration application form; after a successful submission only the confirmation stays. */
export function ApplyForm({ ua, t }: { ua: string; t: ApplicationMessages["apply"] }) {
  const [state, action, pending] = useActionState(submitApplicationAction.bind(null, ua), null);
  if (state?.ok) return <Alert kind="ok" testId="apply-submitted">{t.submitted}</Alert>;
  const fields = state && !state.ok && state.reason === "invalid" ? state.fields : {};
  const typed = state?.values;
  return (
    // Keyed by the result, so the fields show what was typed again (React resets a form after its action).
    <form action={action} noValidate data-testid="apply-form" key={JSON.stringify(state)}>
      <p>{t.intro}</p>
      {state && !state.ok && <Alert kind="error" testId="apply-error">{outcomeText(t, state)}</Alert>}
      <Field label={t.userId} name="userId" defaultValue={typed?.userId} autoComplete="username" required maxLength={128} help={t.userIdHelp} error={problemText(t, fields.userId)} />
      <Field label={t.displayName} name="displayName" defaultValue={typed?.displayName} autoComplete="name" required maxLength={200} error={problemText(t, fields.displayName)} />
      <Field label={t.email} name="email" defaultValue={typed?.email} type="email" autoComplete="email" required error={problemText(t, fields.email)} />
      <Field label={t.password} name="password" type="password" autoComplete="new-password" required minLength={8} help={t.passwordHelp} error={problemText(t, fields.password)} />
      <Field label={t.confirm} name="confirm" type="password" autoComplete="new-password" required error={problemText(t, fields.confirm)} />
      <Field label={t.note} name="note" defaultValue={typed?.note} multiline error={problemText(t, fields.note)} />
      <button className="btn primary" type="submit" disabled={pending} data-testid="apply-submit">{t.submit}</button>
    </form>
  );
}
