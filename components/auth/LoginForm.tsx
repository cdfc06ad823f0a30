"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Messages } from "@/lib/i18n";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

export function LoginForm({ t }: { t: Messages["login"] }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setError(undefined);
    const form = new FormData(e.currentTarget);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), totp: form.get("totp") ?? "", redirect: false });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace("/ra");
      router.refresh();
    } else {
      const reason = result?.error as "invalid" | "locked" | "disabled" | "totp-required" | "totp-invalid" | undefined;
      setError(reason && reason in t ? t[reason] : t.error);
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      {error && <Alert kind="error" testId="login-error">{error}</Alert>}
      <Field label={t.email} name="email" type="email" autoComplete="username" required autoFocus />
      <Field label={t.password} name="password" type="password" autoComplete="current-password" required />
      <Field label={t.totp} name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} help={t.totpHint} />
      <button className="btn primary" type="submit" disabled={pending}>{t.submit}</button>
    </form>
  );
}
