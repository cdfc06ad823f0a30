import { describe, expect, it } from "vitest";
import { en, fill, ja } from "./messages";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe("deploy messages", () => {
  it("Japanese and English define exactly the same keys, none empty", () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
    for (const k of keys(en)) {
      for (const dict of [en, ja]) expect(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict), k).not.toBe("");
    }
  });

  it("uses the seed's AWS console words in Japanese and keeps placeholders", () => {
    expect(ja.acm.privateKey).toBe("証明書のプライベートキー");
    expect(ja.acm.chain).toBe("証明書チェーン");
    for (const k of keys(en)) {
      const get = (d: object) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], d) as string;
      expect(get(ja).match(/\{\w+\}/g)?.sort() ?? [], k).toEqual(get(en).match(/\{\w+\}/g)?.sort() ?? []);
    }
    expect(fill("{a} and {b}", { a: 1, b: "x" })).toBe("1 and x");
  });
});
