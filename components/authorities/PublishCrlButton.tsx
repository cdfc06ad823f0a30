"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { publishCrlAction } from "@/lib/ca/actions";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

/** "Publish CRL now" behind a confirmation (ADMIN; the action checks the role itself). */
export function PublishCrlButton(props: { slug: string; label: string; question: string; done: string; cancel: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [pending, start] = useTransition();
  return (
    <div style={{ marginTop: 12 }}>
      {message && <Alert kind={message.ok ? "ok" : "error"} testId="publish-result">{message.text}</Alert>}
      <ConfirmButton
        label={props.label}
        question={props.question}
        confirmLabel={props.label}
        cancelLabel={props.cancel}
        disabled={pending}
        testId={`publish-${props.slug}`}
        onConfirm={() => start(async () => {
          const result = await publishCrlAction(props.slug);
          setMessage(result.ok ? { ok: true, text: props.done.replace("{number}", String(result.data.number)) } : { ok: false, text: result.error.message });
          router.refresh();
        })}
      />
    </div>
  );
}
