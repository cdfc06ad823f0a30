import { describe, expect, it } from "vitest";
import { parseSubject } from "./subject";

describe("parseSubject", () => {
  it("reads RFC 4514 order (CN first) and encodes most general first", () => {
    expect(parseSubject("CN=Inkan ia1,O=Example,C=JP")).toEqual([
      { type: "C", value: "JP" }, { type: "O", value: "Example" }, { type: "CN", value: "Inkan ia1" },
    ]);
  });
  it("reads OpenSSL's slash form in written order", () => {
    expect(parseSubject("/C=JP/O=Example/CN=x")).toEqual([
      { type: "C", value: "JP" }, { type: "O", value: "Example" }, { type: "CN", value: "x" },
    ]);
  });
  it("keeps escaped commas inside a value", () => {
    expect(parseSubject("CN=x,O=JCCH Security Solution Systems Co.\\, Ltd.")).toContainEqual({ type: "O", value: "JCCH Security Solution Systems Co., Ltd." });
  });
  it("rejects unknown attributes and empty subjects with a message", () => {
    expect(() => parseSubject("XX=1")).toThrow(/not a subject attribute/);
    expect(() => parseSubject("")).toThrow(/empty/);
  });
});
