import { createHash } from "node:crypto";

// Each event's hash covers its content and the previous event's hash, so an edit,
// a deletion or a reordering anywhere breaks every later link.
export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: string;
  details: string;
}

export function eventHash(prevHash: string, e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at.toISOString(),
    e.actor,
    e.action,
    e.targetType,
    e.targetId,
    e.ip,
    e.userAgent,
    e.outcome,
    e.details,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}
