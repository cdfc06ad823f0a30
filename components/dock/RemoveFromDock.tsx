"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { removeFromDockAction } from "@/lib/dock/actions";
import type { DockKind } from "@/lib/dock/constants";

/** Takes items out of the dock (no confirmation: nothing but the dock changes, and they can be put back). */
export function RemoveFromDock(props: { kind: DockKind; ids: string[]; label: string; ariaLabel?: string; testId: string; onResult: (r: { ok: boolean; text: string } | null, removed: number) => void }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      className="btn"
      aria-label={props.ariaLabel}
      disabled={pending || props.ids.length === 0}
      data-testid={props.testId}
      onClick={() =>
        start(async () => {
          const result = await removeFromDockAction(props.kind, props.ids);
          if (!result.ok) return props.onResult({ ok: false, text: result.error.message }, 0);
          props.onResult(null, result.data.changed);
          router.refresh();
        })
      }
    >
      {props.label}
    </button>
  );
}
