// Streamed exports of the audit log: keyset batches pulled into a ReadableStream as the
// client reads, so a 1,000,000-event export holds one batch in memory at a time.
import { getDb, type Prisma } from "@/lib/db";
import { advanceAnchor } from "./anchor";
import { latestAuditEvent } from "./data";
import { csvEndRow, csvEventRow, csvHeaderRows, eventRecord, EXPORT_END, EXPORT_FORMAT, type ExportHeader } from "./export-format";
import { recordStandaloneEvent } from "./mutations";
import { auditWhereParts, EVENT_SELECT, filterToQuery, findEventsInOrder, isFiltered, resolveTextCandidates, type AuditEventView, type AuditFilter } from "./search";
import type { Actor } from "./types";

export type ExportFormat = "csv" | "jsonl";

export interface AuditExport {
  filename: string;
  contentType: string;
  header: ExportHeader;
  stream: ReadableStream<Uint8Array>;
}

/** The next batch after `last`: full exports follow the chain (seq), filtered ones the page's (at, seq) order. */
async function nextBatch(full: boolean, parts: Prisma.AuditEventWhereInput[], headSeq: number, last: AuditEventView | null, size: number): Promise<AuditEventView[]> {
  if (full) {
    return getDb().auditEvent.findMany({ where: { seq: { gt: last?.seq ?? 0, lte: headSeq } }, orderBy: { seq: "asc" }, take: size, select: EVENT_SELECT });
  }
  return findEventsInOrder(parts, { direction: "asc", take: size, after: last, bound: { seq: { lte: headSeq } } });
}

/**
 * Records who exported what (its own event, before the export so the file includes it),
 * fixes the chain head, and returns a stream of the events up to that head. A full export
 * also moves the head anchor forward.
 */
export async function exportAuditEvents(filter: AuditFilter, format: ExportFormat, actor: Actor, opts: { batchSize?: number; now?: Date; anchorFile?: string } = {}): Promise<AuditExport> {
  const now = opts.now ?? new Date();
  const full = !isFiltered(filter);
  const filters = filterToQuery(filter);
  await recordStandaloneEvent({ actor, action: "audit.export", details: { format, scope: full ? "full" : "filtered", filters } }, now);
  const head = await latestAuditEvent();
  if (head) await advanceAnchor(head, now, opts.anchorFile);
  const header: ExportHeader = { format: EXPORT_FORMAT, version: 1, exportedAt: now.toISOString(), scope: full ? "full" : "filtered", filters, chainHead: head };
  const parts = auditWhereParts(filter, await resolveTextCandidates(filter));
  const size = Math.min(Math.max(opts.batchSize ?? 1000, 1), 10_000);
  const encoder = new TextEncoder();
  let last: AuditEventView | null = null;
  let count = 0;
  let done = false;

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(format === "jsonl" ? JSON.stringify(header) + "\n" : csvHeaderRows(header)));
      },
      async pull(controller) {
        if (done) return;
        const batch = head ? await nextBatch(full, parts, head.seq, last, size) : [];
        if (batch.length === 0) {
          done = true;
          controller.enqueue(encoder.encode(format === "jsonl" ? JSON.stringify({ format: EXPORT_END, events: count }) + "\n" : csvEndRow(count)));
          controller.close();
          return;
        }
        last = batch[batch.length - 1];
        count += batch.length;
        const text = format === "jsonl" ? batch.map((e) => JSON.stringify(eventRecord(e)) + "\n").join("") : batch.map(csvEventRow).join("");
        controller.enqueue(encoder.encode(text));
      },
    },
    { highWaterMark: 1 },
  );
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return {
    filename: `inkan-audit-${full ? "full" : "filtered"}-${stamp}-head${head?.seq ?? 0}.${format}`,
    contentType: format === "jsonl" ? "application/x-ndjson; charset=utf-8" : "text/csv; charset=utf-8",
    header,
    stream,
  };
}
