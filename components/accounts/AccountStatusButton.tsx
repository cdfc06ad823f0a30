"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { AccountMessages } from "@/lib/accounts/messages";
import { setAccountStatusAction } from "@/lib/accounts/actions";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

/** Disable (after a confirmation that says what it means) or enable the account. */
export function AccountStatusButton({ name, status, t }: { name: string; status: "ACTIVE" | "DISABLED"; t: AccountMessages["page"] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const set = (next: "ACTIVE" | "DISABLED") =>
    start(async () => {
      const result = await setAccountStatusAction(name, next);
      if (result.ok) {
        setError(null);
        router.refresh();
      } else setError(result.error.message);
    });
  return (
    <div>
      {error && <Alert kind="error" testId="status-error">{error}</Alert>}
      {status === "ACTIVE" ? (
        <ConfirmButton label={t.disable} question={t.disableQuestion} confirmLabel={t.confirmDisable} cancelLabel={t.cancel} onConfirm={() => set("DISABLED")} disabled={pending} testId="disable-account" />
      ) : (
        <button type="button" className="btn" onClick={() => set("ACTIVE")} disabled={pending} data-testid="enable-account">{t.enable}</button>
      )}
    </div>
  );
}
