import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./types";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("audit actions", () => {
  // A declared action nobody writes promises auditors an event that never comes (auth.signout
  // and setup.complete were such promises): each one must appear as an `action:` value.
  it("every declared action is written by some event in lib/ or scripts/", () => {
    const code = [...sources("lib"), ...sources("scripts")].filter((f) => !f.endsWith(path.join("audit", "types.ts"))).map((f) => readFileSync(f, "utf8")).join("\n");
    const unwritten = AUDIT_ACTIONS.filter((a) => !new RegExp(`action:[^,}\\n]*"${a.replace(/\./g, "\\.")}"`).test(code));
    expect(unwritten).toEqual([]);
  });
});
