import { getDb } from "@/lib/db";
import { eventHash, GENESIS_HASH } from "./chain";

export interface ChainVerification {
  ok: boolean;
  events: number;
  firstBrokenSeq?: number;
  reason?: string;
}

/** Walks the whole chain in sequence order, in pages, and names the first broken event. */
export async function verifyAuditChain(pageSize = 5000): Promise<ChainVerification> {
  const db = getDb();
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const page = await db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: pageSize });
    if (page.length === 0) return { ok: true, events: count };
    for (const e of page) {
      if (e.seq !== expectedSeq) return { ok: false, events: count, firstBrokenSeq: expectedSeq, reason: `event ${expectedSeq} is missing` };
      if (e.prevHash !== prevHash) return { ok: false, events: count, firstBrokenSeq: e.seq, reason: "previous-hash link does not match" };
      if (eventHash(prevHash, e) !== e.hash) return { ok: false, events: count, firstBrokenSeq: e.seq, reason: "content does not match its hash" };
      prevHash = e.hash;
      expectedSeq++;
      count++;
    }
  }
}

export async function listRecentEvents(limit = 20) {
  return getDb().auditEvent.findMany({ orderBy: { seq: "desc" }, take: limit });
}

export async function listEventsForTarget(type: string, id: string, limit = 100) {
  return getDb().auditEvent.findMany({ where: { targetType: type, targetId: id }, orderBy: { seq: "desc" }, take: limit });
}
