"use client";
import { useActionState } from "react";
import type { AccountView } from "@/lib/accounts/types";
import type { AccountMessages } from "@/lib/accounts/messages";
import { updateAccountAction } from "@/lib/accounts/actions";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

/** The account page's edit form (the seed's "server attributes → edit → save"). */
export function EditAccountForm({ account, t }: { account: AccountView; t: AccountMessages["page"] }) {
  const [state, action, pending] = useActionState(updateAccountAction.bind(null, account.name), null);
  const fields = state && !state.ok ? state.error.fields ?? {} : {};
  return (
    <form action={action} data-testid="edit-account-form">
      {state && !state.ok && <Alert kind="error" testId="edit-error">{state.error.message}</Alert>}
      {state?.ok && <Alert kind="ok" testId="edit-done">{state.data.changed.length ? t.saved : t.nothingChanged}</Alert>}
      <Field label={t.displayName} name="displayName" type="text" defaultValue={account.displayName ?? ""} error={fields.displayName} />
      {account.kind === "SERVER" ? (
        <Field label={t.hostnames} name="hostnames" multiline defaultValue={account.hostnames.join("\n")} help={t.hostnamesHelp} error={fields.hostnames} />
      ) : (
        <>
          <Field label={t.email} name="email" type="email" defaultValue={account.email ?? ""} error={fields.email} />
          <Field label={t.uaPassword} name="uaPassword" type="password" help={t.uaPasswordHelp} error={fields.uaPassword} autoComplete="new-password" />
        </>
      )}
      <button className="btn primary" type="submit" disabled={pending}>{t.save}</button>
    </form>
  );
}
