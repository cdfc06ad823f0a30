import { advanceAnchor, defaultAnchorFile, readAnchor, type AuditAnchor } from "./anchor";
import { findAuditHash, walkAuditChain, type ChainHead } from "./data";
import { recordStandaloneEvent } from "./mutations";
import type { Actor } from "./types";

export interface AuditLogVerification {
  ok: boolean;
  events: number;
  firstBrokenSeq?: number;
  reason?: string;
  /** The last event of the verified chain. */
  head: ChainHead | null;
  /** The head remembered outside the database before this verification. */
  anchor: AuditAnchor | null;
  verifiedAt: string;
}

/**
 * The full check: the hash chain from event 1, then the chain against the head anchor
 * (a removed tail or a re-hashed rewrite). A clean result moves the anchor forward.
 */
export async function verifyAuditLog(opts: { pageSize?: number; now?: Date; anchorFile?: string } = {}): Promise<AuditLogVerification> {
  const now = opts.now ?? new Date();
  const file = opts.anchorFile ?? defaultAnchorFile();
  const walk = await walkAuditChain(opts.pageSize);
  const read = readAnchor(file);
  const anchor = read.state === "ok" ? read.anchor : null;
  const base = { events: walk.events, head: walk.head, anchor, verifiedAt: now.toISOString() };
  if (!walk.ok) return { ...base, ok: false, firstBrokenSeq: walk.firstBrokenSeq, reason: walk.reason };
  if (read.state === "unreadable") {
    return { ...base, ok: false, firstBrokenSeq: 1, reason: `the chain head file ${file} is unreadable (${read.reason}); restore it from a backup or remove it to start a new anchor` };
  }
  if (anchor) {
    const last = walk.head?.seq ?? 0;
    if (anchor.seq > last) {
      return { ...base, ok: false, firstBrokenSeq: last + 1, reason: `the log ends at event ${last}, but event ${anchor.seq} was its last event on ${anchor.recordedAt}: events ${last + 1} to ${anchor.seq} were removed` };
    }
    if ((await findAuditHash(anchor.seq)) !== anchor.hash) {
      return { ...base, ok: false, firstBrokenSeq: anchor.seq, reason: `event ${anchor.seq} no longer has the hash recorded on ${anchor.recordedAt}: the chain was rewritten at or before it` };
    }
  }
  if (walk.head) await advanceAnchor(walk.head, now, file);
  return { ...base, ok: true };
}

/**
 * A verification someone asked for (the console's button, `inkan audit verify`): the full
 * check, then its result as an audit.verify event, so the auditor's page can show the last
 * verification, whoever ran it and wherever.
 */
export async function runAuditVerification(actor: Actor, opts: { pageSize?: number; now?: Date; anchorFile?: string } = {}): Promise<AuditLogVerification> {
  const now = opts.now ?? new Date();
  const result = await verifyAuditLog({ ...opts, now });
  await recordStandaloneEvent({
    actor, action: "audit.verify", outcome: result.ok ? "SUCCESS" : "FAILURE",
    details: { events: result.events, headSeq: result.head?.seq ?? null, ...(result.ok ? {} : { firstBrokenSeq: result.firstBrokenSeq, reason: result.reason }) },
  }, now);
  return result;
}
