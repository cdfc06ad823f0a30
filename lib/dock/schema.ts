import { z } from "zod";
import { InkanError } from "@/lib/errors";
import { DOCK_KINDS, MAX_DOCK_ITEMS, type DockKind } from "./constants";

const kindSchema = z.enum(DOCK_KINDS);
const idSchema = z.string().min(1).max(64);

export function parseDockKind(value: unknown): DockKind {
  const parsed = kindSchema.safeParse(value);
  if (!parsed.success) {
    throw new InkanError("VALIDATION", { en: "The dock holds accounts and certificates only; reload the page and try again.", ja: "ドックに入れられるのはアカウントと証明書だけです。ページを再読み込みしてやり直してください。" });
  }
  return parsed.data;
}

/** A selection of record ids: at least one, each once, at most MAX_DOCK_ITEMS. */
export function parseDockIds(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((id) => !idSchema.safeParse(id).success)) {
    throw new InkanError("VALIDATION", { en: "The selection is malformed; reload the page and select again.", ja: "選択内容が不正です。ページを再読み込みして選択し直してください。" });
  }
  const ids = [...new Set(value as string[])];
  if (ids.length === 0) throw new InkanError("VALIDATION", { en: "Select at least one item first.", ja: "先に 1 件以上選択してください。" });
  if (ids.length > MAX_DOCK_ITEMS) {
    throw new InkanError("TOO_LARGE", {
      en: `At most ${MAX_DOCK_ITEMS} items can be handled at once; ${ids.length} were selected. Narrow the selection.`,
      ja: `一度に扱えるのは ${MAX_DOCK_ITEMS} 件までです (選択: ${ids.length} 件)。選択を絞ってください。`,
    });
  }
  return ids;
}
