import { describe, expect, it } from "vitest";
import { expectSameDictionaries } from "../../tests/helpers/dictionaries";
import { en, ja } from "./messages";
import { pickLocale } from "./locale";

describe("UI messages", () => {
  it("Japanese and English define exactly the same keys, none empty", () => {
    expectSameDictionaries(en, ja, { placeholders: false });
  });

  it("uses the seed's Gléas vocabulary in Japanese", () => {
    expect(ja.account.history).toBe("証明書発行の履歴");
    expect(ja.account.confirmCsr).toBe("CSR ファイルの内容を確認する");
    expect(ja.account.confirmIssue).toBe("この内容で発行する");
    expect(ja.nav.authorities).toBe("認証局一覧");
  });
});

describe("pickLocale", () => {
  it("prefers the explicit cookie over the browser's languages", () => {
    expect(pickLocale("en", "ja,en;q=0.8")).toBe("en");
  });
  it("follows Accept-Language when no choice was made", () => {
    expect(pickLocale(undefined, "en-US,en;q=0.9,ja;q=0.8")).toBe("en");
    expect(pickLocale(undefined, "ja-JP")).toBe("ja");
  });
  it("falls back to Japanese for unknown or missing languages and ignores a forged cookie", () => {
    expect(pickLocale(undefined, "fr-FR")).toBe("ja");
    expect(pickLocale("xx", null)).toBe("ja");
  });
});
