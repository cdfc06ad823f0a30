import { describe, expect, it } from "vitest";
import { expectSameDictionaries } from "../../tests/helpers/dictionaries";
import { en, fill, ja } from "./messages";

describe("account messages", () => {
  it("Japanese and English define exactly the same keys, none empty, with the same placeholders", () => {
    expectSameDictionaries(en, ja);
  });

  it("uses the seed's Gléas words in Japanese", () => {
    expect(ja.list.title).toBe("アカウント一覧");
    expect(ja.page.delete).toBe("アカウント削除");
    expect(ja.page.operations).toBe("操作メニュー");
  });

  it("fills placeholders", () => {
    expect(fill("{done} of {total}", { done: 3, total: 10 })).toBe("3 of 10");
  });
});
