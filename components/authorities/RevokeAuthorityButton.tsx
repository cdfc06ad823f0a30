"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeAuthorityAction } from "@/lib/ca/actions";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { REVOCATION_REASON_CHOICES } from "@/components/certificates/RevokeForm";

/**
 * Revoke an intermediate CA. It stays mounted once the CA is revoked, so the result survives
 * the refresh that hides the form (otherwise the message would vanish with it).
 */
export function RevokeAuthorityButton(props: {
  slug: string;
  revoked: boolean;
  heading: string;
  label: string;
  reasonLabel: string;
  question: string;
  done: string;
  cancel: string;
}) {
  const router = useRouter();
  const [reason, setReason] = useState("cACompromise");
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [pending, start] = useTransition();
  const result = message && <Alert kind={message.ok ? "ok" : "error"} testId="revoke-ca-result">{message.text}</Alert>;
  if (props.revoked) return result ?? null;
  return (
    <>
      <h2>{props.heading}</h2>
      <section className="panel">
        {result}
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
              const outcome = await revokeAuthorityAction(props.slug, reason);
              setMessage(outcome.ok ? { ok: true, text: props.done.replace("{parent}", outcome.data.parent) } : { ok: false, text: outcome.error.message });
              router.refresh();
            })}
          />
        </div>
      </section>
    </>
  );
}
