import { describe, expect, it } from "vitest";
import { GROUP_MESSAGES } from "../../lib/groups/messages";
import { TEMPLATE_MESSAGES } from "../../lib/templates/messages";

const placeholders = (s: string) => (s.match(/\{[a-z]+\}/g) ?? []).sort();

/** Every text with its dotted key (groups nest blocks such as `bulk`). */
function texts(dict: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(dict)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of texts(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

describe.each([["groups", GROUP_MESSAGES], ["templates", TEMPLATE_MESSAGES]] as const)("%s messages", (_name, dicts) => {
  it("Japanese and English define the same keys, none empty, with the same placeholders", () => {
    const en = texts(dicts.en);
    const ja = texts(dicts.ja);
    expect([...ja.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [k, text] of en) {
      expect(text, k).not.toBe("");
      expect(ja.get(k), k).not.toBe("");
      expect(placeholders(ja.get(k)!), k).toEqual(placeholders(text));
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
