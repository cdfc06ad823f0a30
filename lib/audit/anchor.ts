// The chain head anchor: the last verified (seq, hash) kept OUTSIDE the database, in the
// data directory. The hash chain alone cannot reveal a removed tail (the shorter chain is
// still intact), and someone who can rewrite the table can re-hash everything after an
// edit; a head remembered elsewhere catches both, as far as that file is out of the
// attacker's reach (see docs/AUDIT.md for the limits).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { findAuditHash, type ChainHead } from "./data";

export interface AuditAnchor extends ChainHead {
  /** When this head was seen (ISO 8601). */
  recordedAt: string;
}

export const ANCHOR_FILE_NAME = "audit-head.json";

export function defaultAnchorFile(): string {
  return path.join(getConfig().dataDir, ANCHOR_FILE_NAME);
}

export type AnchorRead = { state: "absent" } | { state: "ok"; anchor: AuditAnchor } | { state: "unreadable"; reason: string };

export function readAnchor(file = defaultAnchorFile()): AnchorRead {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { state: "absent" };
    return { state: "unreadable", reason: (err as Error).message };
  }
  try {
    const a = JSON.parse(text) as Partial<AuditAnchor>;
    if (Number.isSafeInteger(a.seq) && (a.seq as number) > 0 && typeof a.hash === "string" && /^[0-9a-f]{64}$/.test(a.hash) && typeof a.recordedAt === "string") {
      return { state: "ok", anchor: { seq: a.seq as number, hash: a.hash, recordedAt: a.recordedAt } };
    }
    return { state: "unreadable", reason: "it does not hold a sequence number, a hash and a date" };
  } catch {
    return { state: "unreadable", reason: "it is not JSON" };
  }
}

/**
 * Moves the anchor forward to `head`, never back: refused (false) when the head is older
 * than the anchor or the anchored event no longer carries the anchored hash, so that
 * evidence of a rewind or rewrite is kept for the next verification to report.
 */
export async function advanceAnchor(head: ChainHead, now: Date, file = defaultAnchorFile()): Promise<boolean> {
  const current = readAnchor(file);
  if (current.state === "unreadable") return false;
  if (current.state === "ok") {
    if (head.seq < current.anchor.seq) return false;
    if (head.seq === current.anchor.seq && head.hash === current.anchor.hash) return true;
    if ((await findAuditHash(current.anchor.seq)) !== current.anchor.hash) return false;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify({ seq: head.seq, hash: head.hash, recordedAt: now.toISOString() }) + "\n", { mode: 0o600 });
  renameSync(tmp, file); // atomic: a reader sees the old or the new head, never half of one
  return true;
}
