import { InkanError } from "@/lib/errors";

// A small RFC 4180 reader for the account import: comma-separated fields, CRLF or LF line
// ends, fields in double quotes may hold commas, line breaks and "" for a quote. The first
// record is the header. Text is UTF-8 (a BOM is dropped) or, when the bytes are not valid
// UTF-8, Shift_JIS (what Excel writes for "CSV" on Japanese Windows).

export interface CsvRecord {
  /** The 1-based line the record starts on, for error messages. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  encoding: "utf-8" | "shift_jis";
}

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: "utf-8" | "shift_jis" } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("shift_jis").decode(bytes), encoding: "shift_jis" };
  }
}

/** Splits CSV text into records; throws VALIDATION naming the line of a malformed quote. */
export function parseCsvText(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedField = false;
  const endField = () => {
    fields.push(field);
    field = "";
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record (a trailing newline, or an empty line between rows).
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '"') {
      if (field !== "" || quotedField) {
        throw new InkanError("VALIDATION", { en: `CSV line ${line}: a double quote inside an unquoted field. Put the whole field in double quotes and write a quote inside it as "".`, ja: `CSV ${line}行目: 引用符で囲まれていない項目の中にダブルクォートがあります。項目全体をダブルクォートで囲み、中のクォートは "" と書いてください。` });
      }
      const start = line;
      i++;
      for (;;) {
        if (i >= src.length) throw new InkanError("VALIDATION", { en: `CSV line ${start}: a quoted field is never closed. Add the closing double quote.`, ja: `CSV ${start}行目: 引用符で始まる項目が閉じていません。閉じるダブルクォートを追加してください。` });
        const d = src[i];
        if (d === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (d === "\n") line++;
        field += d;
        i++;
      }
      quotedField = true;
      const next = src[i];
      if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
        throw new InkanError("VALIDATION", { en: `CSV line ${line}: text after a closing double quote. Quote the whole field.`, ja: `CSV ${line}行目: 閉じるダブルクォートの後に文字があります。項目全体を引用符で囲んでください。` });
      }
      continue;
    }
    if (c === ",") {
      endField();
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (quotedField) throw new InkanError("VALIDATION", { en: `CSV line ${line}: text after a closing double quote. Quote the whole field.`, ja: `CSV ${line}行目: 閉じるダブルクォートの後に文字があります。項目全体を引用符で囲んでください。` });
    field += c;
    i++;
  }
  if (field !== "" || quotedField || fields.length > 0) endRecord();
  return records;
}

/** Decodes and parses an uploaded CSV file whose first record is the header. */
export function parseCsv(bytes: Uint8Array): CsvTable {
  const { text, encoding } = decodeCsvBytes(bytes);
  const records = parseCsvText(text);
  if (records.length === 0) throw new InkanError("VALIDATION", { en: "The CSV file is empty. The first line must be the header (user_id,name,email,groups,hostnames).", ja: "CSVファイルが空です。1行目はヘッダー(user_id,name,email,groups,hostnames)にしてください。" });
  const [head, ...rest] = records;
  return { header: head.fields.map((h) => h.trim()), records: rest, encoding };
}
