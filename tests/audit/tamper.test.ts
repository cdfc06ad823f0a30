// Tamper evidence of the audit log on SQLite and PostgreSQL: more than 100 different
// tamperings of the database (each field of events at several positions, deletions,
// reordering, renumbering, a cut tail, forged and duplicated rows, re-hashed edits and
// rewrites) are each detected with the first broken event named; a clean log that keeps
// growing, verified at any page size and while events are appended, never raises an alarm.
import { writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, useServiceEnvironment } from "../helpers/services";
import { recordStandaloneEvent, verifyAuditLog, type Actor, type AuditEventInput } from "../../lib/audit";
import { eventHash, GENESIS_HASH } from "../../lib/audit/chain";
import type { Db } from "../../lib/db";

const env = useServiceEnvironment();

const N = 24;
const BASE = new Date("2030-03-01T09:00:00.000Z");
const ACTORS: Actor[] = [
  TEST_ACTOR,
  { kind: "api", id: "tok1", label: "deploy-bot", role: "OPERATOR", ip: "198.51.100.20", userAgent: "curl/8.5" },
  { kind: "system", label: "scheduler" },
  { kind: "anonymous", label: "ua:default:erin", ip: "203.0.113.7", userAgent: "Mozilla/5.0 (iPhone)" },
];

function seedInput(i: number): AuditEventInput {
  const actions = ["certificate.issue", "certificate.download", "auth.signin", "crl.publish", "account.create", "delivery.deliver"] as const;
  return {
    actor: ACTORS[i % ACTORS.length],
    action: actions[i % actions.length],
    ...(i % 5 === 0 ? {} : { target: { type: i % 2 ? "certificate" : "account", id: i % 2 ? `${i}a`.padEnd(32, "0") : `user${i}` } }),
    outcome: i % 7 === 0 ? "FAILURE" : "SUCCESS",
    details: { ca: "ia1", n: i, note: i % 3 ? "plain" : "日本語 \"quoted\"\nline" },
  };
}

type Row = Awaited<ReturnType<Db["auditEvent"]["findMany"]>>[number];
type Tamper = { name: string; run: (db: Db, rows: Row[]) => Promise<unknown>; seq: number; reason: RegExp };

const LINK = /previous-hash link does not match/;
const CONTENT = /content does not match its hash/;
const REMOVED = /were removed/;
const REWRITTEN = /rewritten at or before it/;
const POSITIONS = [1, 2, 7, 12, N - 1, N];

const bySeq = (seq: number) => ({ where: { seq } });

/** Re-hashes events from `from` on, the way someone who knows the algorithm would after an edit. */
async function rehashFrom(db: Db, from: number): Promise<void> {
  const rows = await db.auditEvent.findMany({ where: { seq: { gte: from } }, orderBy: { seq: "asc" } });
  let prev = from === 1 ? GENESIS_HASH : (await db.auditEvent.findUniqueOrThrow(bySeq(from - 1))).hash;
  for (const r of rows) {
    const hash = eventHash(prev, r);
    await db.auditEvent.update({ where: { id: r.id }, data: { prevHash: prev, hash } });
    prev = hash;
  }
}

/** Moves events at or after `from` up by one sequence number (highest first, for the unique index). */
async function shiftUp(db: Db, from: number): Promise<void> {
  for (let s = N; s >= from; s--) await db.auditEvent.update({ ...bySeq(s), data: { seq: s + 1 } });
}

async function swap(db: Db, a: number, b: number): Promise<void> {
  await db.auditEvent.update({ ...bySeq(a), data: { seq: -1 } });
  await db.auditEvent.update({ ...bySeq(b), data: { seq: a } });
  await db.auditEvent.update({ ...bySeq(-1), data: { seq: b } });
}

function forged(seq: number, prevHash: string, hash?: string) {
  const fields = { seq, at: new Date(BASE.getTime() + seq * 1000 + 500), actor: "admin:mallory@example.test", action: "certificate.revoke", targetType: "certificate", targetId: "ab".repeat(16), ip: null, userAgent: null, outcome: "SUCCESS", details: "{}" };
  return { ...fields, prevHash, hash: hash ?? eventHash(prevHash, fields) };
}

const FIELD_EDITS: Record<string, { edit: (e: Row) => Partial<Row>; reason: RegExp }> = {
  actor: { edit: (e) => ({ actor: `${e.actor}x` }), reason: CONTENT },
  action: { edit: (e) => ({ action: e.action === "certificate.revoke" ? "certificate.issue" : "certificate.revoke" }), reason: CONTENT },
  targetType: { edit: (e) => ({ targetType: e.targetType === null ? "account" : null }), reason: CONTENT },
  targetId: { edit: (e) => ({ targetId: e.targetId === null ? "forged" : `${e.targetId}0` }), reason: CONTENT },
  ip: { edit: (e) => ({ ip: e.ip === null ? "203.0.113.66" : null }), reason: CONTENT },
  userAgent: { edit: (e) => ({ userAgent: e.userAgent === null ? "forged-agent" : `${e.userAgent} ` }), reason: CONTENT },
  outcome: { edit: (e) => ({ outcome: e.outcome === "SUCCESS" ? "FAILURE" : "SUCCESS" }), reason: CONTENT },
  details: { edit: (e) => ({ details: JSON.stringify({ ...JSON.parse(e.details), n: -1 }) }), reason: CONTENT },
  at: { edit: (e) => ({ at: new Date(e.at.getTime() + 1) }), reason: CONTENT },
  prevHash: { edit: () => ({ prevHash: "b".repeat(64) }), reason: LINK },
  hash: { edit: () => ({ hash: "a".repeat(64) }), reason: CONTENT },
};

const TAMPERS: Tamper[] = [
  // Every field, at the first, second, a middle, the last-but-one and the last event.
  ...Object.entries(FIELD_EDITS).flatMap(([field, { edit, reason }]) =>
    POSITIONS.map((p): Tamper => ({ name: `${field} of event ${p} edited`, run: (db, rows) => db.auditEvent.update({ ...bySeq(p), data: edit(rows[p - 1]) }), seq: p, reason })),
  ),
  ...[3, 12, N].map((p): Tamper => ({ name: `details of event ${p} re-spaced (same JSON meaning)`, run: (db, rows) => db.auditEvent.update({ ...bySeq(p), data: { details: JSON.stringify(JSON.parse(rows[p - 1].details), null, 1) } }), seq: p, reason: CONTENT })),
  ...[5, N].map((p): Tamper => ({ name: `hash of event ${p} in upper case`, run: (db, rows) => db.auditEvent.update({ ...bySeq(p), data: { hash: rows[p - 1].hash.toUpperCase() } }), seq: p, reason: CONTENT })),
  // Deletions.
  ...[1, 2, 12, N - 1].map((p): Tamper => ({ name: `event ${p} deleted`, run: (db) => db.auditEvent.delete(bySeq(p)), seq: p, reason: new RegExp(`event ${p} is missing`) })),
  { name: "the last event deleted", run: (db) => db.auditEvent.delete(bySeq(N)), seq: N, reason: REMOVED },
  // The tail cut off (undetectable from the chain alone: caught by the head anchor).
  ...[N - 3, N - 8, 10, 1, 0].map((k): Tamper => ({ name: `the log truncated after event ${k}`, run: (db) => db.auditEvent.deleteMany({ where: { seq: { gt: k } } }), seq: k + 1, reason: REMOVED })),
  {
    name: "the log truncated after event 12 and regrown past the old head with well-hashed forgeries",
    run: async (db) => {
      await db.auditEvent.deleteMany({ where: { seq: { gt: 12 } } });
      let prev = (await db.auditEvent.findUniqueOrThrow(bySeq(12))).hash;
      for (let s = 13; s <= N + 2; s++) {
        const f = forged(s, prev);
        await db.auditEvent.create({ data: f });
        prev = f.hash;
      }
    },
    seq: N, reason: REWRITTEN,
  },
  // Reordering and renumbering.
  ...[1, 5, 12, N - 1].map((i): Tamper => ({ name: `events ${i} and ${i + 1} swapped`, run: (db) => swap(db, i, i + 1), seq: i, reason: LINK })),
  { name: "events 3 and 9 swapped", run: (db) => swap(db, 3, 9), seq: 3, reason: LINK },
  ...[1, 7, 12, N].map((i): Tamper => ({ name: `event ${i} renumbered`, run: (db) => db.auditEvent.update({ ...bySeq(i), data: { seq: i + 1000 } }), seq: i, reason: new RegExp(`event ${i} is missing`) })),
  { name: "event 6 renumbered to 0", run: (db) => db.auditEvent.update({ ...bySeq(6), data: { seq: 0 } }), seq: 6, reason: /event 6 is missing/ },
  // Forged rows.
  { name: "a forged event appended with a made-up hash", run: (db, rows) => db.auditEvent.create({ data: forged(N + 1, rows[N - 1].hash, "c".repeat(64)) }), seq: N + 1, reason: CONTENT },
  { name: "a forged event appended with a wrong previous hash", run: (db, rows) => db.auditEvent.create({ data: forged(N + 1, rows[N - 3].hash) }), seq: N + 1, reason: LINK },
  ...[1, 12, N].flatMap((k): Tamper[] => [
    {
      name: `a forged event inserted at ${k} with a made-up hash`,
      run: async (db, rows) => {
        await shiftUp(db, k);
        await db.auditEvent.create({ data: forged(k, k === 1 ? GENESIS_HASH : rows[k - 2].hash, "d".repeat(64)) });
      },
      seq: k, reason: CONTENT,
    },
    {
      name: `a well-hashed forged event inserted at ${k}`,
      run: async (db, rows) => {
        await shiftUp(db, k);
        await db.auditEvent.create({ data: forged(k, k === 1 ? GENESIS_HASH : rows[k - 2].hash) });
      },
      seq: k + 1, reason: LINK,
    },
  ]),
  ...[1, 12].map((k): Tamper => ({
    name: `event ${k} duplicated at the end`,
    run: (db, rows) => db.auditEvent.create({ data: { ...rows[k - 1], id: undefined, seq: N + 1 } }),
    seq: N + 1, reason: LINK,
  })),
  // Edits whose own hash was recomputed: the next link breaks; at the head, the anchor catches it.
  ...[1, 12, N - 1].map((p): Tamper => ({
    name: `event ${p} edited and re-hashed`,
    run: async (db, rows) => {
      const e = { ...rows[p - 1], details: JSON.stringify({ forged: true }) };
      await db.auditEvent.update({ ...bySeq(p), data: { details: e.details, hash: eventHash(e.prevHash, e) } });
    },
    seq: p + 1, reason: LINK,
  })),
  {
    name: "the last event edited and re-hashed",
    run: async (db, rows) => {
      const e = { ...rows[N - 1], outcome: "FAILURE" };
      await db.auditEvent.update({ ...bySeq(N), data: { outcome: "FAILURE", hash: eventHash(e.prevHash, e) } });
    },
    seq: N, reason: REWRITTEN,
  },
  // A consistent rewrite from an event on (every later hash recomputed): only the anchor knows.
  ...[3, 20].map((k): Tamper => ({
    name: `the chain rewritten from event ${k}`,
    run: async (db) => {
      await db.auditEvent.update({ ...bySeq(k), data: { actor: "admin:mallory@example.test" } });
      await rehashFrom(db, k);
    },
    seq: N, reason: REWRITTEN,
  })),
];

describe.each(PROVIDERS)("audit log tamper evidence on %s", (provider) => {
  const t = withTestDatabase(provider);
  let pristine: Row[];
  let anchorFile: string;

  const writeAnchor = (head: { seq: number; hash: string }) =>
    writeFileSync(anchorFile, JSON.stringify({ seq: head.seq, hash: head.hash, recordedAt: "2030-03-01T10:00:00.000Z" }));

  beforeAll(async () => {
    anchorFile = path.join(env.scratch, `audit-head-${provider}.json`);
    await t.reset();
    for (let i = 1; i <= N; i++) await recordStandaloneEvent(seedInput(i), new Date(BASE.getTime() + i * 1000));
    pristine = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
  });

  describe("each of the tamperings is detected", () => {
    beforeEach(async () => {
      // Every variant starts from the same untouched log, anchored at its last event.
      await t.db.$transaction([t.db.auditEvent.deleteMany(), t.db.auditEvent.createMany({ data: pristine })]);
      writeAnchor(pristine[N - 1]);
      expect(await verifyAuditLog({ anchorFile })).toMatchObject({ ok: true, events: N, head: { seq: N, hash: pristine[N - 1].hash } });
    });

    it("there are at least 100 distinct tamperings", () => {
      expect(TAMPERS.length).toBeGreaterThanOrEqual(100);
      expect(new Set(TAMPERS.map((x) => x.name)).size).toBe(TAMPERS.length);
    });

    it.each(TAMPERS.map((x) => [x.name, x] as const))("%s", async (_name, tamper) => {
      await tamper.run(t.db, pristine);
      for (const pageSize of [5000, 5]) {
        const result = await verifyAuditLog({ anchorFile, pageSize });
        expect(result, `page size ${pageSize}`).toMatchObject({ ok: false, firstBrokenSeq: tamper.seq, reason: expect.stringMatching(tamper.reason) });
      }
      // A failed verification never moves the anchor past the evidence.
      expect(JSON.parse((await import("node:fs")).readFileSync(anchorFile, "utf8"))).toMatchObject({ seq: N, hash: pristine[N - 1].hash });
    });
  });

  describe("a clean log never raises a false alarm", () => {
    beforeAll(async () => {
      await t.db.$transaction([t.db.auditEvent.deleteMany(), t.db.auditEvent.createMany({ data: pristine })]);
      rmSync(anchorFile, { force: true });
    });

    it("verifies at every page size, and the anchor follows the growing log", async () => {
      for (let pageSize = 1; pageSize <= N + 1; pageSize++) {
        expect(await verifyAuditLog({ anchorFile, pageSize })).toMatchObject({ ok: true, events: N });
      }
      let events = N;
      for (let round = 0; round < 30; round++) {
        const add = 1 + (round % 3);
        for (let i = 0; i < add; i++) await recordStandaloneEvent(seedInput(events + i + 1), new Date(BASE.getTime() + (events + i + 1) * 1000));
        events += add;
        const result = await verifyAuditLog({ anchorFile, pageSize: 7 });
        expect(result).toMatchObject({ ok: true, events, head: { seq: events }, anchor: { seq: events - add } });
      }
    });

    it("verifications running while events are appended all pass", async () => {
      const before = await t.db.auditEvent.count();
      const appends = Array.from({ length: 20 }, (_, i) => recordStandaloneEvent(seedInput(i), new Date(BASE.getTime() + 10_000_000 + i)));
      const checks = Array.from({ length: 4 }, () => verifyAuditLog({ anchorFile, pageSize: 3 }));
      const results = await Promise.all([...checks, ...appends]);
      for (const r of results.slice(0, 4)) expect(r).toMatchObject({ ok: true });
      expect(await verifyAuditLog({ anchorFile })).toMatchObject({ ok: true, events: before + 20 });
    });

    it("an empty log with no anchor is intact; an unreadable anchor is reported, not ignored", async () => {
      await t.db.auditEvent.deleteMany();
      rmSync(anchorFile, { force: true });
      expect(await verifyAuditLog({ anchorFile })).toMatchObject({ ok: true, events: 0, head: null, anchor: null });
      writeFileSync(anchorFile, "not json");
      expect(await verifyAuditLog({ anchorFile })).toMatchObject({ ok: false, reason: expect.stringMatching(/unreadable \(it is not JSON\)/) });
      rmSync(anchorFile, { force: true });
    });
  });
});
