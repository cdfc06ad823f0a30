import { describe, expect, it } from "vitest";
import { decodeCsvBytes, parseCsv, parseCsvText } from "./csv";
import { InkanError } from "@/lib/errors";

const fields = (text: string) => parseCsvText(text).map((r) => r.fields);

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (err) {
    expect(err).toBeInstanceOf(InkanError);
    return (err as InkanError).message;
  }
  throw new Error("expected a refusal");
}

describe("CSV reader (RFC 4180)", () => {
  it("splits fields and records with CRLF, LF and a missing final line end", () => {
    expect(fields("a,b\r\nc,d\r\n")).toEqual([["a", "b"], ["c", "d"]]);
    expect(fields("a,b\nc,d")).toEqual([["a", "b"], ["c", "d"]]);
  });

  it("keeps empty fields, including trailing ones, and skips blank lines", () => {
    expect(fields("a,,c,\n\n,x,,\n")).toEqual([["a", "", "c", ""], ["", "x", "", ""]]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks, and numbers records by their first line", () => {
    const records = parseCsvText('id,note\n"u1","a, b"\n"u2","say ""hi""\nsecond line"\nu3,""\n');
    expect(records.map((r) => r.fields)).toEqual([["id", "note"], ["u1", "a, b"], ["u2", 'say "hi"\nsecond line'], ["u3", ""]]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it("drops a UTF-8 byte order mark", () => {
    const table = parseCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("user_id,name\nu1,山田\n")]));
    expect(table.header).toEqual(["user_id", "name"]);
    expect(table.records[0].fields).toEqual(["u1", "山田"]);
    expect(table.encoding).toBe("utf-8");
  });

  it("reads Shift_JIS when the bytes are not UTF-8 (Excel on Japanese Windows)", () => {
    // "user_id,name\nu1,テスト" with テスト in Shift_JIS.
    const sjis = Buffer.concat([Buffer.from("user_id,name\r\nu1,"), Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]), Buffer.from("\r\n")]);
    expect(decodeCsvBytes(sjis).encoding).toBe("shift_jis");
    expect(parseCsv(sjis).records[0].fields).toEqual(["u1", "テスト"]);
  });

  it("refuses an unterminated quote, naming the line it opens on", () => {
    expect(refusal(() => parseCsvText('a,b\nc,"open\nd,e\n'))).toMatch(/CSV line 2: a quoted field is never closed/);
  });

  it("refuses a quote inside an unquoted field and text after a closing quote", () => {
    expect(refusal(() => parseCsvText('a,b\nc,d"e\n'))).toMatch(/CSV line 2: a double quote inside an unquoted field/);
    expect(refusal(() => parseCsvText('a,b\nc,"d"e\n'))).toMatch(/CSV line 2: text after a closing double quote/);
  });

  it("refuses an empty file with the expected header", () => {
    expect(refusal(() => parseCsv(Buffer.from("\n\n")))).toMatch(/empty.*user_id,name,email,groups,hostnames/);
  });
});
