// The export file formats and the offline verifier. No database here: the CLI verifies
// an exported file on any machine (`npm run inkan -- audit verify --file export.jsonl|csv`).
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { createInterface } from "node:readline";
import { eventHash, GENESIS_HASH } from "./chain";
import { csvRow, csvRows, csvValue } from "./export-csv";
import type { AuditEventView } from "./search";

export const EXPORT_FORMAT = "inkan-audit-export";
export const EXPORT_END = "inkan-audit-export-end";

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  /** full: every event from 1 to the head, in sequence order; filtered: the matching events only. */
  scope: "full" | "filtered";
  filters: Record<string, string>;
  /** The log's last event when the export began; nothing after it is exported. */
  chainHead: { seq: number; hash: string } | null;
}

/** One event as an export line: the stored fields exactly, so its hash can be recomputed. */
export function eventRecord(e: AuditEventView) {
  return {
    seq: e.seq, at: e.at.toISOString(), actor: e.actor, action: e.action, targetType: e.targetType, targetId: e.targetId,
    ip: e.ip, userAgent: e.userAgent, outcome: e.outcome, details: e.details, prevHash: e.prevHash, hash: e.hash,
  };
}

export const CSV_COLUMNS = ["seq", "at", "actor", "action", "target_type", "target_id", "ip", "user_agent", "outcome", "details", "prev_hash", "hash"] as const;

/**
 * The CSV layout: a header row (the marker and the JSON Lines header as JSON), the column
 * names, one row per event, and an end row with the count; the same records as JSON Lines,
 * so the same verifier checks both.
 */
export function csvHeaderRows(header: ExportHeader): string {
  return csvRow([EXPORT_FORMAT, JSON.stringify(header)]) + csvRow([...CSV_COLUMNS]);
}

export function csvEventRow(e: AuditEventView): string {
  const r = eventRecord(e);
  return csvRow([r.seq, r.at, r.actor, r.action, r.targetType, r.targetId, r.ip, r.userAgent, r.outcome, r.details, r.prevHash, r.hash]);
}

export function csvEndRow(events: number): string {
  return csvRow([EXPORT_END, events]);
}

export interface ExportVerification {
  ok: boolean;
  scope: "full" | "filtered" | null;
  events: number;
  chainHead: { seq: number; hash: string } | null;
  /** Line number in the file (1 = header) and event of the first problem. */
  firstBrokenLine?: number;
  firstBrokenSeq?: number;
  reason?: string;
}

type Line = Record<string, unknown>;

/** What either file format holds, in order: a header, events, an end marker (or what is wrong). */
type ExportRecord = { line: number } & ({ kind: "header" | "event"; value: Line } | { kind: "end"; events: unknown } | { kind: "bad"; reason: string });

function isEventLine(l: Line): boolean {
  return typeof l.seq === "number" && typeof l.at === "string" && typeof l.hash === "string" && typeof l.prevHash === "string";
}

async function* jsonlRecords(lines: AsyncIterable<string>): AsyncGenerator<ExportRecord> {
  let line = 0;
  let first = true;
  for await (const raw of lines) {
    line++;
    if (raw.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      yield { line, kind: "bad", reason: "the line is not JSON" };
      return;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) value = {};
    const l = value as Line;
    if (first) yield { line, kind: "header", value: l };
    else yield l.format === EXPORT_END ? { line, kind: "end", events: l.events } : { line, kind: "event", value: l };
    first = false;
  }
}

async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<ExportRecord> {
  let row = 0;
  for await (const r of csvRows(chunks)) {
    if ("error" in r) {
      yield { line: r.line, kind: "bad", reason: `the row is not valid CSV: ${r.error}` };
      return;
    }
    const cells = r.cells.map(csvValue);
    if (cells.length === 1 && cells[0] === null) continue; // a blank line
    row++;
    if (row === 1) {
      let header: Line = {};
      try {
        if (cells.length === 2 && cells[0] === EXPORT_FORMAT) header = JSON.parse(cells[1] ?? "") as Line;
      } catch {
        // left empty: reported as "not a header" below
      }
      yield { line: r.line, kind: "header", value: header && typeof header === "object" ? header : {} };
    } else if (row === 2) {
      if (cells.join(",") !== CSV_COLUMNS.join(",")) yield { line: r.line, kind: "bad", reason: `the second row is not the column names ${CSV_COLUMNS.join(",")}` };
    } else if (cells[0] === EXPORT_END) {
      yield { line: r.line, kind: "end", events: cells.length === 2 && /^\d+$/.test(cells[1] ?? "") ? Number(cells[1]) : cells[1] };
    } else if (cells.length !== CSV_COLUMNS.length) {
      yield { line: r.line, kind: "bad", reason: `the row has ${cells.length} cells, not ${CSV_COLUMNS.length}` };
    } else {
      const [seq, at, actor, action, targetType, targetId, ip, userAgent, outcome, details, prevHash, hash] = cells;
      const value = { seq: seq !== null && /^\d+$/.test(seq) ? Number(seq) : seq, at, actor, action, targetType, targetId, ip, userAgent, outcome, details, prevHash, hash };
      yield { line: r.line, kind: "event", value };
    }
  }
}

/**
 * Verifies an export record by record (constant memory). A full export must be the whole
 * chain from event 1 to the head named in its header; a filtered export's events must each
 * match their own hash (and link to a neighbour exported with them).
 */
async function verifyRecords(records: AsyncIterable<ExportRecord>): Promise<ExportVerification> {
  let lineNo = 0;
  let header: ExportHeader | null = null;
  let count = 0;
  let prev: { seq: number; hash: string } | null = null;
  let ended = false;
  const fail = (reason: string, seq?: number): ExportVerification => ({
    ok: false, scope: header?.scope ?? null, events: count, chainHead: header?.chainHead ?? null, firstBrokenLine: lineNo, ...(seq !== undefined ? { firstBrokenSeq: seq } : {}), reason,
  });
  for await (const record of records) {
    lineNo = record.line;
    if (record.kind === "bad") return fail(record.reason);
    if (ended) return fail("there are lines after the end marker");
    if (!header) {
      const h = record.kind === "header" ? record.value : {};
      if (h.format !== EXPORT_FORMAT || h.version !== 1) return fail(`the first line is not an ${EXPORT_FORMAT} version 1 header: is this an Inkan audit export (JSON Lines or CSV)?`);
      header = h as unknown as ExportHeader;
      if (header.scope !== "full" && header.scope !== "filtered") return fail("the header's scope is neither full nor filtered");
      continue;
    }
    if (record.kind === "end") {
      if (record.events !== count) return fail(`the end marker counts ${String(record.events)} events but the file holds ${count}: lines were added or removed`);
      ended = true;
      continue;
    }
    if (record.kind !== "event" || !isEventLine(record.value)) return fail("the line is neither an event nor the end marker");
    const line = record.value;
    const e = { ...line, at: new Date(line.at as string) } as unknown as AuditEventView;
    const seq = e.seq;
    if (header.chainHead && seq > header.chainHead.seq) return fail(`event ${seq} is after the chain head ${header.chainHead.seq} named in the header`, seq);
    if (header.scope === "full") {
      const expectedSeq: number = (prev?.seq ?? 0) + 1;
      if (seq !== expectedSeq) return fail(`event ${expectedSeq} is missing`, expectedSeq);
      if (e.prevHash !== (prev?.hash ?? GENESIS_HASH)) return fail("previous-hash link does not match", seq);
    } else if (prev && seq === prev.seq + 1 && e.prevHash !== prev.hash) {
      return fail("previous-hash link to the event before it does not match", seq);
    }
    if (Number.isNaN(e.at.getTime()) || eventHash(e.prevHash, e) !== e.hash) return fail("content does not match its hash", seq);
    prev = { seq, hash: e.hash };
    count++;
  }
  if (!header) return fail("the file is empty");
  if (!ended) return fail("the end marker is missing: the file was cut short");
  if (header.scope === "full") {
    const last = prev?.seq ?? 0;
    const headSeq = header.chainHead?.seq ?? 0;
    if (last !== headSeq) return fail(`the chain ends at event ${last} but the header names head ${headSeq}: events were removed`, last + 1);
    if (header.chainHead && prev && prev.hash !== header.chainHead.hash) return fail("the last event's hash is not the chain head named in the header", last);
  }
  return { ok: true, scope: header.scope, events: count, chainHead: header.chainHead };
}

/** Verifies a JSON Lines export given line by line. */
export function verifyExportLines(lines: AsyncIterable<string>): Promise<ExportVerification> {
  return verifyRecords(jsonlRecords(lines));
}

/** Verifies a CSV export given as text chunks. */
export function verifyExportCsv(chunks: AsyncIterable<string>): Promise<ExportVerification> {
  return verifyRecords(csvRecords(chunks));
}

/** Verifies an export file, JSON Lines or CSV, told apart by how the file starts (JSON Lines with its "{" header), not by its name. */
export async function verifyExportFile(file: string): Promise<ExportVerification> {
  const first = Buffer.alloc(1);
  const fd = openSync(file, "r");
  try {
    readSync(fd, first, 0, 1, 0);
  } finally {
    closeSync(fd);
  }
  const input = createReadStream(file, { encoding: "utf8" });
  try {
    if (first.toString("utf8") === "{") return await verifyExportLines(createInterface({ input, crlfDelay: Infinity }));
    return await verifyExportCsv(input);
  } finally {
    input.destroy();
  }
}
