import { describe, expect, it } from "vitest";
import { en, ja } from "./messages";
import { ALERT_KINDS, ALERT_STATUSES } from "./types";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
const at = (dict: object, key: string) => key.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict) as string;

describe("alert messages", () => {
  it("Japanese and English define exactly the same keys, none empty", () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
    for (const k of keys(en)) for (const dict of [en, ja]) expect(at(dict, k), k).not.toBe("");
  });

  it("every kind and status has a label in both languages", () => {
    for (const dict of [en, ja]) {
      for (const kind of ALERT_KINDS) expect(dict.page[`kind${kind}`]).toBeTruthy();
      for (const status of ALERT_STATUSES) expect(dict.page[`status${status}`]).toBeTruthy();
    }
  });

  it("both languages use the same placeholders in each text", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of keys(en)) expect(placeholders(at(ja, k)), k).toEqual(placeholders(at(en, k)));
  });
});
