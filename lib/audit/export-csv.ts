// CSV cells of the audit export: written for spreadsheets (RFC 4180, formulas defused) and
// read back to the exact stored values, so that the offline verifier can recompute hashes.

// Starts a spreadsheet would run as a formula (user agents and typed e-mails are attacker
// text), and the apostrophe itself: prefixing every value that starts with one makes
// "remove one leading apostrophe" the exact inverse, even for a stored "'=1".
const DEFUSE = /^['=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (DEFUSE.test(s)) s = `'${s}`;
  // An empty string is quoted so that it reads back as "" and not as null (they hash differently).
  return s === "" || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: Array<string | number | null>): string {
  return values.map(csvCell).join(",") + "\r\n";
}

export interface CsvCell {
  text: string;
  quoted: boolean;
}

/** The value csvCell was given: null for an unquoted empty cell, the defusing apostrophe removed. */
export function csvValue(cell: CsvCell): string | null {
  if (!cell.quoted && cell.text === "") return null;
  return cell.text.startsWith("'") ? cell.text.slice(1) : cell.text;
}

/** A row and the line of the file it starts on (quoted cells may hold line breaks). */
export type CsvRow = { line: number; cells: CsvCell[] } | { line: number; error: string };

type Parsed = { cells: CsvCell[]; end: number; newlines: number } | { error: string } | "more";

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** One row from `start`, or "more" when the buffer ends inside it and more text may come. */
function parseRow(buf: string, start: number, final: boolean): Parsed {
  const cells: CsvCell[] = [];
  let i = start;
  let newlines = 0;
  for (;;) {
    if (buf[i] === '"') {
      let text = "";
      i++;
      for (;;) {
        const q = buf.indexOf('"', i);
        if (q < 0) return final ? { error: "a quoted cell is not closed: the file was cut short" } : "more";
        if (q + 1 >= buf.length && !final) return "more"; // a closing quote or the first of a doubled one
        text += buf.slice(i, q);
        if (buf[q + 1] === '"') {
          text += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      newlines += countNewlines(text);
      cells.push({ text, quoted: true });
    } else {
      let j = i;
      while (j < buf.length && buf[j] !== "," && buf[j] !== "\r" && buf[j] !== "\n") {
        if (buf[j] === '"') return { error: "a quote inside an unquoted cell" };
        j++;
      }
      if (j >= buf.length && !final) return "more";
      cells.push({ text: buf.slice(i, j), quoted: false });
      i = j;
    }
    if (i >= buf.length) return final ? { cells, end: i, newlines } : "more";
    const c = buf[i];
    if (c === ",") {
      i++;
      continue;
    }
    if (c === "\n") return { cells, end: i + 1, newlines: newlines + 1 };
    if (c === "\r") {
      if (i + 1 >= buf.length && !final) return "more";
      if (buf[i + 1] === "\n") return { cells, end: i + 2, newlines: newlines + 1 };
      return { error: "a carriage return without a line feed ends a row" };
    }
    return { error: "text follows a quoted cell" };
  }
}

/** RFC 4180 rows from text chunks, in constant memory (one row at a time). Stops at the first error. */
export async function* csvRows(chunks: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  const input = chunks[Symbol.asyncIterator]();
  let buf = "";
  let line = 1;
  let final = false;
  for (;;) {
    let pos = 0;
    while (pos < buf.length) {
      const r = parseRow(buf, pos, final);
      if (r === "more") break;
      if ("error" in r) {
        yield { line, error: r.error };
        return;
      }
      yield { line, cells: r.cells };
      line += r.newlines;
      pos = r.end;
    }
    buf = buf.slice(pos);
    if (final) return;
    const next = await input.next();
    if (next.done) final = true;
    else buf += next.value;
  }
}
