/**
 * The RA console's queries (account list, certificate search, dashboard) against 100,000
 * accounts and 1,000,000 certificates, on SQLite and PostgreSQL (issue 3).
 *
 *   node --import tsx bench/console-queries.ts
 *   node --import tsx bench/console-queries.ts --accounts 20000 --certs-per-account 10 --providers sqlite --samples 20
 *
 * Seeds accounts (80 % users, 20 % servers, 2 % disabled, 1 % deleted, one of 20 groups
 * each) and ten certificates per account (a third revoked, expiries spread over two years
 * around now, random 126-bit serials, two CAs and two templates) with raw bulk inserts (the
 * database's triggers keep the dashboard counts and SQLite's search index meanwhile), then
 * times in process (the server time of a page without rendering) listAccounts() per list
 * shape, searchCertificates() per search shape and the dashboard's loader queries; prints
 * p50/p95/max and the plans of the main SQL shapes (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { createDb, setDbForTesting, type DbProvider } from "../lib/db";
import { migrateDatabase } from "../lib/db/migrate";
import { pgUrlWithDatabase } from "../lib/db/url";
import { countAccounts, listAccounts, type AccountListQuery } from "../lib/accounts";
import { encodeCursor } from "../lib/accounts/cursor";
import { accountSearchText } from "../lib/accounts/search-text";
import { certificateCounts, crlFreshness, expiringPerWeek } from "../lib/ca/dashboard";
import { encodeCertificateCursor, parseCertificateSearch, searchCertificates, type CertificateSearchInput } from "../lib/ca/search";
import { getDb } from "../lib/db";
import { listRecentEvents } from "../lib/audit";
import { startPostgres } from "../tests/helpers/postgres";
import { timeQueries, type TimedQuery } from "./lib/query-latency";

const { values: opts } = parseArgs({
  options: {
    accounts: { type: "string", default: "100000" }, "certs-per-account": { type: "string", default: "10" },
    providers: { type: "string", default: "sqlite,postgresql" }, samples: { type: "string", default: "40" },
  },
});
const ACCOUNTS = Number(opts.accounts);
const PER = Number(opts["certs-per-account"]);
const SAMPLES = Number(opts.samples);
const NOW = Date.now();
const DAY = 86_400_000;
const GROUPS = 20;

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

interface AccountRow { id: string; kind: string; name: string; displayName: string; email: string | null; hostnames: string; searchText: string; status: string; createdAt: Date; group: number }
interface CertRow { id: string; caId: string; templateId: string; accountId: string; serial: string; subject: string; notAfter: Date; status: string; createdAt: Date }

function* accounts(): Generator<AccountRow> {
  for (let i = 0; i < ACCOUNTS; i++) {
    const server = i % 5 === 0;
    const name = server ? `srv${i}` : `user${i}`;
    const hostnames = server ? [`${name}.corp.example.test`, `alt${i}.example.test`] : [];
    const displayName = server ? `Server ${i}` : `User ${i} Yamada`;
    const email = server ? null : `${name}@corp.example.test`;
    const r = rand();
    yield {
      id: `a${String(i).padStart(8, "0")}`, kind: server ? "SERVER" : "USER", name, displayName, email, hostnames: JSON.stringify(hostnames),
      searchText: accountSearchText({ name, displayName, email, hostnames }), status: r < 0.01 ? "DELETED" : r < 0.03 ? "DISABLED" : "ACTIVE",
      // Registered over two years; about one in fifty shares its second with another (ties).
      createdAt: new Date(NOW - 2 * 365 * DAY + Math.floor(i / 1.02) * Math.floor((2 * 365 * DAY) / ACCOUNTS / 1000) * 1000), group: i % GROUPS,
    };
  }
}

/** The n-th certificate's serial: 126 random-looking bits as lib/ca stores them (hex, no leading zeros). */
export function serialOf(n: number): string {
  const h = createHash("sha256").update(String(n)).digest();
  h[0] &= 0x3f;
  return h.subarray(0, 16).toString("hex").replace(/^0+/, "");
}

function* certificates(): Generator<CertRow> {
  let n = 0;
  for (let i = 0; i < ACCOUNTS; i++) {
    const server = i % 5 === 0;
    const name = server ? `srv${i}.corp.example.test` : `user${i}`;
    for (let j = 0; j < PER; j++, n++) {
      const issued = NOW - Math.floor(rand() * 730 * DAY);
      yield {
        id: `c${String(n).padStart(9, "0")}`, caId: n % 10 === 0 ? "ca2" : "ca1", templateId: server ? "t-server" : "t-client",
        accountId: `a${String(i).padStart(8, "0")}`, serial: serialOf(n), subject: `CN=${name},OU=${server ? "Servers" : "Staff"},O=Inkan Bench Corp,C=JP`,
        notAfter: new Date(issued + 365 * DAY), status: rand() < 0.33 ? "REVOKED" : "ISSUED", createdAt: new Date(issued),
      };
    }
  }
}

const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");
const pgTime = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

function seedSqlite(file: string) {
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const t = sqliteTime(new Date(NOW));
  for (const ca of ["1", "2"]) raw.prepare(`INSERT INTO "CertificateAuthority" (id, slug, name, subject, keyAlgorithm, encryptedKey, certificateDer, createdAt) VALUES ('ca${ca}','ia${ca}','ia${ca}','CN=ia${ca}','RSA-2048',x'00',x'00',?)`).run(t);
  for (const [id, usage] of [["t-client", "CLIENT"], ["t-server", "SERVER"]]) raw.prepare(`INSERT INTO "Template" (id, name, usage, createdAt) VALUES (?,?,?,?)`).run(id, `${usage.toLowerCase()} bench`, usage, t);
  const g = raw.prepare(`INSERT INTO "Group" (id, kind, name, createdAt) VALUES (?,?,?,?)`);
  for (let i = 0; i < GROUPS; i++) g.run(`g${i}`, "USER", `group${i}`, t);
  const a = raw.prepare(`INSERT INTO "Account" (id, kind, name, displayName, email, status, hostnames, searchText, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?)`);
  const m = raw.prepare(`INSERT INTO "GroupMembership" (groupId, accountId, createdAt) VALUES (?,?,?)`);
  const c = raw.prepare(`INSERT INTO "Certificate" (id, caId, templateId, accountId, serial, subject, keyAlgorithm, notBefore, notAfter, status, source, certificateDer, createdAt) VALUES (?,?,?,?,?,?,'ECDSA-P256',?,?,?,'CSR',x'00',?)`);
  const insertAccounts = raw.transaction((rows: AccountRow[]) => {
    for (const r of rows) {
      a.run(r.id, r.kind, r.name, r.displayName, r.email, r.status, r.hostnames, r.searchText, sqliteTime(r.createdAt), sqliteTime(r.createdAt));
      m.run(`g${r.group}`, r.id, sqliteTime(r.createdAt));
    }
  });
  const insertCerts = raw.transaction((rows: CertRow[]) => {
    for (const r of rows) c.run(r.id, r.caId, r.templateId, r.accountId, r.serial, r.subject, sqliteTime(r.createdAt), sqliteTime(r.notAfter), r.status, sqliteTime(r.createdAt));
  });
  batched(accounts(), 20_000, insertAccounts);
  batched(certificates(), 50_000, insertCerts);
  raw.exec("ANALYZE");
  raw.close();
}

function batched<T>(rows: Iterable<T>, size: number, flush: (rows: T[]) => unknown) {
  let buf: T[] = [];
  for (const r of rows) {
    buf.push(r);
    if (buf.length === size) { flush(buf); buf = []; }
  }
  if (buf.length) flush(buf);
}

async function seedPostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t = pgTime(new Date(NOW));
  for (const ca of ["1", "2"]) await client.query(`INSERT INTO "CertificateAuthority" (id, slug, name, subject, "keyAlgorithm", "encryptedKey", "certificateDer", "createdAt") VALUES ('ca${ca}','ia${ca}','ia${ca}','CN=ia${ca}','RSA-2048','\\x00','\\x00',$1)`, [t]);
  for (const [id, usage] of [["t-client", "CLIENT"], ["t-server", "SERVER"]]) await client.query(`INSERT INTO "Template" (id, name, usage, "createdAt") VALUES ($1,$2,$3,$4)`, [id, `${usage.toLowerCase()} bench`, usage, t]);
  for (let i = 0; i < GROUPS; i++) await client.query(`INSERT INTO "Group" (id, kind, name, "createdAt") VALUES ($1,'USER',$2,$3)`, [`g${i}`, `group${i}`, t]);
  const pending: Promise<unknown>[] = [];
  const accountRows: AccountRow[] = [];
  batched(accounts(), 20_000, (rows) => { accountRows.push(...rows); });
  for (let i = 0; i < accountRows.length; i += 20_000) {
    const rows = accountRows.slice(i, i + 20_000);
    await client.query(
      `INSERT INTO "Account" (id, kind, name, "displayName", email, status, hostnames, "searchText", "createdAt", "updatedAt") SELECT a, b, c, d, e, f, g, h, i::timestamp(3), i::timestamp(3) FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS x(a,b,c,d,e,f,g,h,i)`,
      [rows.map((r) => r.id), rows.map((r) => r.kind), rows.map((r) => r.name), rows.map((r) => r.displayName), rows.map((r) => r.email), rows.map((r) => r.status), rows.map((r) => r.hostnames), rows.map((r) => r.searchText), rows.map((r) => pgTime(r.createdAt))],
    );
    await client.query(`INSERT INTO "GroupMembership" ("groupId", "accountId", "createdAt") SELECT g, a, now() FROM unnest($1::text[], $2::text[]) AS x(g, a)`, [rows.map((r) => `g${r.group}`), rows.map((r) => r.id)]);
  }
  let buf: CertRow[] = [];
  const flush = (rows: CertRow[]) => client.query(
    `INSERT INTO "Certificate" (id, "caId", "templateId", "accountId", serial, subject, "keyAlgorithm", "notBefore", "notAfter", status, source, "certificateDer", "createdAt") SELECT i, ca, tp, a, s, sj, 'ECDSA-P256', c::timestamp(3), n::timestamp(3), st, 'CSR', '\\x00', c::timestamp(3) FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS x(i, a, s, n, st, c, ca, tp, sj)`,
    [rows.map((r) => r.id), rows.map((r) => r.accountId), rows.map((r) => r.serial), rows.map((r) => pgTime(r.notAfter)), rows.map((r) => r.status), rows.map((r) => pgTime(r.createdAt)), rows.map((r) => r.caId), rows.map((r) => r.templateId), rows.map((r) => r.subject)],
  );
  for (const r of certificates()) {
    buf.push(r);
    if (buf.length === 50_000) { await flush(buf); buf = []; }
  }
  if (buf.length) await flush(buf);
  await Promise.all(pending);
  await client.query(`ANALYZE`);
  await client.end();
}

type Shape = TimedQuery;

const timeShapes = (title: string, list: Shape[]) => timeQueries(title, list, SAMPLES, 100);

/** A random certificate of the seeded set (by its id, which the seeder numbers). */
async function randomCertificate() {
  const n = Math.floor(rand() * ACCOUNTS * PER * 0.9);
  return getDb().certificate.findUniqueOrThrow({ where: { id: `c${String(n).padStart(9, "0")}` }, select: { id: true, createdAt: true, notAfter: true } });
}

async function certificateShapes(): Promise<Shape[]> {
  // Cursors deep into the list, picked before timing (a user reaches them by paging).
  const deepIssued: string[] = [];
  const deepExpiry: string[] = [];
  for (let i = 0; i < 20; i++) {
    const c = await randomCertificate();
    deepIssued.push(encodeCertificateCursor(c.createdAt, c.id));
    deepExpiry.push(encodeCertificateCursor(c.notAfter, c.id));
  }
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const n = () => Math.floor(rand() * ACCOUNTS * PER);
  const user = () => `user${Math.floor(rand() * ACCOUNTS / 5) * 5 + 1}`;
  const search = (make: () => CertificateSearchInput): (() => Promise<unknown>) => () => searchCertificates(parseCertificateSearch({ limit: 50, ...make() }));
  const inDays = (d: number) => new Date(NOW + d * DAY).toISOString();
  return [
    ["first page (newest issued first)", search(() => ({}))],
    ["deep keyset page (newest issued first)", search(() => ({ cursor: pick(deepIssued) }))],
    ["serial prefix (8 hex digits)", search(() => ({ serial: serialOf(n()).slice(0, 8) }))],
    ["whole serial with colons", search(() => ({ serial: serialOf(n()).match(/../g)!.join(":") }))],
    ["free text = serial prefix (q)", search(() => ({ q: serialOf(n()).slice(0, 10) }))],
    ["free text = user ID (q)", search(() => ({ q: user() }))],
    ["subject contains a user ID", search(() => ({ subject: `CN=${user()},` }))],
    ["subject contains a common word (Staff)", search(() => ({ subject: "Staff" }))],
    ["free text = common word (q: staff)", search(() => ({ q: "staff" }))],
    ["free text = 3 digits (q: 3 of a user ID)", search(() => ({ q: String(100 + Math.floor(rand() * 900)) }))],
    ["account (exact user ID)", search(() => ({ account: user() }))],
    ["status = valid, soonest expiry first", search(() => ({ status: "valid", sort: "expiry" }))],
    ["status = valid, deep page by expiry", search(() => ({ status: "valid", sort: "expiry", cursor: pick(deepExpiry) }))],
    ["status = revoked", search(() => ({ status: "revoked" }))],
    ["CA = ia2", search(() => ({ ca: "ia2" }))],
    ["template = server bench", search(() => ({ template: "server bench" }))],
    ["expires in the next 30 days, by expiry", search(() => ({ expiresAfter: inDays(0), expiresBefore: inDays(30), sort: "expiry" }))],
    ["CA + status + template + expiry range", search(() => ({ ca: "ia1", status: "valid", template: "client bench", expiresBefore: inDays(60), sort: "expiry" }))],
  ];
}

function dashboardShapes(): Shape[] {
  const now = () => new Date(NOW);
  return [
    ["counts by status", () => certificateCounts(now())],
    ["expiring per week (13 weeks)", () => expiringPerWeek(now())],
    ["CRL freshness per CA", () => crlFreshness(now())],
    ["recent activity", () => listRecentEvents(15)],
    ["account count", () => countAccounts()],
    // What the dashboard page's loaders run, all at once.
    ["the whole dashboard", () => Promise.all([certificateCounts(now()), expiringPerWeek(now()), crlFreshness(now()), listRecentEvents(15), countAccounts()])],
  ];
}

function shapes(): Array<[string, () => AccountListQuery]> {
  const deep = () => {
    const i = Math.floor(ACCOUNTS * (0.5 + rand() * 0.45));
    return encodeCursor({ sort: "created", value: new Date(NOW - 2 * 365 * DAY + Math.floor(i / 1.02) * Math.floor((2 * 365 * DAY) / ACCOUNTS / 1000) * 1000).toISOString(), id: `a${String(i).padStart(8, "0")}` });
  };
  return [
    ["first page (newest first)", () => ({})],
    ["deep keyset page (newest first)", () => ({ after: deep() })],
    ["first page by user ID", () => ({ sort: "name" })],
    ["search user ID (user12345)", () => ({ q: `user${Math.floor(rand() * ACCOUNTS)}` })],
    ["search host name", () => ({ q: `alt${Math.floor(rand() * ACCOUNTS / 5) * 5}.example` })],
    ["search common word (yamada)", () => ({ q: "yamada" })],
    ["kind = server", () => ({ kind: "SERVER" })],
    ["status = disabled", () => ({ status: "DISABLED" })],
    ["group", () => ({ group: `group${Math.floor(rand() * GROUPS)}` })],
    ["has a valid certificate", () => ({ hasValidCertificate: true })],
    ["expiring within 30 days", () => ({ expiringWithinDays: 30 })],
    ["sort by expiry", () => ({ sort: "expiry" })],
    ["expiring 30 days, sorted by expiry", () => ({ sort: "expiry", expiringWithinDays: 30 })],
    ["group + server + valid", () => ({ group: `group${Math.floor(rand() * GROUPS)}`, kind: "SERVER", hasValidCertificate: true })],
  ];
}

// The main SQL shapes the list runs (what Prisma generates, simplified), for the plans.
const PLANS: Array<[string, string]> = [
  ["first page", `SELECT "id" FROM "Account" WHERE "status" <> 'DELETED' ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`],
  ["search", `SELECT "id" FROM "Account" WHERE "status" <> 'DELETED' AND "searchText" LIKE '%user123%' ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`],
  ["group", `SELECT "id" FROM "Account" a WHERE "status" <> 'DELETED' AND EXISTS (SELECT 1 FROM "GroupMembership" m JOIN "Group" g ON g."id" = m."groupId" WHERE m."accountId" = a."id" AND g."name" = 'group3') ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`],
  ["valid certificate", `SELECT "id" FROM "Account" a WHERE "status" <> 'DELETED' AND EXISTS (SELECT 1 FROM "Certificate" c WHERE c."accountId" = a."id" AND c."status" = 'ISSUED' AND c."notAfter" > '2026-01-01') ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`],
  ["expiry order", `SELECT "id", "accountId" FROM "Certificate" WHERE "status" = 'ISSUED' AND "notAfter" > '2026-01-01' ORDER BY "notAfter" ASC, "id" ASC LIMIT 102`],
  ["certificates: first page", `SELECT "id" FROM "Certificate" ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`],
  ["certificates: serial prefix", `SELECT "id" FROM "Certificate" WHERE "serial" >= '3a4f' AND "serial" < '3a4fg' ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`],
  ["certificates: account", `SELECT c."id" FROM "Certificate" c JOIN "Account" a ON a."id" = c."accountId" WHERE a."name" = 'user1001' ORDER BY c."createdAt" DESC, c."id" DESC LIMIT 51`],
  ["certificates: CA", `SELECT c."id" FROM "Certificate" c JOIN "CertificateAuthority" a ON a."id" = c."caId" WHERE a."slug" = 'ia2' ORDER BY c."createdAt" DESC, c."id" DESC LIMIT 51`],
  ["dashboard: counts per status", `SELECT "status", SUM("count") FROM "CertificateCount" GROUP BY "status"`],
  ["dashboard: expired before today", `SELECT SUM("count") FROM "CertificateCount" WHERE "status" = 'ISSUED' AND "expiryDay" < 20000`],
  ["dashboard: expired today", `SELECT COUNT(*) FROM "Certificate" WHERE "status" = 'ISSUED' AND "notAfter" >= '2026-12-01' AND "notAfter" <= '2026-12-01T12:00'`],
];

// Free-text candidates (lib/ca/text-search.ts), per provider.
const TEXT_PLANS: Record<DbProvider, Array<[string, string]>> = {
  sqlite: [
    ["text: rare word (q)", `SELECT "certificateId" FROM "CertificateText" WHERE "CertificateText" MATCH '{subject accountName} : "user12345"' LIMIT 5001`],
    ["text: candidates, page", `SELECT "id" FROM "Certificate" WHERE "id" IN ('c000123450', 'c000123451') AND "subject" LIKE '%user12345%' ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`],
  ],
  postgresql: [
    ["text: rare word (subject)", `SELECT "id" FROM "Certificate" WHERE "subject" ILIKE '%user12345%' LIMIT 5001`],
    ["text: rare word (account name)", `SELECT "id" FROM "Certificate" WHERE "accountId" IN (SELECT "id" FROM "Account" WHERE "name" ILIKE '%user12345%') LIMIT 5001`],
    ["text: common word (subject)", `SELECT "id" FROM "Certificate" WHERE "subject" ILIKE '%staff%' LIMIT 5001`],
  ],
};

async function explain(provider: DbProvider, url: string, file?: string) {
  console.log(`\nplans (${provider}):`);
  if (provider === "sqlite") {
    const raw = new Database(file!, { readonly: true });
    for (const [name, sql] of [...PLANS, ...TEXT_PLANS.sqlite]) {
      const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(" | ");
      console.log(`  ${name}: ${plan}`);
    }
    raw.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const [name, sql] of [...PLANS, ...TEXT_PLANS.postgresql]) {
    const plan = (await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`)).rows.map((r) => r["QUERY PLAN"]).join(" | ");
    console.log(`  ${name}: ${plan.replace(/\s+/g, " ")}`);
  }
  await client.end();
}

async function benchProvider(provider: DbProvider) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "inkan-console-bench-"));
  let url: string;
  let file: string | undefined;
  let stop: (() => Promise<void>) | undefined;
  if (provider === "sqlite") {
    file = path.join(tmp, "console.db");
    url = `file:${file}`;
  } else {
    const server = await startPostgres();
    stop = server.stop;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE console_bench`);
    await admin.end();
    url = pgUrlWithDatabase(server.url, "console_bench");
  }
  try {
    await migrateDatabase(url);
    const t = performance.now();
    if (provider === "sqlite") seedSqlite(file!);
    else await seedPostgres(url);
    console.log(`\n== ${provider}: seeded ${ACCOUNTS.toLocaleString("en")} accounts and ${(ACCOUNTS * PER).toLocaleString("en")} certificates in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const db = createDb(url);
    const restore = setDbForTesting(db, url);
    try {
      const accountShapes = shapes().map(([name, make]) => [name, () => listAccounts({ ...make(), limit: 50 })] as Shape);
      await timeShapes("account list query (page of 50, in process)", accountShapes);
      await timeShapes("certificate search (page of 50, in process)", await certificateShapes());
      await timeShapes("dashboard (in process)", dashboardShapes());
      await explain(provider, url, file);
    } finally {
      restore();
      await db.$disconnect();
    }
  } finally {
    await stop?.();
    rmSync(tmp, { recursive: true, force: true });
  }
}

for (const provider of opts.providers.split(",") as DbProvider[]) await benchProvider(provider);
