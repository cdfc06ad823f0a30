"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { putInDockAction } from "@/lib/dock/actions";
import type { DockKind } from "@/lib/dock/constants";
import { fill, type DockMessages } from "@/lib/dock/messages";
import { Alert } from "@/components/ui/Alert";

export type DockPutLabels = Pick<DockMessages, "putSelected" | "putDone" | "putAlready">;

/** "Put selected in dock" for a list's selection; says how many went in and how many were there already. */
export function DockPutButton({ kind, ids, t, onDone }: { kind: DockKind; ids: string[]; t: DockPutLabels; onDone?: () => void }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const put = () =>
    start(async () => {
      const result = await putInDockAction(kind, ids);
      if (!result.ok) return setMessage({ ok: false, text: result.error.message });
      const parts = [fill(t.putDone, { count: result.data.changed })];
      if (result.data.unchanged) parts.push(fill(t.putAlready, { count: result.data.unchanged }));
      setMessage({ ok: true, text: parts.join(" ") });
      onDone?.();
      router.refresh();
    });
  return (
    <>
      <button type="button" className="btn" onClick={put} disabled={pending || ids.length === 0} data-testid="dock-put-selected">{t.putSelected}</button>
      {message && <Alert kind={message.ok ? "ok" : "error"} testId="dock-put-result">{message.text}</Alert>}
    </>
  );
}
