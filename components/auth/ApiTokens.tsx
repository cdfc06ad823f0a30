"use client";
import { useRouter } from "next/navigation";
import { useActionState, useTransition } from "react";
import type { Messages } from "@/lib/i18n";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/auth/actions";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

export function ApiTokenForm({ t }: { t: Messages["tokens"] }) {
  const [state, action, pending] = useActionState(createApiTokenAction, null);
  return (
    <form action={action}>
      {state && !state.ok && <Alert kind="error">{state.error.message}</Alert>}
      {state?.ok && (
        <Alert kind="ok">
          {t.createdOnce} <code className="mono" data-testid="new-token">{state.data.secret}</code>
        </Alert>
      )}
      <div className="row">
        <Field label={t.name} name="name" type="text" required />
        <div className="field">
          <label htmlFor="token-role">{t.role}</label>
          <select id="token-role" name="role" defaultValue="OPERATOR">
            <option>ADMIN</option><option>OPERATOR</option><option>AUDITOR</option>
          </select>
        </div>
        <button className="btn primary" type="submit" disabled={pending}>{t.create}</button>
      </div>
    </form>
  );
}

export function RevokeTokenButton({ id, t, cancel }: { id: string; t: Messages["tokens"]; cancel: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <ConfirmButton label={t.revoke} question={t.revokeConfirm} confirmLabel={t.revoke} cancelLabel={cancel} disabled={pending}
      onConfirm={() => start(async () => { await revokeApiTokenAction(id); router.refresh(); })} />
  );
}
