"use client";
import { useRouter } from "next/navigation";
import { useActionState, useState, useTransition } from "react";
import type { AuthMessages } from "@/lib/auth/messages";
import { beginTotpEnrollmentAction, changeOwnPasswordAction, confirmTotpEnrollmentAction } from "@/lib/auth/actions";
import type { ActionResult } from "@/lib/action-result";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

type T = AuthMessages["security"];

export function ChangePasswordForm({ t }: { t: T }) {
  const [state, action, pending] = useActionState(changeOwnPasswordAction, null);
  return (
    <form action={action} aria-label={t.password}>
      {state && !state.ok && <Alert kind="error">{state.error.message}</Alert>}
      {state?.ok && <Alert kind="ok">{t.changed}</Alert>}
      <Field label={t.current} name="current" type="password" required autoComplete="current-password" />
      <Field label={t.next} name="next" type="password" required autoComplete="new-password" minLength={12} />
      <button className="btn" type="submit" disabled={pending}>{t.change}</button>
    </form>
  );
}

/** Two steps: get a secret (shown once), then prove the app produces its codes. */
export function TotpEnrollment({ t }: { t: T }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [begun, setBegun] = useState<ActionResult<{ secret: string; uri: string }> | null>(null);
  const [state, confirm, confirming] = useActionState(async (prev: unknown, form: FormData) => {
    const result = await confirmTotpEnrollmentAction(prev, form);
    if (result.ok) router.refresh();
    return result;
  }, null);
  if (state?.ok) return <Alert kind="ok" testId="totp-enabled">{t.enabled}</Alert>;
  return (
    <div>
      {begun && !begun.ok && <Alert kind="error">{begun.error.message}</Alert>}
      {!begun?.ok ? (
        <button className="btn primary" type="button" disabled={pending} onClick={() => start(async () => setBegun(await beginTotpEnrollmentAction()))}>{t.start}</button>
      ) : (
        <form action={confirm} aria-label={t.totp}>
          <p>{t.secret}: <code className="mono" data-testid="totp-secret">{begun.data.secret}</code></p>
          <p><a href={begun.data.uri}>{t.uri}</a></p>
          {state && !state.ok && <Alert kind="error">{state.error.message}</Alert>}
          <Field label={t.code} name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={6} />
          <button className="btn primary" type="submit" disabled={confirming}>{t.confirm}</button>
        </form>
      )}
    </div>
  );
}
