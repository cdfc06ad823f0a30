// Audit exports on SQLite and PostgreSQL: CSV and JSON Lines are streamed in keyset batches
// pulled as the reader reads, carry the chain head, are themselves audited, and the CLI
// verifies either file offline (no database, no configuration) or names what broke.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, useServiceEnvironment } from "../helpers/services";
import { exportAuditEvents, parseAuditFilter, readAnchor, verifyExportFile, type Actor, type AuditExport } from "../../lib/audit";
import { eventHash, GENESIS_HASH } from "../../lib/audit/chain";
import type { Db } from "../../lib/db";

const env = useServiceEnvironment();
const ROOT = path.resolve(import.meta.dirname, "../..");
const T0 = new Date("2032-04-01T00:00:00.000Z");
const EVENTS = 1234;
const AUDITOR: Actor = { kind: "admin", id: "aud", label: "auditor@example.test", role: "AUDITOR", ip: "192.0.2.77", userAgent: "vitest-auditor" };

/**
 * A valid chain written directly (fast): every 10th event a revocation, one hostile user
 * agent, one that starts with an apostrophe, and an empty one beside a missing IP.
 */
async function seedChain(db: Db, count: number): Promise<void> {
  let prev = GENESIS_HASH;
  const rows = [];
  for (let seq = 1; seq <= count; seq++) {
    const fields = {
      seq, at: new Date(T0.getTime() + seq * 1000), actor: seq % 2 ? "admin:alice@example.test" : "api:deploy-bot",
      action: seq % 10 ? "certificate.issue" : "certificate.revoke", targetType: "certificate", targetId: seq.toString(16).padStart(32, "0"),
      ip: seq === 6 ? null : "192.0.2.1", userAgent: ({ 5: "'=SUM(1)", 6: "", 7: "=HYPERLINK(\"http://evil.example\",\"x\")" } as Record<number, string>)[seq] ?? "curl/8.5", outcome: "SUCCESS",
      details: JSON.stringify({ ca: "ia1", n: seq, note: seq === 3 ? "comma, \"quote\"\nand newline" : "plain" }),
    };
    const hash = eventHash(prev, fields);
    rows.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  for (let i = 0; i < rows.length; i += 500) await db.auditEvent.createMany({ data: rows.slice(i, i + 500) });
}

async function readAll(exp: AuditExport): Promise<string> {
  return new Response(exp.stream).text();
}

function cliVerify(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Only PATH and HOME: offline verification needs no database and no configuration.
    execFile(process.execPath, ["--import", "tsx", "scripts/inkan.ts", "audit", "verify", "--file", file], { cwd: ROOT, timeout: 60_000, env: { PATH: process.env.PATH, HOME: process.env.HOME } as unknown as NodeJS.ProcessEnv }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** Minimal RFC 4180 reader for the assertions (quoted cells may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\r" && text[i + 1] === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; }
    else cell += c;
  }
  return rows;
}

describe.each(PROVIDERS)("audit exports on %s", (provider) => {
  const t = withTestDatabase(provider);
  const file = (name: string) => path.join(env.scratch, `${provider}-${name}`);

  beforeAll(async () => {
    await t.reset();
    await seedChain(t.db, EVENTS);
  });

  it("a full JSON Lines export is the whole chain up to its head, including its own audit event, and verifies offline", async () => {
    const exp = await exportAuditEvents({}, "jsonl", AUDITOR, { batchSize: 100, now: new Date(T0.getTime() + 10_000_000), anchorFile: file("audit-head.json") });
    expect(exp.filename).toMatch(new RegExp(`^inkan-audit-full-\\d{8}-\\d{6}-head${EVENTS + 1}\\.jsonl$`));
    const text = await readAll(exp);
    const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l));
    const last = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(lines[0]).toEqual({ format: "inkan-audit-export", version: 1, exportedAt: "2032-04-01T02:46:40.000Z", scope: "full", filters: {}, chainHead: { seq: EVENTS + 1, hash: last.hash } });
    expect(lines).toHaveLength(EVENTS + 3);
    expect(lines.at(-1)).toEqual({ format: "inkan-audit-export-end", events: EVENTS + 1 });
    expect(lines.at(-2)).toMatchObject({ seq: EVENTS + 1, action: "audit.export", actor: "admin:auditor@example.test", ip: "192.0.2.77", details: JSON.stringify({ format: "jsonl", scope: "full", filters: {} }) });
    expect(lines[3]).toMatchObject({ seq: 3, details: JSON.stringify({ ca: "ia1", n: 3, note: "comma, \"quote\"\nand newline" }) });
    // The head anchor outside the database moved to the exported head.
    expect(readAnchor(file("audit-head.json"))).toMatchObject({ state: "ok", anchor: { seq: EVENTS + 1, hash: last.hash } });

    writeFileSync(file("full.jsonl"), text);
    const ok = await cliVerify(file("full.jsonl"));
    expect(ok, ok.stderr).toMatchObject({ code: 0 });
    expect(ok.stdout).toContain(`audit export OK: full export of ${EVENTS + 1} events, chain head ${EVENTS + 1} ${last.hash} (whole chain verified)`);
  });

  it("the stream reads its batches as it goes: an event edited mid-export shows up in the file and breaks it", async () => {
    const exp = await exportAuditEvents({}, "jsonl", AUDITOR, { batchSize: 50 });
    const reader = exp.stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (let i = 0; i < 3; i++) text += decoder.decode((await reader.read()).value); // header + two batches
    expect(text.trimEnd().split("\n")).toHaveLength(1 + 100);
    // Event 900 is far beyond what has been read: it must not have been loaded yet.
    await t.db.auditEvent.update({ where: { seq: 900 }, data: { details: JSON.stringify({ ca: "ia1", n: 900, note: "edited mid-export" }) } });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toContain("edited mid-export");
    writeFileSync(file("edited.jsonl"), text);
    const broken = await cliVerify(file("edited.jsonl"));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("audit export BROKEN at line 901 (event 900): content does not match its hash");
    await t.db.auditEvent.update({ where: { seq: 900 }, data: { details: JSON.stringify({ ca: "ia1", n: 900, note: "plain" }) } });
  });

  it("a filtered export holds only the matching events, each verifiable by its own hash", async () => {
    const exp = await exportAuditEvents(parseAuditFilter({ action: "certificate.revoke", from: T0.toISOString(), to: new Date(T0.getTime() + 500_000).toISOString() }), "jsonl", AUDITOR, { batchSize: 7 });
    const text = await readAll(exp);
    const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ scope: "filtered", filters: { action: "certificate.revoke", from: "2032-04-01T00:00:00.000Z", to: "2032-04-01T00:08:20.000Z" } });
    const events = lines.slice(1, -1);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => (i + 1) * 10));
    writeFileSync(file("filtered.jsonl"), text);
    const ok = await cliVerify(file("filtered.jsonl"));
    expect(ok.stdout).toContain("audit export OK: filtered export of 50 events");
    expect(ok.code).toBe(0);
  });

  it("the offline verifier names what was done to an exported file", async () => {
    const full = readFileSync(file("full.jsonl"), "utf8").trimEnd().split("\n");
    const variants: Array<[string, string[], RegExp]> = [
      ["a removed event", full.filter((_, i) => i !== 500), /BROKEN at line 501 \(event 500\): event 500 is missing/],
      ["an edited actor", full.map((l, i) => (i === 42 ? l.replace("api:deploy-bot", "api:someone-else") : l)), /BROKEN at line 43 \(event 42\): content does not match its hash/],
      ["a cut-off file", full.slice(0, 800), /BROKEN at line 800: the end marker is missing: the file was cut short/],
      ["a tail removed with a consistent end marker", [...full.slice(0, 1001), JSON.stringify({ format: "inkan-audit-export-end", events: 1000 })], /the chain ends at event 1000 but the header names head 1235: events were removed/],
      ["a wrong event count", [...full.slice(0, -1), JSON.stringify({ format: "inkan-audit-export-end", events: 3 })], /end marker counts 3 events but the file holds 1235/],
      ["a forged chain head", [full[0].replace(/"hash":"[0-9a-f]{64}"/, `"hash":"${"e".repeat(64)}"`), ...full.slice(1)], /last event's hash is not the chain head named in the header/],
      ["not an export", ["{\"hello\":1}"], /BROKEN at line 1: the first line is not an inkan-audit-export version 1 header/],
    ];
    // In process (the CLI prints exactly this result; its exit codes are checked above).
    for (const [name, lines, message] of variants) {
      writeFileSync(file("variant.jsonl"), lines.join("\n") + "\n");
      const r = await verifyExportFile(file("variant.jsonl"));
      expect(r.ok, name).toBe(false);
      expect(`BROKEN at line ${r.firstBrokenLine}${r.firstBrokenSeq ? ` (event ${r.firstBrokenSeq})` : ""}: ${r.reason}`, name).toMatch(message);
    }
    const missing = await cliVerify(file("no-such-file.jsonl"));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr + missing.stdout).toMatch(/Cannot read the export file/);
  });

  it("CSV: the header row, the column names, one row per event with the hashes, quoting per RFC 4180, formulas defused, the end row", async () => {
    const exp = await exportAuditEvents(parseAuditFilter({ from: T0.toISOString(), to: new Date(T0.getTime() + 10_000).toISOString() }), "csv", TEST_ACTOR);
    expect(exp.contentType).toBe("text/csv; charset=utf-8");
    const rows = parseCsv(await readAll(exp));
    expect(rows[0]).toEqual(["inkan-audit-export", JSON.stringify(exp.header)]);
    expect(rows[1]).toEqual(["seq", "at", "actor", "action", "target_type", "target_id", "ip", "user_agent", "outcome", "details", "prev_hash", "hash"]);
    const events = rows.slice(2, -1);
    expect(events.map((r) => r[0])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(rows.at(-1)).toEqual(["inkan-audit-export-end", "10"]);
    expect(events[2][9]).toBe(JSON.stringify({ ca: "ia1", n: 3, note: "comma, \"quote\"\nand newline" }));
    expect(events[6][7]).toBe("'=HYPERLINK(\"http://evil.example\",\"x\")");
    expect(events[4][7]).toBe("''=SUM(1)");
    const e10 = await t.db.auditEvent.findUniqueOrThrow({ where: { seq: 10 } });
    expect(events[9].slice(10)).toEqual([e10.prevHash, e10.hash]);
  });

  it("a full CSV export verifies offline with the same CLI, apostrophes and empty cells read back exactly", async () => {
    const exp = await exportAuditEvents({}, "csv", AUDITOR);
    const text = await readAll(exp);
    writeFileSync(file("full.csv"), text);
    const ok = await cliVerify(file("full.csv"));
    expect(ok, ok.stderr).toMatchObject({ code: 0 });
    expect(ok.stdout).toContain(`audit export OK: full export of ${exp.header.chainHead!.seq} events, chain head ${exp.header.chainHead!.seq} ${exp.header.chainHead!.hash} (whole chain verified)`);
  });

  it("the offline verifier names what was done to an exported CSV file", async () => {
    const full = readFileSync(file("full.csv"), "utf8").split("\r\n").slice(0, -1);
    const lineOf = (seq: number) => full.findIndex((l) => l.startsWith(`${seq},`)) + 1;
    const edit = (seq: number, from: string, to: string) => full.map((l, i) => (i === lineOf(seq) - 1 ? l.replace(from, to) : l));
    expect(full[lineOf(6) - 1]).toContain(',,"",SUCCESS,');
    const variants: Array<[string, string[], RegExp]> = [
      ["an edited actor", edit(42, "api:deploy-bot", "api:someone-else"), new RegExp(`BROKEN at line ${lineOf(42)} \\(event 42\\): content does not match its hash`)],
      ["an empty user agent turned into a missing one", edit(6, ',,"",SUCCESS,', ",,,SUCCESS,"), new RegExp(`BROKEN at line ${lineOf(6)} \\(event 6\\): content does not match its hash`)],
      ["a removed row", full.filter((_, i) => i !== lineOf(500) - 1), new RegExp(`BROKEN at line ${lineOf(500)} \\(event 500\\): event 500 is missing`)],
      ["a cut-off file", full.slice(0, -1), /the end marker is missing: the file was cut short/],
      ["a forged chain head", [full[0].replace(/""hash"":""[0-9a-f]{64}""/, `""hash"":""${"e".repeat(64)}""`), ...full.slice(1)], /last event's hash is not the chain head named in the header/],
      ["no header row", full.slice(1), /BROKEN at line 1: the first line is not an inkan-audit-export version 1 header/],
    ];
    for (const [name, lines, message] of variants) {
      writeFileSync(file("variant.csv"), lines.join("\r\n") + "\r\n");
      const r = await verifyExportFile(file("variant.csv"));
      expect(r.ok, name).toBe(false);
      expect(`BROKEN at line ${r.firstBrokenLine}${r.firstBrokenSeq ? ` (event ${r.firstBrokenSeq})` : ""}: ${r.reason}`, name).toMatch(message);
    }
  });

  it("each export is audited with who exported what; events after the head are not exported", async () => {
    const filter = parseAuditFilter({ actor: "alice@example.test", q: "\"n\":11," });
    const exp = await exportAuditEvents(filter, "csv", AUDITOR);
    const event = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "audit.export", actor: "admin:auditor@example.test", ip: "192.0.2.77", userAgent: "vitest-auditor" });
    expect(JSON.parse(event.details)).toEqual({ format: "csv", scope: "filtered", filters: { actor: "alice@example.test", q: "\"n\":11," } });
    expect(exp.header.chainHead).toEqual({ seq: event.seq, hash: event.hash });
    // Written after the export began: beyond its head, so not in the file.
    await t.db.auditEvent.create({ data: { seq: event.seq + 1, at: new Date(), actor: "admin:alice@example.test", action: "certificate.issue", details: JSON.stringify({ n: 11, late: true }), prevHash: event.hash, hash: "f".repeat(64) } });
    const rows = parseCsv(await readAll(exp));
    expect(rows.slice(2, -1).map((r) => Number(r[0]))).toEqual([11]);
    await t.db.auditEvent.delete({ where: { seq: event.seq + 1 } });
  });
});
