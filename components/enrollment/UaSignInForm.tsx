"use client";
import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { uaSignInAction } from "@/lib/enrollment/actions";
import { fill, type EnrollmentMessages } from "@/lib/enrollment/messages";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

export function UaSignInForm({ ua, t, notice }: { ua: string; t: EnrollmentMessages["portal"]; notice?: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(uaSignInAction.bind(null, ua), null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  let error: string | undefined;
  if (state && !state.ok) {
    if (state.reason === "locked") error = fill(t.locked, { time: state.lockedUntil ? new Date(state.lockedUntil).toLocaleString() : "…" });
    else if (state.reason === "unknown-ua") error = t.unknownUa;
    else if (state.reason === "invalid" || state.reason === "disabled") error = t[state.reason];
    else error = t.error;
  }
  return (
    <form action={action} noValidate>
      {notice && !error && <Alert kind="info" testId="ua-notice">{notice}</Alert>}
      {error && <Alert kind="error" testId="ua-signin-error">{error}</Alert>}
      <Field label={t.userId} name="userId" autoComplete="username" required autoFocus />
      <Field label={t.password} name="password" type="password" autoComplete="current-password" required />
      <button className="btn primary" type="submit" disabled={pending}>{t.signIn}</button>
    </form>
  );
}
