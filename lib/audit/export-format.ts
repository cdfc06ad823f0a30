// The export file formats and the offline verifier. No database here: the CLI verifies
// an exported file on any machine (`npm run inkan -- audit verify --file export.jsonl`).
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { eventHash, GENESIS_HASH } from "./chain";
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

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  // A cell a spreadsheet would run as a formula (user agents and typed e-mails are attacker
  // text) is prefixed with an apostrophe; the JSON Lines export keeps the exact bytes.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: Array<string | number | null>): string {
  return values.map(csvCell).join(",") + "\r\n";
}

export function csvEventRow(e: AuditEventView): string {
  const r = eventRecord(e);
  return csvRow([r.seq, r.at, r.actor, r.action, r.targetType, r.targetId, r.ip, r.userAgent, r.outcome, r.details, r.prevHash, r.hash]);
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

function isEventLine(l: Line): boolean {
  return typeof l.seq === "number" && typeof l.at === "string" && typeof l.hash === "string" && typeof l.prevHash === "string";
}

/**
 * Verifies an exported JSON Lines file line by line (constant memory). A full export must
 * be the whole chain from event 1 to the head named in its header; a filtered export's
 * events must each match their own hash (and link to a neighbour exported with them).
 */
export async function verifyExportLines(lines: AsyncIterable<string>): Promise<ExportVerification> {
  let lineNo = 0;
  let header: ExportHeader | null = null;
  let count = 0;
  let prev: { seq: number; hash: string } | null = null;
  let ended = false;
  const fail = (reason: string, seq?: number): ExportVerification => ({
    ok: false, scope: header?.scope ?? null, events: count, chainHead: header?.chainHead ?? null, firstBrokenLine: lineNo, ...(seq !== undefined ? { firstBrokenSeq: seq } : {}), reason,
  });
  for await (const raw of lines) {
    lineNo++;
    if (raw.trim() === "") continue;
    if (ended) return fail("there are lines after the end marker");
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      return fail("the line is not JSON");
    }
    if (!header) {
      if (line.format !== EXPORT_FORMAT || line.version !== 1) return fail(`the first line is not an ${EXPORT_FORMAT} version 1 header: is this an Inkan JSON Lines export?`);
      header = line as unknown as ExportHeader;
      if (header.scope !== "full" && header.scope !== "filtered") return fail("the header's scope is neither full nor filtered");
      continue;
    }
    if (line.format === EXPORT_END) {
      if (line.events !== count) return fail(`the end marker counts ${String(line.events)} events but the file holds ${count}: lines were added or removed`);
      ended = true;
      continue;
    }
    if (!isEventLine(line)) return fail("the line is neither an event nor the end marker");
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
    if (eventHash(e.prevHash, e) !== e.hash) return fail("content does not match its hash", seq);
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

export async function verifyExportFile(file: string): Promise<ExportVerification> {
  const input = createReadStream(file, { encoding: "utf8" });
  try {
    return await verifyExportLines(createInterface({ input, crlfDelay: Infinity }));
  } finally {
    input.destroy();
  }
}
