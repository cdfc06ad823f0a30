import { describe, expect, it } from "vitest";
import { csvCell, csvRow, csvRows, csvValue } from "./export-csv";

// Stored values that the CSV must give back exactly for the hashes to be recomputed.
const TRICKY: Array<string | null> = [
  null, "", "'", "''", "'=1", "=1", "'plain", "-1", "+x", "@sum", "\tx", "\rx", "a,b", 'say "hi"', '"', "line\nbreak", "cr\r\nlf", " padded ", "日本語",
];

async function* chunks(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function readBack(text: string, size: number) {
  const rows = [];
  for await (const r of csvRows(chunks(text, size))) rows.push("error" in r ? r : { line: r.line, values: r.cells.map(csvValue) });
  return rows;
}

describe("audit CSV cells", () => {
  it("defuses formulas for spreadsheets, and apostrophe-led values too so the prefix is reversible", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvCell("'=1")).toBe("''=1");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell("")).toBe('""');
  });

  it.each([1, 2, 7, 4096])("reads every tricky value back exactly, null and empty apart, from %i-character chunks", async (size) => {
    const text = csvRow(TRICKY) + csvRow(["second", null, ""]) + csvRow(["third"]);
    expect(await readBack(text, size)).toEqual([
      { line: 1, values: TRICKY },
      { line: 4, values: ["second", null, ""] }, // row 1 spans three lines: two of its cells hold a line feed
      { line: 5, values: ["third"] },
    ]);
  });

  it("reports a quoted cell cut off at the end of the file", async () => {
    expect(await readBack('a,"unfinished\r\n', 3)).toEqual([{ line: 1, error: "a quoted cell is not closed: the file was cut short" }]);
  });
});
