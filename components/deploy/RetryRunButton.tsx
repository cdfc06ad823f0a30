"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { retryRunAction } from "@/lib/deploy/actions";
import type { DeployMessages } from "@/lib/deploy/messages";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

/** Retry of a failed run (asks first: it calls AWS again). */
export function RetryRunButton({ runId, t, cancel }: { runId: string; t: DeployMessages; cancel: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <>
      <ConfirmButton label={t.retry} question={t.retryConfirm} confirmLabel={t.retry} cancelLabel={cancel} disabled={pending} testId={`retry-${runId}`}
        onConfirm={() => start(async () => {
          const r = await retryRunAction(runId);
          if (r.ok) router.refresh();
          else setError(r.error.message);
        })} />
      {error && <span className="field-error">{error}</span>}
    </>
  );
}
