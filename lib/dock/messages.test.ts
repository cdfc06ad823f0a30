import { describe, expect, it } from "vitest";
import { expectSameDictionaries } from "../../tests/helpers/dictionaries";
import { en, fill, ja } from "./messages";

describe("dock messages", () => {
  it("Japanese and English define exactly the same keys, none empty, with the same placeholders", () => {
    expectSameDictionaries(en, ja);
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
