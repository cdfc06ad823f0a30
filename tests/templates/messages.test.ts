import { describe, expect, it } from "vitest";
import { GROUP_MESSAGES } from "../../lib/groups/messages";
import { TEMPLATE_MESSAGES } from "../../lib/templates/messages";

const placeholders = (s: string) => (s.match(/\{[a-z]+\}/g) ?? []).sort();

describe.each([["groups", GROUP_MESSAGES], ["templates", TEMPLATE_MESSAGES]] as const)("%s messages", (_name, dicts) => {
  it("Japanese and English define the same keys, none empty, with the same placeholders", () => {
    const en = dicts.en as Record<string, string>;
    const ja = dicts.ja as Record<string, string>;
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) {
      expect(en[k], k).not.toBe("");
      expect(ja[k], k).not.toBe("");
      expect(placeholders(ja[k]), k).toEqual(placeholders(en[k]));
    }
  });
});

it("uses the seed's Gléas words in Japanese", () => {
  expect(GROUP_MESSAGES.ja.groupInfo).toBe("グループ情報");
  expect(GROUP_MESSAGES.ja.userGroups).toBe("ユーザグループ");
  expect(GROUP_MESSAGES.ja.roleGroups).toBe("ロールグループ");
  expect([TEMPLATE_MESSAGES.ja.templateInfo, TEMPLATE_MESSAGES.ja.type, TEMPLATE_MESSAGES.ja.required, TEMPLATE_MESSAGES.ja.optional]).toEqual(["テンプレート情報", "種別", "必須テンプレート", "任意テンプレート"]);
  expect([TEMPLATE_MESSAGES.ja.cn, TEMPLATE_MESSAGES.ja.O, TEMPLATE_MESSAGES.ja.DC]).toEqual(["一般名(CN)", "組織名(O)", "ドメインコンポーネント(DC)"]);
});
