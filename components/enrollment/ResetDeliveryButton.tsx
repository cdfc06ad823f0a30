"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { resetDeliveryAction } from "@/lib/enrollment/actions";
import type { EnrollmentMessages } from "@/lib/enrollment/messages";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

export function ResetDeliveryButton({ id, ua, t, cancel }: { id: string; ua: string; t: EnrollmentMessages["settings"]; cancel: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <>
      <ConfirmButton label={t.reset} question={t.resetConfirm} confirmLabel={t.reset} cancelLabel={cancel} disabled={pending} testId={`reset-${id}`}
        onConfirm={() => start(async () => {
          const r = await resetDeliveryAction(id, ua);
          if (r.ok) router.refresh();
          else setError(r.error.message);
        })} />
      {error && <span className="field-error">{error}</span>}
    </>
  );
}
