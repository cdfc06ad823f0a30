"use client";
import { useState } from "react";

/** A set of selected ids, dropping ids that left the list (after a refresh). */
export function useSelection(ids: string[]) {
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const selected = ids.filter((id) => picked.has(id));
  return {
    selected,
    has: (id: string) => picked.has(id),
    toggle: (id: string, on: boolean) =>
      setPicked((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    setAll: (on: boolean) => setPicked(on ? new Set(ids) : new Set()),
    clear: () => setPicked(new Set()),
  };
}
