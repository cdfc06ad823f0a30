/**
 * The auditor's page against a 1,000,000-event audit log, on SQLite and PostgreSQL (issue 6).
 *
 *   node --import tsx bench/audit-log.ts                        1M events, both providers
 *   node --import tsx bench/audit-log.ts --events 100000 --providers sqlite --samples 20
 *
 * Seeds a valid hash chain (two years of a busy CA: ~200 administrators, API tokens, the
 * scheduler, UA users; certificate, account, CA and UA targets), then times the page's
 * queries in process (searchAuditEvents / getAuditEvent: the server time of a page, without
 * rendering) with random parameters, prints p50/p95/max, the query plans of the main
 * shapes, the full-chain verification, and a streamed full JSON Lines export (time, peak RSS).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { createDb, setDbForTesting, type DbProvider } from "../lib/db";
import { migrateDatabase } from "../lib/db/migrate";
import { pgUrlWithDatabase } from "../lib/db/url";
import { eventHash, GENESIS_HASH } from "../lib/audit/chain";
import { exportAuditEvents, getAuditEvent, parseAuditFilter, searchAuditEvents, walkAuditChain, type AuditEventView } from "../lib/audit";
import { startPostgres } from "../tests/helpers/postgres";
import { timeQueries } from "./lib/query-latency";

const { values: opts } = parseArgs({
  options: { events: { type: "string", default: "1000000" }, providers: { type: "string", default: "sqlite,postgresql" }, samples: { type: "string", default: "40" } },
});
const EVENTS = Number(opts.events);
const SAMPLES = Number(opts.samples);
const START = Date.parse("2024-01-01T00:00:00Z");
const SPAN = 2 * 365 * 86_400_000;
const STEP = SPAN / EVENTS;

// A deterministic generator so both providers hold the same log.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const ADMINS = Array.from({ length: 200 }, (_, i) => `admin:staff${i}@example.test`);
const TOKENS = Array.from({ length: 20 }, (_, i) => `api:bot${i}`);
const ACTIONS = [
  ["certificate.issue", 30], ["certificate.download", 20], ["auth.signin", 15], ["ua.signin", 10], ["delivery.deliver", 8], ["account.create", 7],
  ["crl.publish", 4], ["certificate.revoke", 3], ["account.update", 2], ["audit.export", 1],
] as const;
const WEIGHTED = ACTIONS.flatMap(([a, w]) => Array<string>(w).fill(a));

interface Row { id: string; seq: number; at: Date; actor: string; action: string; targetType: string | null; targetId: string | null; ip: string | null; userAgent: string | null; outcome: string; details: string; prevHash: string; hash: string }

function* generate(): Generator<Row> {
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= EVENTS; seq++) {
    const action = pick(WEIGHTED);
    const n = Math.floor(rand() * 20_000);
    const ua = `ua${n % 30}`;
    const targetType = action.startsWith("certificate.") || action === "delivery.deliver" ? "certificate" : action === "crl.publish" ? "ca" : action === "audit.export" ? null : action === "auth.signin" ? "admin" : "account";
    const targetId =
      targetType === "certificate" ? ((n * 2654435761) % 2 ** 32).toString(16).padStart(8, "0") + seq.toString(16).padStart(24, "0")
      : targetType === "ca" ? `ia${n % 3}` : targetType === "admin" ? ADMINS[n % 200].slice(6) : targetType === "account" ? `user${n}` : null;
    const f = {
      seq, at: new Date(START + Math.floor(seq * STEP)),
      actor: action === "crl.publish" ? "system:scheduler" : action.startsWith("ua.") || action === "delivery.deliver" ? `anonymous:ua:${ua}:user${n}` : rand() < 0.3 ? pick(TOKENS) : pick(ADMINS),
      action, targetType, targetId,
      ip: action === "crl.publish" ? null : `10.${n % 8}.${(n >> 3) % 250}.${n % 200}`,
      userAgent: action === "crl.publish" ? null : pick(["Mozilla/5.0 (Windows NT 10.0) Chrome/141", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0)", "curl/8.5", "inkan-cli"]),
      outcome: rand() < 0.05 ? "FAILURE" : "SUCCESS",
      details: JSON.stringify(action.startsWith("ua.") || action === "delivery.deliver" ? { ua, platform: "windows" } : { ca: `ia${n % 3}`, n }),
    };
    const hash = eventHash(prev, f);
    yield { id: `bench${seq}`, ...f, prevHash: prev, hash };
    prev = hash;
  }
}

async function seedSqlite(file: string): Promise<void> {
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const insert = raw.prepare(`INSERT INTO "AuditEvent" (id, seq, at, actor, action, targetType, targetId, ip, userAgent, outcome, details, prevHash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const batch = raw.transaction((rows: Row[]) => {
    // Stored as the Prisma adapter stores DateTime: ISO 8601 with +00:00.
    for (const r of rows) insert.run(r.id, r.seq, r.at.toISOString().replace("Z", "+00:00"), r.actor, r.action, r.targetType, r.targetId, r.ip, r.userAgent, r.outcome, r.details, r.prevHash, r.hash);
  });
  let rows: Row[] = [];
  for (const r of generate()) {
    rows.push(r);
    if (rows.length === 20_000) { batch(rows); rows = []; }
  }
  if (rows.length) batch(rows);
  raw.exec("ANALYZE");
  raw.close();
}

async function seedPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const cols = ["id", "seq", "at", "actor", "action", "targetType", "targetId", "ip", "userAgent", "outcome", "details", "prevHash", "hash"] as const;
  const types = ["text", "int", "timestamp(3)", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text"];
  const sql = `INSERT INTO "AuditEvent" (${cols.map((c) => `"${c}"`).join(",")}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(",")})`;
  const flush = (rows: Row[]) => client.query(sql, cols.map((c) => rows.map((r) => (c === "at" ? r.at.toISOString().replace("T", " ").replace("Z", "") : r[c]))));
  let rows: Row[] = [];
  for (const r of generate()) {
    rows.push(r);
    if (rows.length === 20_000) { await flush(rows); rows = []; }
  }
  if (rows.length) await flush(rows);
  await client.query(`ANALYZE "AuditEvent"`);
  await client.end();
}

const iso = (t: number) => new Date(t).toISOString();
const randomTime = () => START + Math.floor(rand() * (SPAN - 40 * 86_400_000));

/** The page's queries, each with fresh random parameters per sample. */
function queries(sample: AuditEventView[]): Array<[string, () => Promise<unknown>]> {
  const page = (q: Record<string, string>, cursor?: string) => searchAuditEvents(parseAuditFilter(q), { cursor });
  return [
    ["newest page, no filter", () => page({})],
    ["a page deep in the log (keyset cursor)", () => page({}, `${START + Math.floor(rand() * SPAN)}.${EVENTS}`)],
    ["time range of one day", () => { const t = randomTime(); return page({ from: iso(t), to: iso(t + 86_400_000) }); }],
    ["actor (one administrator)", () => page({ actor: pick(ADMINS).slice(6) })],
    ["actor + one month", () => { const t = randomTime(); return page({ actor: pick(ADMINS).slice(6), from: iso(t), to: iso(t + 30 * 86_400_000) }); }],
    ["action certificate.revoke", () => page({ action: "certificate.revoke" })],
    ["action family certificate.*", () => page({ action: "certificate" })],
    ["action + one week", () => { const t = randomTime(); return page({ action: "account.create", from: iso(t), to: iso(t + 7 * 86_400_000) }); }],
    ["certificate serial", () => { const e = pick(sample.filter((x) => x.targetType === "certificate")); return page({ targetType: "certificate", targetId: e.targetId! }); }],
    ["account", () => page({ targetType: "account", targetId: `user${Math.floor(rand() * 20_000)}` })],
    ["CA", () => page({ targetType: "ca", targetId: `ia${Math.floor(rand() * 3)}` })],
    ["UA (details)", () => page({ targetType: "ua", targetId: `ua${Math.floor(rand() * 30)}` })],
    ["IP address", () => { const n = Math.floor(rand() * 20_000); return page({ ip: `10.${n % 8}.${(n >> 3) % 250}.${n % 200}` }); }],
    ["free text + one day", () => { const t = randomTime(); return page({ q: "iPhone", from: iso(t), to: iso(t + 86_400_000) }); }],
    ["free text, common word", () => page({ q: "windows" })],
    ["free text, rare word (one account's name)", () => page({ q: `user${10_000 + Math.floor(rand() * 10_000)}` })],
    ["free text, no match", () => page({ q: `no-such-word-${Math.floor(rand() * 1000)}` })],
    ["event detail", () => getAuditEvent(1 + Math.floor(rand() * EVENTS))],
  ];
}

const EXPLAIN = [
  ["newest page", `SELECT seq FROM "AuditEvent" ORDER BY "at" DESC, "seq" DESC LIMIT 51`],
  ["actor", `SELECT seq FROM "AuditEvent" WHERE "actor" IN ('admin:staff7@example.test','api:staff7@example.test','system:staff7@example.test','anonymous:staff7@example.test') ORDER BY "at" DESC, "seq" DESC LIMIT 51`],
  ["action family", `SELECT seq FROM "AuditEvent" WHERE "action" IN ('certificate.issue','certificate.download','certificate.revoke') ORDER BY "at" DESC, "seq" DESC LIMIT 51`],
  ["certificate", `SELECT seq FROM "AuditEvent" WHERE "targetType" = 'certificate' AND "targetId" = 'x' ORDER BY "at" DESC, "seq" DESC LIMIT 51`],
  ["ip", `SELECT seq FROM "AuditEvent" WHERE "ip" = '10.1.2.3' ORDER BY "at" DESC, "seq" DESC LIMIT 51`],
] as const;

async function explain(provider: DbProvider, url: string, sqliteFile?: string): Promise<void> {
  console.log(`\nquery plans (${provider}):`);
  if (provider === "sqlite") {
    const raw = new Database(sqliteFile!, { readonly: true });
    for (const [name, sql] of EXPLAIN) console.log(`  ${name}: ${raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail).join(" | ")}`);
    raw.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const [name, sql] of EXPLAIN) {
    const plan = (await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`)).rows.map((r) => r["QUERY PLAN"]).join(" | ");
    console.log(`  ${name}: ${plan.replace(/\s+/g, " ")}`);
  }
  await client.end();
}

async function benchProvider(provider: DbProvider): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "inkan-audit-bench-"));
  let url: string;
  let stopServer: (() => Promise<void>) | undefined;
  let sqliteFile: string | undefined;
  if (provider === "sqlite") {
    sqliteFile = path.join(tmp, "audit.db");
    url = `file:${sqliteFile}`;
  } else {
    const server = await startPostgres();
    stopServer = server.stop;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE audit_bench`);
    await admin.end();
    url = pgUrlWithDatabase(server.url, "audit_bench");
  }
  try {
    await migrateDatabase(url);
    let t = performance.now();
    if (provider === "sqlite") await seedSqlite(sqliteFile!);
    else await seedPostgres(url);
    console.log(`\n== ${provider}: seeded ${EVENTS.toLocaleString("en")} events in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const db = createDb(url);
    const restore = setDbForTesting(db, url);
    try {
      const sample = (await searchAuditEvents({}, { limit: 200 })).items;
      await timeQueries("query (first page of 50, in process)", queries(sample), SAMPLES, 200);
      await explain(provider, url, sqliteFile);

      t = performance.now();
      const walk = await walkAuditChain();
      console.log(`\nfull chain verification: ${walk.ok ? "ok" : "BROKEN"}, ${walk.events.toLocaleString("en")} events in ${((performance.now() - t) / 1000).toFixed(1)} s`);

      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
      t = performance.now();
      const exp = await exportAuditEvents({}, "jsonl", { kind: "system", label: "bench" }, { anchorFile: path.join(tmp, "audit-head.json") });
      let bytes = 0;
      for await (const chunk of exp.stream as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
      clearInterval(timer);
      console.log(`full JSON Lines export: ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s; RSS ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB`);
    } finally {
      restore();
      await db.$disconnect();
    }
  } finally {
    await stopServer?.();
    rmSync(tmp, { recursive: true, force: true });
  }
}

for (const provider of opts.providers!.split(",") as DbProvider[]) await benchProvider(provider);
