"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { AuthMessages } from "@/lib/auth/messages";
import { acceptInvitationAction } from "@/lib/auth/actions";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

type T = AuthMessages["invite"];

/**
 * Name and password, then the first sign-in with them. A required second factor is set up
 * next: the console sends an administrator who must have one to /ra/security first.
 */
export function AcceptInvitationForm({ t, token, email }: { t: T; token: string; email: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [accepted, setAccepted] = useState(false);
  const [signInFailed, setSignInFailed] = useState(false);
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      setError(undefined);
      const result = await acceptInvitationAction(token, null, form);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setAccepted(true);
      const signedIn = await signIn("credentials", { email, password: form.get("password"), totp: "", redirect: false });
      if (signedIn?.ok && !signedIn.error) {
        router.replace(result.data.twoFactorRequired ? "/ra/security" : "/ra");
        router.refresh();
      } else setSignInFailed(true);
    });
  }
  if (signInFailed) return <Alert kind="info" testId="invite-accepted">{t.signInFailed} <Link href="/ra/login">{t.toLogin}</Link></Alert>;
  if (accepted) return <Alert kind="ok" testId="invite-accepted">{t.signingIn}</Alert>;
  return (
    <form onSubmit={onSubmit} aria-label={t.title}>
      {error && <Alert kind="error" testId="invite-accept-error">{error}</Alert>}
      <input type="email" name="email" value={email} autoComplete="username" readOnly hidden />
      <Field label={t.name} name="name" type="text" autoComplete="name" required maxLength={200} />
      <Field label={t.password} name="password" type="password" autoComplete="new-password" required minLength={12} />
      <Field label={t.confirm} name="confirm" type="password" autoComplete="new-password" required minLength={12} />
      <button className="btn primary" type="submit" disabled={pending}>{t.submit}</button>
    </form>
  );
}
