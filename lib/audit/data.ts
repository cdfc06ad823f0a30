import { getDb } from "@/lib/db";
import { eventHash, GENESIS_HASH } from "./chain";

export interface ChainVerification {
  ok: boolean;
  events: number;
  firstBrokenSeq?: number;
  reason?: string;
}

/** The last event of an intact chain: what an anchor or an export records. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** The walk's result with the head reached (null for an empty log or a broken chain). */
export interface ChainWalk extends ChainVerification {
  head: ChainHead | null;
}

/** Walks the whole chain in sequence order, in pages, and names the first broken event. */
export async function walkAuditChain(pageSize = 5000): Promise<ChainWalk> {
  const db = getDb();
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const page = await db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: pageSize });
    if (page.length === 0) return { ok: true, events: count, head: count ? { seq: expectedSeq - 1, hash: prevHash } : null };
    for (const e of page) {
      const broken = (reason: string, seq = e.seq): ChainWalk => ({ ok: false, events: count, firstBrokenSeq: seq, reason, head: null });
      if (e.seq !== expectedSeq) return broken(`event ${expectedSeq} is missing`, expectedSeq);
      if (e.prevHash !== prevHash) return broken("previous-hash link does not match");
      if (eventHash(prevHash, e) !== e.hash) return broken("content does not match its hash");
      prevHash = e.hash;
      expectedSeq++;
      count++;
    }
  }
}

/** The chain check alone (no anchor): see verifyAuditLog in verify.ts for the full check. */
export async function verifyAuditChain(pageSize = 5000): Promise<ChainVerification> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { head, ...result } = await walkAuditChain(pageSize);
  return result;
}

/** The latest event as stored (no verification). */
export async function latestAuditEvent(): Promise<ChainHead | null> {
  return getDb().auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
}

/** How many events one actor (as stored, e.g. "anonymous:api-token") has written since a time. */
export async function countEventsByActorSince(actor: string, since: Date): Promise<number> {
  return getDb().auditEvent.count({ where: { actor, at: { gte: since } } });
}

export async function findAuditHash(seq: number): Promise<string | null> {
  return (await getDb().auditEvent.findUnique({ where: { seq }, select: { hash: true } }))?.hash ?? null;
}

export async function listRecentEvents(limit = 20) {
  return getDb().auditEvent.findMany({ orderBy: { seq: "desc" }, take: limit });
}

export async function listEventsForTarget(type: string, id: string, limit = 100) {
  return getDb().auditEvent.findMany({ where: { targetType: type, targetId: id }, orderBy: { seq: "desc" }, take: limit });
}

/** The last recorded verification (an audit.verify event), for the auditor's page after a reload. */
export interface LastVerification {
  seq: number;
  at: Date;
  actor: string;
  ok: boolean;
  events: number | null;
  headSeq: number | null;
  firstBrokenSeq: number | null;
  reason: string | null;
}

export async function findLastVerification(): Promise<LastVerification | null> {
  // (action, at, seq) is an index: the newest verification is one index read however long the log.
  const e = await getDb().auditEvent.findFirst({ where: { action: "audit.verify" }, orderBy: [{ at: "desc" }, { seq: "desc" }] });
  if (!e) return null;
  let d: Record<string, unknown> = {};
  try {
    d = JSON.parse(e.details) as Record<string, unknown>;
  } catch {
    // An edited event: the chain verification reports it; show what the columns still say.
  }
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  return {
    seq: e.seq, at: e.at, actor: e.actor, ok: e.outcome === "SUCCESS",
    events: num(d.events), headSeq: num(d.headSeq), firstBrokenSeq: num(d.firstBrokenSeq), reason: typeof d.reason === "string" ? d.reason : null,
  };
}
