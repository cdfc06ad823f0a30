import { describe, expect, it } from "vitest";
import { expectSameDictionaries } from "../../tests/helpers/dictionaries";
import { en, fill, ja } from "./messages";

describe("authorities, certificates and dashboard messages", () => {
  it("Japanese and English define exactly the same keys, none empty, with the same placeholders", () => {
    expectSameDictionaries(en, ja);
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
