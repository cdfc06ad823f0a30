import { describe, expect, it } from "vitest";
import { en, fill, ja, refusalText } from "./messages";
import { DELIVERY_REFUSALS } from "./types";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe("enrollment messages", () => {
  it("Japanese and English define exactly the same keys, none empty", () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
    for (const k of [...keys(en)]) {
      for (const dict of [en, ja]) expect(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict), k).not.toBe("");
    }
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

  it("fills placeholders", () => {
    expect(fill("until {time}", { time: "10:00" })).toBe("until 10:00");
  });
});
