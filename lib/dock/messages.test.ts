import { describe, expect, it } from "vitest";
import { en, fill, ja } from "./messages";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
const at = (dict: object, key: string) => key.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict) as string;

describe("dock messages", () => {
  it("Japanese and English define exactly the same keys, none empty, with the same placeholders", () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
    for (const k of keys(en)) {
      expect(at(en, k), k).not.toBe("");
      expect(at(ja, k), k).not.toBe("");
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(at(ja, k)), k).toEqual(holes(at(en, k)));
    }
  });

  it("uses the seed's Gléas words in Japanese", () => {
    expect(ja.put).toBe("ドックに入れる");
    expect(ja.nav.label).toBe("ドック");
    expect(ja.nav.accounts.replace("{count}", "0")).toBe("アカウント (0)");
    expect(ja.nav.certificates.replace("{count}", "0")).toBe("証明書 (0)");
  });

  it("fills placeholders", () => {
    expect(fill("{done} of {total}", { done: 3, total: 10 })).toBe("3 of 10");
  });
});
