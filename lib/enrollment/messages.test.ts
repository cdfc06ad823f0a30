import { describe, expect, it } from "vitest";
import { expectSameDictionaries } from "../../tests/helpers/dictionaries";
import { en, fill, ja, refusalText } from "./messages";
import { DELIVERY_REFUSALS } from "./types";

describe("enrollment messages", () => {
  it("Japanese and English define exactly the same keys, none empty", () => {
    expectSameDictionaries(en, ja, { placeholders: false });
  });

  it("uses the seed's Gléas words in Japanese", () => {
    expect(ja.portal.downloaded).toBe("ダウンロード済み");
    expect(ja.portal.importCertificate).toBe("証明書のインポート");
    expect(ja.settings.importOnce).toBe("インポートワンスを利用する");
  });

  it("names every refusal the page can show, differently, in both languages", () => {
    for (const t of [en.portal, ja.portal]) {
      const texts = [...DELIVERY_REFUSALS, "session-expired" as const].map((r) => refusalText(t, r));
      expect(new Set(texts).size).toBe(texts.length);
    }
    expect(refusalText(ja.portal, "window-expired")).toBe("ダウンロード済み。ダウンロード可能時間を過ぎました。");
    expect(refusalText(en.portal, "session-expired")).toBe("Your session has ended. Sign in again.");
  });

  it("numbers the Android and Mac import steps as seed 002 Step 3 does, naming the password to type", () => {
    expect(ja.portal.androidSteps.slice(1, 5).join("\n")).toMatch(/\[セキュリティ\].*\[認証ストレージ\].*\[ストレージからのインストール\].*\n.*\[証明書を抽出\].*\{password\}.*\n.*名前.*既定のままでも.*\n.*ロック/);
    expect(ja.portal.androidHint).toContain("ロック (PIN など) が必須");
    expect(ja.portal.macSteps.slice(1, 4).join("\n")).toMatch(/ダブルクリック.*キーチェーンアクセス.*パスワード.*\n\{password\}.*「ログイン」キーチェーンの分類「証明書」.*\n.*Safari.*選ぶ画面/);
    expect(ja.portal.macHint).toMatch(/再起動しても[^。]*削除するまで[^。]*。新しい証明書を取り込んだら、古い証明書/);
    for (const t of [en.portal, ja.portal]) {
      for (const steps of [t.windowsSteps, t.androidSteps, t.macSteps]) expect(steps.filter((s) => s.includes("{password}"))).toHaveLength(1);
      expect(t.iphoneSteps.filter((s) => s.includes("{iphonePassword}"))).toHaveLength(1);
    }
    expect(en.portal.androidSteps[2]).toBe("In the “Extract certificate” dialog, type {password}.");
  });

  it("fills placeholders", () => {
    expect(fill("until {time}", { time: "10:00" })).toBe("until 10:00");
  });
});
