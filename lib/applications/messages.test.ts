import { describe, expect, it } from "vitest";
import { en, ja, outcomeText } from "./messages";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe("application messages", () => {
  it("Japanese and English define exactly the same keys, none empty", () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
    for (const dict of [en, ja]) for (const k of keys(dict)) expect(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict), k).not.toBe("");
  });

  it("uses the seed's Gléas word for the list", () => {
    expect(ja.list.title).toBe("登録申請書一覧");
  });

  it("tells each refusal apart, and 'taken' does not say whether an account or an application holds the user ID", () => {
    for (const t of [en.apply, ja.apply]) {
      const texts = (["taken", "rate-limited", "closed", "invalid", "error"] as const).map((reason) => outcomeText(t, { ok: false, reason } as never));
      expect(new Set(texts).size).toBe(texts.length);
    }
    expect(en.apply.taken).not.toMatch(/account|pending|application/i);
  });
});
