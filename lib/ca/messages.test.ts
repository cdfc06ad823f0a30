import { describe, expect, it } from "vitest";
import { en, fill, ja } from "./messages";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function valueAt(dict: object, key: string): unknown {
  return key.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict);
}

describe("authorities, certificates and dashboard messages", () => {
  it("Japanese and English define exactly the same keys, none empty, with the same placeholders", () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
    for (const k of keys(en)) {
      const [e, j] = [valueAt(en, k) as string, valueAt(ja, k) as string];
      expect(e, k).not.toBe("");
      expect(j, k).not.toBe("");
      expect((j.match(/\{\w+\}/g) ?? []).sort(), k).toEqual((e.match(/\{\w+\}/g) ?? []).sort());
    }
  });

  it("uses the seed's Gléas words in Japanese", () => {
    expect(ja.authorities.title).toBe("認証局一覧");
    expect(ja.authorities.crlNumber).toBe("CRL番号");
  });

  it("fills numbers and strings into placeholders and leaves unknown ones visible", () => {
    expect(fill("Revoke {count} with {reason}?", { count: 2, reason: "superseded" })).toBe("Revoke 2 with superseded?");
    expect(fill("{missing}", {})).toBe("{missing}");
  });
});
