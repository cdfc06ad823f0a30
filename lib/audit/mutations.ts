import type { Tx } from "@/lib/db";
import { dbProvider, getDb, insertRows, newRowId } from "@/lib/db";
import { eventHash, GENESIS_HASH, type ChainedFields } from "./chain";
import type { Actor, AuditEventInput } from "./types";

const SECRET_KEYS = /pass(word)?|secret|token|private|key$|cookie|pkcs12/i;

// Defence in depth: a caller that passes a secret by mistake still never stores it.
function scrub(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (SECRET_KEYS.test(k) && !/^(keyAlgorithm|keyType|keySize|tokenName|tokenId)$/.test(k)) out[k] = "[redacted]";
    else if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) out[k] = scrub(v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}

export function actorLabel(actor: Actor): string {
  return actor.kind === "system" ? `system:${actor.label}` : `${actor.kind}:${actor.label}`;
}

/** One event to append, with the time it happened. */
export interface TimedAuditEvent {
  input: AuditEventInput;
  at: Date;
}

function chainedFields(seq: number, input: AuditEventInput, at: Date): ChainedFields {
  return {
    seq,
    at,
    actor: actorLabel(input.actor),
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    ip: input.actor.ip ?? null,
    userAgent: input.actor.userAgent?.slice(0, 512) ?? null,
    outcome: input.outcome ?? "SUCCESS",
    details: JSON.stringify(scrub(input.details ?? {})),
  };
}

/**
 * Appends events, in order, to the chain inside the caller's transaction: one read of the
 * chain head and one insert for all of them, each event still with its own seq and link.
 * (Group commit writes the audit events of a batch of issuances this way.)
 */
export async function recordEvents(tx: Tx, events: readonly TimedAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (dbProvider() === "postgresql") {
    // Serialize chain appends across connections and instances. On SQLite the transaction
    // already holds the one write lock (BEGIN IMMEDIATE, lib/db/adapters.ts).
    await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(727001)");
  }
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = events.map(({ input, at }) => {
    const fields = chainedFields(++seq, input, at);
    const row = { ...fields, prevHash, hash: eventHash(prevHash, fields) };
    prevHash = row.hash;
    return row;
  });
  await insertRows(tx, "AuditEvent", rows.map((row) => ({ id: newRowId(), ...row })));
}

/** Appends one event to the chain inside the caller's transaction. */
export async function recordEvent(tx: Tx, input: AuditEventInput, now: Date = new Date()): Promise<void> {
  await recordEvents(tx, [{ input, at: now }]);
}

/** An event that changes nothing else (a failed sign-in, a download): its own transaction. */
export async function recordStandaloneEvent(input: AuditEventInput, now: Date = new Date()): Promise<void> {
  await getDb().$transaction((tx) => recordEvent(tx, input, now));
}
