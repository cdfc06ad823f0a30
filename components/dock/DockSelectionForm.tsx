"use client";
import { useRef, useState } from "react";
import type { DockKind } from "@/lib/dock/constants";
import { fill } from "@/lib/dock/messages";
import { DockPutButton, type DockPutLabels } from "./DockPutButton";

/**
 * A selection over a server-rendered table: its checkboxes (name "dock-id", value the record
 * id; one with data-select-all toggles the rest) feed "Put selected in dock".
 */
export function DockSelectionForm({ kind, t, children }: { kind: DockKind; t: DockPutLabels & { selected: string }; children: React.ReactNode }) {
  const form = useRef<HTMLFormElement>(null);
  const [ids, setIds] = useState<string[]>([]);
  const boxes = () => Array.from(form.current?.querySelectorAll<HTMLInputElement>('input[name="dock-id"]') ?? []);
  const read = () => setIds(boxes().filter((b) => b.checked).map((b) => b.value));
  return (
    <form
      ref={form}
      onSubmit={(e) => e.preventDefault()}
      onChange={(e) => {
        const target = e.target as unknown as HTMLInputElement;
        if (target.dataset.selectAll !== undefined) for (const b of boxes()) b.checked = target.checked;
        read();
      }}
    >
      <div className="row panel" data-testid="dock-bar">
        <span data-testid="dock-selected-count" aria-live="polite">{fill(t.selected, { count: ids.length })}</span>
        <DockPutButton
          kind={kind}
          ids={ids}
          t={t}
          onDone={() => {
            for (const b of form.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? []) b.checked = false;
            read();
          }}
        />
      </div>
      {children}
    </form>
  );
}
