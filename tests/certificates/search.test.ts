// The certificate list across accounts (filters, keyset paging), bulk revoke (one
// transaction per certificate, one CRL republish per CA at the end), and the dashboard's
// aggregates with a fixed clock, on SQLite and PostgreSQL; OpenSSL reads the CRLs.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, createTestAuthority, expectInkanError, makeCsr, opensslOk, sha256, useServiceEnvironment, writeTemp } from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import {
  certificateCounts, crlFreshness, currentCrl, expiringPerWeek, issueFromCsr, parseCertificateSearch, publishCrl, revokeCertificate,
  revokeCertificates, searchCertificates, type CertificateSearchInput,
} from "../../lib/ca";
import { parseCrl, toPem, PEM_LABEL } from "../../lib/pki";

const env = useServiceEnvironment();
const DAY = 86_400_000;
// Leaf validity is 365 days from the issuing time (lib/ca/policy.ts).
const LEAF_DAYS = 365;

async function search(input: CertificateSearchInput, now?: Date) {
  return searchCertificates(parseCertificateSearch(input), now);
}

/** Every page of a search, following nextCursor. */
async function allPages(input: CertificateSearchInput) {
  const serials: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await search({ ...input, cursor });
    serials.push(...page.items.map((c) => c.serial));
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 50);
  return { serials, pages };
}

describe.each(PROVIDERS)("certificate search and bulk revoke on %s", (provider) => {
  const t = withTestDatabase(provider);
  const base = new Date();
  // serial by label; notAfter = issuedAt + 365 d
  const issued: Record<string, { serial: string; id: string; notAfter: Date; ca: string }> = {};

  async function issue(label: string, account: string, ca: string, daysAgo: number) {
    const now = new Date(base.getTime() - daysAgo * DAY);
    const c = await issueFromCsr({ account, csr: makeCsr("p256").pem, ca }, TEST_ACTOR, now);
    issued[label] = { serial: c.serial, id: c.id, notAfter: c.notAfter, ca };
  }

  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
    await createTestAuthority({ slug: "ia2" });
    await createAccount({ kind: "user", name: "frank", email: "frank@example.test" }, TEST_ACTOR);
    await createAccount({ kind: "user", name: "grace", email: "grace@example.test" }, TEST_ACTOR);
    await createAccount({ kind: "user", name: "frankie", email: "frankie@example.test" }, TEST_ACTOR);
    // Expiry spread: a expires soonest among the valid ones, old has expired.
    await issue("a", "frank", "ia1", 360);
    await issue("b", "frank", "ia1", 200);
    await issue("c", "grace", "ia1", 100);
    await issue("d", "grace", "ia2", 50);
    await issue("e", "frankie", "ia2", 10);
    await issue("f", "frankie", "ia1", 1);
    await issue("old", "grace", "ia1", 400);
    await revokeCertificate({ serial: issued.c.serial, reason: "superseded" }, TEST_ACTOR);
    const template = await t.db.template.create({ data: { name: "vpn-users", usage: "CLIENT" } });
    await t.db.certificate.update({ where: { id: issued.e.id }, data: { templateId: template.id } });
  });

  it("finds a certificate by serial prefix, with or without colons and in any case", async () => {
    const serial = issued.b.serial;
    const colon = serial.slice(0, 8).toUpperCase().replace(/(..)(?!$)/g, "$1:");
    for (const q of [serial, serial.slice(0, 10), colon]) {
      expect((await search({ q })).items.map((c) => c.serial), q).toEqual([serial]);
      expect((await search({ serial: q })).items.map((c) => c.serial), q).toEqual([serial]);
    }
    await expectInkanError(search({ serial: "zz:12" }), "VALIDATION", /hexadecimal/);
  });

  it("a serial prefix is read as an index range that matches exactly the serials starting with it", async () => {
    const all = Object.values(issued).map((c) => c.serial);
    for (const serial of all) {
      for (const prefix of [serial.slice(0, 1), serial.slice(0, 2), serial.slice(0, -1)]) {
        const found = (await search({ serial: prefix, limit: 200 })).items.map((c) => c.serial).sort();
        expect(found, prefix).toEqual(all.filter((s) => s.startsWith(prefix)).sort());
      }
    }
    // A prefix longer than any serial, and one past the last hex digit, find nothing.
    expect((await search({ serial: `${issued.a.serial}0` })).items).toEqual([]);
    expect((await search({ serial: "fffffffffffffffffffffffffffffffff" })).items).toEqual([]);
  });

  it("a CA, template or account name that does not exist gives an empty page, not every certificate", async () => {
    for (const filter of [{ ca: "ia9" }, { template: "no-such-template" }, { account: "nobody" }]) {
      expect(await search(filter), JSON.stringify(filter)).toEqual({ items: [], nextCursor: null });
    }
  });

  it("filters by subject, account, status, CA, template and expiry range", async () => {
    const labels = (items: { serial: string }[]) => items.map((c) => Object.keys(issued).find((k) => issued[k].serial === c.serial)).sort();
    expect(labels((await search({ subject: "CN=grace" })).items)).toEqual(["c", "d", "old"]);
    // Case-insensitive on both providers (ILIKE on PostgreSQL, LIKE on SQLite).
    expect(labels((await search({ subject: "cn=GRACE" })).items)).toEqual(["c", "d", "old"]);
    expect(labels((await search({ q: "FRANK" })).items)).toEqual(["a", "b", "e", "f"]);
    // The account filter is exact; the free-text q matches a part of the name.
    expect(labels((await search({ account: "frank" })).items)).toEqual(["a", "b"]);
    expect(labels((await search({ q: "frank" })).items)).toEqual(["a", "b", "e", "f"]);
    expect(labels((await search({ status: "revoked" }, base)).items)).toEqual(["c"]);
    expect(labels((await search({ status: "expired" }, base)).items)).toEqual(["old"]);
    expect(labels((await search({ status: "valid" }, base)).items)).toEqual(["a", "b", "d", "e", "f"]);
    expect(labels((await search({ ca: "ia2" })).items)).toEqual(["d", "e"]);
    expect(labels((await search({ template: "vpn-users" })).items)).toEqual(["e"]);
    expect((await search({ template: "vpn-users" })).items[0].templateName).toBe("vpn-users");
    // Expiring within the next 200 days: a (5 d), b (165 d); not c (265 d).
    const before = new Date(base.getTime() + 200 * DAY).toISOString();
    expect(labels((await search({ expiresAfter: base.toISOString(), expiresBefore: before })).items)).toEqual(["a", "b"]);
    expect(labels((await search({ ca: "ia1", status: "valid", q: "grace" }, base)).items)).toEqual([]);
    await expectInkanError(search({ expiresBefore: "next tuesday" }), "VALIDATION", /expiresBefore is a date/);
    await expectInkanError(search({ status: "lost" as never }), "VALIDATION", /status is one of valid, expired, revoked/);
  });

  it("pages by keyset in expiry order and in issue order, every certificate once, and refuses a forged cursor", async () => {
    const byExpiry = await allPages({ sort: "expiry", limit: 2 });
    expect(byExpiry.pages).toBe(4);
    expect(byExpiry.serials).toEqual(["old", "a", "b", "c", "d", "e", "f"].map((k) => issued[k].serial));
    const byIssue = await allPages({ sort: "issued", limit: 3 });
    expect(byIssue.pages).toBe(3);
    expect(new Set(byIssue.serials).size).toBe(7);
    const rows = await t.db.certificate.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { serial: true } });
    expect(byIssue.serials).toEqual(rows.map((r) => r.serial));
    const filtered = await allPages({ sort: "expiry", limit: 1, ca: "ia2" });
    expect(filtered.serials).toEqual([issued.d.serial, issued.e.serial]);
    // Ties on the sort value are broken by id: certificates issued in the same millisecond
    // are each listed once across pages.
    const ids = [issued.a.id, issued.d.id, issued.f.id];
    const saved = await t.db.certificate.findMany({ where: { id: { in: ids } }, select: { id: true, createdAt: true, notAfter: true } });
    const tied = new Date(base.getTime() + 5 * DAY);
    await t.db.certificate.updateMany({ where: { id: { in: ids } }, data: { createdAt: tied, notAfter: tied } });
    try {
      for (const sort of ["issued", "expiry"] as const) {
        const paged = await allPages({ sort, limit: 1 });
        expect(paged.pages, sort).toBe(7);
        expect(new Set(paged.serials).size, sort).toBe(7);
      }
    } finally {
      for (const r of saved) await t.db.certificate.update({ where: { id: r.id }, data: { createdAt: r.createdAt, notAfter: r.notAfter } });
    }
    await expectInkanError(search({ cursor: "not-a-cursor" }), "VALIDATION", /cursor/);
    await expectInkanError(search({ limit: 5000 }), "VALIDATION", /at most 200/);
  });

  it("bulk revoke: each certificate in its own transaction with its audit event, already-revoked ones reported, each CA's CRL republished once listing all", async () => {
    const ia1Before = (await currentCrl("ia1"))!.number;
    const ia2Before = (await currentCrl("ia2"))!.number;
    const publishesBefore = (await auditEvents(t.db, "crl.publish")).length;
    const result = await revokeCertificates({ ids: [issued.a.id, issued.b.id, issued.c.id, issued.d.id], reason: "keyCompromise" }, TEST_ACTOR);
    expect(result.revoked.sort()).toEqual([issued.a.serial, issued.b.serial, issued.d.serial].sort());
    expect(result.alreadyRevoked).toEqual([issued.c.serial]);
    expect(result.crls.map((c) => c.ca).sort()).toEqual(["ia1", "ia2"]);
    // One republish per CA touched, not one per certificate.
    expect((await auditEvents(t.db, "crl.publish")).length).toBe(publishesBefore + 2);
    expect((await currentCrl("ia1"))!.number).toBe(ia1Before + 1);
    expect((await currentCrl("ia2"))!.number).toBe(ia2Before + 1);

    const ia1Crl = await currentCrl("ia1");
    const file = writeTemp(env.scratch, `bulk-${sha256(ia1Crl!.der).slice(0, 8)}.pem`, toPem(PEM_LABEL.X509_CRL, ia1Crl!.der));
    const text = opensslOk(["crl", "-in", file, "-noout", "-text"]);
    for (const k of ["a", "b", "c"]) expect(text).toContain(`Serial Number: ${issued[k].serial.toUpperCase()}`);
    expect([...parseCrl(ia1Crl!.der).entries()].filter((e) => e.reason === "keyCompromise").map((e) => e.serialHex).sort()).toEqual([issued.a.serial, issued.b.serial].sort());
    expect([...parseCrl((await currentCrl("ia2"))!.der).entries()].map((e) => e.serialHex)).toEqual([issued.d.serial]);

    for (const k of ["a", "b", "d"]) {
      expect((await auditEvents(t.db, "certificate.revoke", issued[k].serial)).map((e) => e.details)).toEqual([{ ca: issued[k].ca, account: expect.any(String), reason: "keyCompromise", bulk: true }]);
    }
  });

  it("bulk revoke refuses an empty selection, an unknown id (revoking nothing) and a delta-only reason", async () => {
    await expectInkanError(revokeCertificates({ ids: [], reason: "superseded" }, TEST_ACTOR), "VALIDATION", /Select at least one/);
    await expectInkanError(revokeCertificates({ ids: [issued.f.id, "no-such-id"], reason: "superseded" }, TEST_ACTOR), "NOT_FOUND", /nothing was revoked/);
    expect((await t.db.certificate.findUniqueOrThrow({ where: { id: issued.f.id } })).status).toBe("ISSUED");
    await expectInkanError(revokeCertificates({ ids: [issued.f.id], reason: "removeFromCRL" }, TEST_ACTOR), "VALIDATION", /removeFromCRL/);
  });
});

describe.each(PROVIDERS)("dashboard aggregates on %s", (provider) => {
  const t = withTestDatabase(provider);
  const now = new Date("2027-03-01T12:00:00Z");

  /** Issues a certificate that expires `days` after `now` (issued 365 − days before it). */
  async function expiringIn(days: number, account = "heidi") {
    return issueFromCsr({ account, csr: makeCsr("p256").pem }, TEST_ACTOR, new Date(now.getTime() + (days - LEAF_DAYS) * DAY));
  }

  beforeAll(async () => {
    await t.reset();
    await createTestAuthority({ now: new Date(now.getTime() - 400 * DAY), crlValidityHours: 100 });
    await createAccount({ kind: "user", name: "heidi" }, TEST_ACTOR);
    for (const d of [0.5, 3, 6.9, 7.1, 20, 45, 89.5, 90.5, 200, -2]) await expiringIn(d);
    const revoked = await expiringIn(10);
    await revokeCertificate({ serial: revoked.serial, reason: "superseded" }, TEST_ACTOR, now);
  });

  it("counts valid, expired, revoked and expiring-within-30-days certificates", async () => {
    expect(await certificateCounts(now)).toEqual({ valid: 9, expired: 1, revoked: 1, expiringSoon: 5 });
  });

  it("buckets valid certificates expiring per week over the next 90 days (13 weeks, revoked and later ones left out)", async () => {
    const weeks = await expiringPerWeek(now);
    expect(weeks).toHaveLength(13);
    expect(weeks[0].from).toEqual(now);
    expect(weeks[12].to).toEqual(new Date(now.getTime() + 90 * DAY));
    expect(weeks.map((w) => w.count)).toEqual([3, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
  });

  it("shows each CA's CRL freshness, red once under 25% of its validity is left", async () => {
    await publishCrl("ia1", TEST_ACTOR, now); // validity 100 h
    expect((await crlFreshness(new Date(now.getTime() + 50 * 3_600_000)))[0]).toMatchObject({ slug: "ia1", remainingFraction: 0.5, warning: false });
    const late = (await crlFreshness(new Date(now.getTime() + 80 * 3_600_000)))[0];
    expect(late).toMatchObject({ remainingMs: 20 * 3_600_000, warning: true });
    expect(late.remainingFraction).toBeCloseTo(0.2);
    expect((await crlFreshness(new Date(now.getTime() + 101 * 3_600_000)))[0]).toMatchObject({ remainingFraction: 0, warning: true });
  });
});
