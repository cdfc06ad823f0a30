// The auditor's search on SQLite and PostgreSQL: every filter (time range, actor, action,
// target type and id, IP, outcome, free text) and their combinations return exactly what a
// plain scan of the rows would, newest first, across keyset pages of any size.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { expectInkanError, useServiceEnvironment } from "../helpers/services";
import { getAuditEvent, parseAuditFilter, recordStandaloneEvent, searchAuditEvents, type Actor, type AuditEventInput, type AuditEventView } from "../../lib/audit";

useServiceEnvironment();

const T0 = new Date("2031-01-10T00:00:00.000Z");
const SERIAL = "4f3a9c0d1e2b3c4d5e6f708192a3b4c5";
const alice: Actor = { kind: "admin", id: "a1", label: "alice@example.test", role: "ADMIN", ip: "192.0.2.1", userAgent: "Firefox/140" };
const bob: Actor = { kind: "admin", id: "b1", label: "bob@example.test", role: "OPERATOR", ip: "192.0.2.2", userAgent: "Chrome/141" };
const bot: Actor = { kind: "api", id: "t1", label: "alice@example.test", role: "OPERATOR", ip: "198.51.100.9", userAgent: "curl/8.5" };
const sched: Actor = { kind: "system", label: "scheduler" };
const uaUser: Actor = { kind: "anonymous", label: "ua:branch:erin", ip: "203.0.113.50", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0)" };

/** 60 events over six hours; several share one millisecond so page boundaries fall inside ties. */
function scenario(): Array<[AuditEventInput, Date]> {
  const out: Array<[AuditEventInput, Date]> = [];
  for (let i = 0; i < 60; i++) {
    const at = new Date(T0.getTime() + Math.floor(i / 3) * 18 * 60_000 + (i % 3 === 2 ? 0 : i % 3));
    const kind = i % 6;
    const input: AuditEventInput =
      kind === 0 ? { actor: alice, action: "certificate.issue", target: { type: "certificate", id: i === 12 ? SERIAL : `${i}`.padStart(32, "a") }, details: { ca: i % 12 ? "ia1" : "ia2", account: `user${i}` } }
      : kind === 1 ? { actor: bob, action: "certificate.revoke", target: { type: "certificate", id: i === 13 ? SERIAL : `${i}`.padStart(32, "b") }, details: { ca: "ia1", reason: "keyCompromise" } }
      : kind === 2 ? { actor: bot, action: "account.create", target: { type: "account", id: `user${i}` }, details: { kind: "USER", email: `user${i}@example.test` } }
      : kind === 3 ? { actor: sched, action: "crl.publish", target: { type: "ca", id: i % 2 ? "ia1" : "ia2" }, details: { number: i } }
      : kind === 4 ? { actor: uaUser, action: "ua.signin", outcome: i % 4 ? "FAILURE" : "SUCCESS", target: { type: "account", id: "erin" }, details: { ua: "branch", reason: "invalid" } }
      : { actor: alice, action: "auth.signin", outcome: "FAILURE", target: { type: "admin", id: "alice@example.test" }, details: { reason: "invalid" } };
    out.push([input, at]);
  }
  return out;
}

const newestFirst = (a: AuditEventView, b: AuditEventView) => b.at.getTime() - a.at.getTime() || b.seq - a.seq;

/** Every page of a search, following the cursor. */
async function allPages(query: Record<string, string>, limit: number): Promise<AuditEventView[]> {
  const filter = parseAuditFilter(query);
  const seen: AuditEventView[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 200; guard++) {
    const page = await searchAuditEvents(filter, { cursor, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

const iso = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();

const CASES: Array<[string, Record<string, string>, (e: AuditEventView) => boolean]> = [
  ["no filter", {}, () => true],
  ["a time range (inclusive)", { from: iso(36), to: iso(108) }, (e) => e.at >= new Date(iso(36)) && e.at <= new Date(iso(108))],
  ["a datetime-local start read as UTC", { from: "2031-01-10T03:00" }, (e) => e.at >= new Date("2031-01-10T03:00:00Z")],
  ["an actor by bare e-mail (admin and API token of that name)", { actor: "alice@example.test" }, (e) => e.actor === "admin:alice@example.test" || e.actor === "api:alice@example.test"],
  ["an actor by full label", { actor: "api:alice@example.test" }, (e) => e.actor === "api:alice@example.test"],
  ["a UA user as actor", { actor: "anonymous:ua:branch:erin" }, (e) => e.actor === "anonymous:ua:branch:erin"],
  ["an action", { action: "certificate.revoke" }, (e) => e.action === "certificate.revoke"],
  ["an action family", { action: "certificate" }, (e) => e.action.startsWith("certificate.")],
  ["a certificate serial typed with colons in upper case", { targetType: "certificate", targetId: "4F:3A:9C:0D:1E:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5" }, (e) => e.targetType === "certificate" && e.targetId === SERIAL],
  ["an account", { targetType: "account", targetId: "erin" }, (e) => e.targetType === "account" && e.targetId === "erin"],
  ["a CA", { targetType: "ca", targetId: "ia2" }, (e) => e.targetType === "ca" && e.targetId === "ia2"],
  ["a UA (named in the details)", { targetType: "ua", targetId: "branch" }, (e) => JSON.parse(e.details).ua === "branch"],
  ["a target type alone", { targetType: "admin" }, (e) => e.targetType === "admin"],
  ["a target id of any type", { targetId: "ia1" }, (e) => e.targetId === "ia1"],
  ["an IP address", { ip: "203.0.113.50" }, (e) => e.ip === "203.0.113.50"],
  ["an outcome", { outcome: "FAILURE" }, (e) => e.outcome === "FAILURE"],
  ["free text in the details", { q: "keyCompromise" }, (e) => e.details.includes("keyCompromise")],
  ["free text in the user agent", { q: "iPhone OS" }, (e) => (e.userAgent ?? "").includes("iPhone OS")],
  ["action, actor, time range and outcome together", { action: "auth.signin", actor: "alice@example.test", from: iso(50), to: iso(300), outcome: "FAILURE" },
    (e) => e.action === "auth.signin" && e.actor === "admin:alice@example.test" && e.at >= new Date(iso(50)) && e.at <= new Date(iso(300)) && e.outcome === "FAILURE"],
  ["a filter nothing matches", { actor: "nobody@example.test" }, () => false],
];

describe.each(PROVIDERS)("audit search on %s", (provider) => {
  const t = withTestDatabase(provider);
  let rows: AuditEventView[];

  beforeAll(async () => {
    await t.reset();
    for (const [input, at] of scenario()) await recordStandaloneEvent(input, at);
    rows = (await t.db.auditEvent.findMany()).sort(newestFirst);
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.at.getTime())).size).toBeLessThan(60); // ties exist
  });

  it.each(CASES)("%s: exactly the matching events, newest first, on pages of 1, 7 and 50", async (_name, query, matches) => {
    const expected = rows.filter(matches).map((r) => r.seq);
    for (const limit of [1, 7, 50]) {
      expect((await allPages(query, limit)).map((e) => e.seq), `limit ${limit}`).toEqual(expected);
    }
  });

  it("a cursor from one page continues where it ended even after newer events arrive", async () => {
    const filter = parseAuditFilter({ action: "certificate" });
    const first = await searchAuditEvents(filter, { limit: 5 });
    await recordStandaloneEvent({ actor: alice, action: "certificate.issue", target: { type: "certificate", id: "ee".repeat(16) } }, new Date(T0.getTime() + 86_400_000));
    const second = await searchAuditEvents(filter, { limit: 5, cursor: first.nextCursor! });
    const expected = rows.filter((e) => e.action.startsWith("certificate.")).map((r) => r.seq);
    expect([...first.items, ...second.items].map((e) => e.seq)).toEqual(expected.slice(0, 10));
    await t.db.auditEvent.deleteMany({ where: { targetId: "ee".repeat(16) } });
  });

  it("bad filters are refused with a message naming the field", async () => {
    await expectInkanError(Promise.resolve().then(() => parseAuditFilter({ from: "yesterday" })), "VALIDATION", /from: Not a date and time/);
    await expectInkanError(Promise.resolve().then(() => parseAuditFilter({ from: iso(100), to: iso(10) })), "VALIDATION", /start of the time range is after its end/);
    await expectInkanError(Promise.resolve().then(() => parseAuditFilter({ targetType: "planet" })), "VALIDATION", /targetType: The target type is one of account, certificate/);
    await expectInkanError(Promise.resolve().then(() => parseAuditFilter({ q: "x".repeat(201) })), "VALIDATION", /q: At most 200 characters/);
    await expectInkanError(searchAuditEvents({}, { cursor: "12;drop" }), "VALIDATION", /cursor is malformed/);
  });

  it("an event's detail checks its own hash and its link to the event before it", async () => {
    const e = await getAuditEvent(13);
    expect(e).toMatchObject({ seq: 13, targetId: SERIAL, hashMatches: true, linkMatches: true, previousSeq: 12, nextSeq: 14, parsedDetails: { ca: "ia2", account: "user12" } });
    expect((await getAuditEvent(1)).linkMatches).toBe(true);
    await t.db.auditEvent.update({ where: { seq: 13 }, data: { ip: "10.0.0.1" } });
    expect(await getAuditEvent(13)).toMatchObject({ hashMatches: false, linkMatches: true });
    await t.db.auditEvent.update({ where: { seq: 13 }, data: { ip: "192.0.2.1" } });
    await t.db.auditEvent.update({ where: { seq: 12 }, data: { seq: 1012 } });
    expect(await getAuditEvent(13)).toMatchObject({ hashMatches: true, linkMatches: false, previousSeq: 11 });
    await t.db.auditEvent.update({ where: { seq: 1012 }, data: { seq: 12 } });
    await expectInkanError(getAuditEvent(9999), "NOT_FOUND", /no audit event 9999/);
  });
});
