"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { putInDockAction, removeFromDockAction } from "@/lib/dock/actions";
import type { DockKind } from "@/lib/dock/constants";
import type { DockMessages } from "@/lib/dock/messages";
import { Alert } from "@/components/ui/Alert";

/** An account or certificate page's "Put in dock" / "Remove from dock". */
export function DockToggleButton({ kind, id, inDock, t }: { kind: DockKind; id: string; inDock: boolean; t: Pick<DockMessages, "put" | "remove" | "inDock"> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const toggle = () =>
    start(async () => {
      const result = inDock ? await removeFromDockAction(kind, [id]) : await putInDockAction(kind, [id]);
      if (!result.ok) return setError(result.error.message);
      setError(undefined);
      router.refresh();
    });
  return (
    <div className="row" data-testid="dock-toggle">
      {inDock && <span className="help" data-testid="in-dock">{t.inDock}</span>}
      <button type="button" className="btn" onClick={toggle} disabled={pending} data-testid={inDock ? "remove-from-dock" : "put-in-dock"}>
        {inDock ? t.remove : t.put}
      </button>
      {error && <Alert kind="error" testId="dock-error">{error}</Alert>}
    </div>
  );
}
