import { InkanError } from "@/lib/errors";

// A keyset position: the sort it belongs to, the sort key's value and the row id that breaks
// ties. Opaque to clients (base64url JSON) so the URL stays short and linkable.
export interface KeysetPosition {
  sort: string;
  value: string;
  id: string;
}

export function encodeCursor(p: KeysetPosition): string {
  return Buffer.from(JSON.stringify([p.sort, p.value, p.id])).toString("base64url");
}

export function decodeCursor(cursor: string, sort: string): KeysetPosition {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === "string") && v[0] === sort) return { sort: v[0], value: v[1], id: v[2] };
  } catch {
    // reported below
  }
  throw new InkanError("VALIDATION", { en: "The page cursor is not valid for this list (it may belong to another sort order). Open the first page again.", ja: "ページの位置がこの一覧では使えません(別の並び順のものかもしれません)。最初のページから開き直してください。" });
}
