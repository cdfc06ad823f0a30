// Free text in the auditor's search goes through a trigram index (SQLite FTS5, PostgreSQL
// pg_trgm) when the term allows it. On SQLite and PostgreSQL, every term gives exactly the
// events a plain scan with the search's LIKE gives: rare, common (more than the index may
// narrow to), short, wildcard-like, quoted, Japanese, other case; and the index follows rows
// that are altered or removed behind Inkan's back, so it never hides a tampered event.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { useServiceEnvironment } from "../helpers/services";
import { parseAuditFilter, recordEvents, searchAuditEvents, type Actor, type AuditEventView, type TimedAuditEvent } from "../../lib/audit";
import { auditTextCandidates } from "../../lib/audit/text-search";
import { auditWhere } from "../../lib/audit/search";
import { getDb, MAX_TEXT_CANDIDATES } from "../../lib/db";

useServiceEnvironment();

const T0 = new Date("2031-03-01T00:00:00.000Z");
const alice: Actor = { kind: "admin", id: "a1", label: "alice@example.test", role: "ADMIN", ip: "192.0.2.1", userAgent: "Firefox/140" };
const ua: Actor = { kind: "anonymous", label: "ua:tokyo:hanako", ip: "203.0.113.5", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0)" };
const COMMON = MAX_TEXT_CANDIDATES + 60;

function events(): TimedAuditEvent[] {
  const out: TimedAuditEvent[] = [];
  const add = (input: TimedAuditEvent["input"]) => out.push({ input, at: new Date(T0.getTime() + out.length * 1000) });
  // More events with one word than the index may narrow a search to.
  for (let i = 0; i < COMMON; i++) add({ actor: alice, action: "account.create", target: { type: "account", id: `bulk${i}` }, details: { note: "routine-import" } });
  add({ actor: alice, action: "certificate.revoke", target: { type: "certificate", id: "4f3a9c0d1e2b" }, details: { reason: "keyCompromise", note: "東京支社のノートPC紛失" } });
  add({ actor: ua, action: "ua.signin", target: { type: "account", id: "hanako" }, details: { ua: "tokyo", note: "50% done, a_b \"quoted\" back\\slash" } });
  add({ actor: alice, action: "account.update", target: { type: "account", id: "KeyCompromise-Case" }, details: { note: "UPPER keycompromise lower" } });
  return out;
}

const newestFirst = (a: AuditEventView, b: AuditEventView) => b.at.getTime() - a.at.getTime() || b.seq - a.seq;

async function allPages(q: string): Promise<number[]> {
  const filter = parseAuditFilter({ q });
  const seqs: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 500; guard++) {
    const page = await searchAuditEvents(filter, { cursor, limit: 200 });
    seqs.push(...page.items.map((e) => e.seq));
    if (!page.nextCursor) return seqs;
    cursor = page.nextCursor;
  }
  throw new Error("too many pages");
}

/** The plain scan: the same LIKE conditions without the index. */
async function plainScan(q: string): Promise<number[]> {
  const rows = await getDb().auditEvent.findMany({ where: auditWhere(parseAuditFilter({ q })), select: { seq: true, at: true } });
  return (rows as AuditEventView[]).sort(newestFirst).map((r) => r.seq);
}

describe.each(PROVIDERS)("audit free text through the trigram index on %s", (provider) => {
  const t = withTestDatabase(provider);

  beforeAll(async () => {
    await t.reset();
    await t.db.$transaction((tx) => recordEvents(tx, events()), { timeout: 120_000 });
  }, 180_000);

  const TERMS = ["keyCompromise", "KEYCOMPROMISE", "4f3a9c", "東京支社", "紛失", "iPhone OS", "ua:tokyo", "routine-import", "outine", "50%", "a_b", '"quoted"', "back\\slash", "ab", "PC", "no-such-word", "certificate.revoke"];

  it.each(TERMS)("%s: exactly the events of a plain scan, newest first", async (term) => {
    expect(await allPages(term)).toEqual(await plainScan(term));
  });

  it("narrows rare terms, leaves common, short and wildcard terms to the scan", async () => {
    const rare = await auditTextCandidates("keyCompromise");
    expect(rare).not.toBeNull();
    expect(rare!.length).toBeGreaterThanOrEqual(1);
    expect(rare!.length).toBeLessThanOrEqual(3);
    expect(await auditTextCandidates("東京支社")).toHaveLength(1);
    expect(await auditTextCandidates("routine-import")).toBeNull(); // more than MAX_TEXT_CANDIDATES
    expect(await auditTextCandidates("ab")).toBeNull();
    expect(await auditTextCandidates("50%")).toBeNull();
    expect(await auditTextCandidates("no-such-word")).toEqual([]);
    // The common term still pages through all of its events.
    expect(await allPages("routine-import")).toHaveLength(COMMON);
  });

  it("follows an event altered or deleted behind Inkan's back, so a tampered row stays findable", async () => {
    const p = (n: number) => (provider === "sqlite" ? "?" : `$${n}`);
    const target = (await plainScan("東京支社"))[0];
    await t.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "details" = ${p(1)} WHERE "seq" = ${p(2)}`, '{"note":"zebra-tampered"}', target);
    expect(await allPages("zebra-tampered")).toEqual([target]);
    expect(await allPages("東京支社")).toEqual([]);
    await t.db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = ${p(1)}`, target);
    expect(await allPages("zebra-tampered")).toEqual([]);
    expect(await allPages("keyCompromise")).toEqual(await plainScan("keyCompromise"));
  });
});
