// The check every EN/JA message dictionary gets (lib/*/messages.test.ts): Japanese and English
// define exactly the same keys, none empty, and (unless told otherwise) the same {placeholders}.
import { expect } from "vitest";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function valueAt(dict: object, key: string): string {
  return key.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict) as string;
}

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

export function expectSameDictionaries(en: object, ja: object, options: { placeholders?: boolean } = {}): void {
  expect(keys(ja).sort()).toEqual(keys(en).sort());
  for (const k of keys(en)) {
    expect(valueAt(en, k), k).not.toBe("");
    expect(valueAt(ja, k), k).not.toBe("");
    if (options.placeholders ?? true) expect(placeholders(valueAt(ja, k)), k).toEqual(placeholders(valueAt(en, k)));
  }
}
