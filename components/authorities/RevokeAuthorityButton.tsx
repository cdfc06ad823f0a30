"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeAuthorityAction } from "@/lib/ca/actions";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { REVOCATION_REASON_CHOICES } from "@/components/certificates/RevokeForm";

export function RevokeAuthorityButton(props: { slug: string; label: string; reasonLabel: string; question: string; done: string; cancel: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("cACompromise");
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [pending, start] = useTransition();
  return (
    <div>
      {message && <Alert kind={message.ok ? "ok" : "error"} testId="revoke-ca-result">{message.text}</Alert>}
      <div className="row">
        <label htmlFor="revoke-ca-reason">{props.reasonLabel}</label>
        <select id="revoke-ca-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
          {REVOCATION_REASON_CHOICES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <ConfirmButton
          label={props.label}
          question={props.question}
          confirmLabel={props.label}
          cancelLabel={props.cancel}
          disabled={pending}
          testId="revoke-ca"
          onConfirm={() => start(async () => {
            const result = await revokeAuthorityAction(props.slug, reason);
            setMessage(result.ok ? { ok: true, text: props.done.replace("{parent}", result.data.parent) } : { ok: false, text: result.error.message });
            router.refresh();
          })}
        />
      </div>
    </div>
  );
}
