"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Messages } from "@/lib/i18n";
import { revokeCertificateAction } from "@/lib/ca/actions";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

export const REVOCATION_REASON_CHOICES = ["unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "privilegeWithdrawn", "aACompromise"];

export function RevokeForm({ serial, t }: { serial: string; t: Messages }) {
  const router = useRouter();
  const [reason, setReason] = useState("unspecified");
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <div>
      {error && <Alert kind="error" testId="revoke-error">{error}</Alert>}
      <div className="row">
        <label htmlFor="revoke-reason">{t.certificate.reason}</label>
        <select id="revoke-reason" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="revoke-reason">
          {REVOCATION_REASON_CHOICES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <ConfirmButton
          label={t.certificate.revoke}
          question={t.certificate.revokeConfirm}
          confirmLabel={t.certificate.revoke}
          cancelLabel={t.common.cancel}
          disabled={pending}
          testId="revoke"
          onConfirm={() => start(async () => {
            const result = await revokeCertificateAction(serial, reason);
            if (!result.ok) setError(result.error.message);
            else router.refresh();
          })}
        />
      </div>
    </div>
  );
}
