import { describe, expect, it } from "vitest";
import { AUDIT_TARGET_TYPES } from "./search";
import { en, fill, ja } from "./messages";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe("audit messages", () => {
  it("Japanese and English define exactly the same keys, none empty", () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
    for (const dict of [en, ja]) {
      for (const k of keys(dict)) expect(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict), k).not.toBe("");
    }
  });

  it("names every target type an auditor can filter by", () => {
    expect(Object.keys(en.targets).sort()).toEqual([...AUDIT_TARGET_TYPES].sort());
  });

  it("keeps the same placeholders in both languages", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of keys(en)) {
      const get = (d: object) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], d) as string;
      expect(placeholders(get(ja)), k).toEqual(placeholders(get(en)));
    }
    expect(fill(en.verify.broken, { seq: 7, reason: "content does not match its hash" })).toBe("Broken at event 7: content does not match its hash");
  });
});
