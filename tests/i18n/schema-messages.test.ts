import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { issueText } from "@/lib/i18n/validation";

// The zod schemas give their messages in English (they are shared with the browser); the
// server turns each into Japanese through one table. A schema message added without its
// Japanese would reach a Japanese reader in English: this scan finds it.
const SCHEMA_FILES = [
  "lib/accounts/schema.ts", "lib/alerts/schema.ts", "lib/applications/schema.ts", "lib/audit/search.ts", "lib/auth/admins.ts",
  "lib/auth/schema.ts", "lib/ca/group-issue.ts", "lib/ca/schema.ts", "lib/ca/search.ts", "lib/deploy/schema.ts", "lib/dock/schema.ts",
  "lib/enrollment/clock.ts", "lib/enrollment/schema.ts", "lib/groups/schema.ts", "lib/mtls/schema.ts", "lib/reports/schema.ts",
  "lib/templates/schema.ts",
];

/** Plain double-quoted sentences passed to zod: `(…, "Message.")`, `message: "…"`, `error: "…"`. */
function schemaMessages(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/(?:[(,]\s*|(?:message|error):\s*)"((?:[^"\\]|\\.)+)"/g)) {
    const text = m[1].replace(/\\(.)/g, "$1");
    if (/^[A-Z]/.test(text) && /[.)]$/.test(text) && text.includes(" ")) found.add(text);
  }
  return [...found];
}

describe("schema messages have Japanese text", () => {
  for (const file of SCHEMA_FILES) {
    it(file, () => {
      const messages = schemaMessages(readFileSync(path.join(process.cwd(), file), "utf8"));
      const english = messages.filter((m) => issueText(m).ja === m);
      expect(english).toEqual([]);
    });
  }

  it("the scan finds the messages it is meant to check", () => {
    const deploy = schemaMessages(readFileSync(path.join(process.cwd(), "lib/deploy/schema.ts"), "utf8"));
    expect(deploy).toContain("A region looks like ap-northeast-1.");
    expect(deploy.length).toBeGreaterThanOrEqual(14);
    expect(issueText("A message nobody translated.").ja).toBe("A message nobody translated.");
  });
});
