import { describe, expect, it } from "vitest";
import { expectSameDictionaries } from "../../tests/helpers/dictionaries";
import { en, ja, outcomeText } from "./messages";

describe("application messages", () => {
  it("Japanese and English define exactly the same keys, none empty", () => {
    expectSameDictionaries(en, ja, { placeholders: false });
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
