"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { clearDockAction } from "@/lib/dock/actions";
import { fill, type DockMessages } from "@/lib/dock/messages";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

/** Empties the dock after a confirmation that says the records themselves stay as they are. */
export function ClearDockButton({ counts, t }: { counts: { accounts: number; certificates: number }; t: DockMessages["page"] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <div>
      <ConfirmButton
        label={t.clear}
        question={fill(t.clearConfirm, counts)}
        confirmLabel={t.clear}
        cancelLabel={t.cancel}
        disabled={pending || counts.accounts + counts.certificates === 0}
        testId="dock-clear"
        onConfirm={() =>
          start(async () => {
            const result = await clearDockAction(null);
            if (!result.ok) return setError(result.error.message);
            setError(undefined);
            router.refresh();
          })
        }
      />
      {error && <Alert kind="error" testId="dock-clear-error">{error}</Alert>}
    </div>
  );
}
