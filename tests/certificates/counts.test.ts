// The dashboard's certificate counts come from CertificateCount, kept by database triggers in
// the transactions that write certificates. After a random mix of issuance (single and
// concurrent, i.e. group commit), revocation, bulk revocation, account deletion (revoke or
// keep) and direct row updates, the counters equal a full count of Certificate and the
// dashboard equals the full-scan definition at several instants; recount repairs them.
// On SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, makeCsr, useServiceEnvironment } from "../helpers/services";
import { createAccount, deleteAccount } from "../../lib/accounts";
import { certificateCounts, issueFromCsr, recountCertificates, revokeCertificate, revokeCertificates } from "../../lib/ca";

useServiceEnvironment();
const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = new Date("2027-03-01T12:00:00Z");

describe.each(PROVIDERS)("certificate counters on %s", (provider) => {
  const t = withTestDatabase(provider);
  let seed = 20261205;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const live = ["u0", "u1", "u2", "u3", "u4", "u5"];
  const csr = makeCsr("p256").pem;

  /** Issued at a random time from 500 days before NOW to 300 days after (leaf validity 365 days). */
  const issueAt = (account: string) => issueFromCsr({ account, csr }, TEST_ACTOR, new Date(NOW.getTime() + Math.floor((rand() * 800 - 500) * DAY + rand() * 24 * HOUR)));

  async function issued() {
    return t.db.certificate.findMany({ where: { status: "ISSUED" }, select: { id: true, serial: true } });
  }

  async function randomOperation(): Promise<string> {
    const r = rand();
    if (r < 0.35) {
      await issueAt(pick(live));
      return "issue";
    }
    if (r < 0.5) {
      // Concurrent callers share group-commit transactions.
      await Promise.all(Array.from({ length: 5 }, () => issueAt(pick(live))));
      return "issue x5";
    }
    const valid = await issued();
    if (valid.length === 0) return "none";
    if (r < 0.65) {
      await revokeCertificate({ serial: pick(valid).serial, reason: "keyCompromise" }, TEST_ACTOR, NOW);
      return "revoke";
    }
    if (r < 0.78) {
      const all = await t.db.certificate.findMany({ select: { id: true } });
      await revokeCertificates({ ids: [pick(valid).id, pick(valid).id, pick(all).id], reason: "superseded" }, TEST_ACTOR, NOW);
      return "bulk revoke";
    }
    if (r < 0.86) {
      // As test fixtures and operators do: a row changed without a service.
      await t.db.certificate.update({ where: { id: pick(valid).id }, data: { notAfter: new Date(NOW.getTime() + Math.floor((rand() * 60 - 30) * DAY)) } });
      return "move notAfter";
    }
    if (r < 0.92 && live.length > 2) {
      const name = live.splice(Math.floor(rand() * live.length), 1)[0];
      await deleteAccount(name, rand() < 0.5 ? "revoke" : "keep", TEST_ACTOR, NOW);
      return "delete account";
    }
    await issueAt(pick(live));
    return "issue";
  }

  /** What the dashboard counted before the counters: a full scan of Certificate. */
  async function fullCounts(now: Date) {
    const rows = await t.db.certificate.findMany({ select: { status: true, notAfter: true } });
    const issuedRows = rows.filter((c) => c.status === "ISSUED");
    return {
      valid: issuedRows.filter((c) => c.notAfter > now).length,
      expired: issuedRows.filter((c) => c.notAfter <= now).length,
      revoked: rows.filter((c) => c.status === "REVOKED").length,
      expiringSoon: issuedRows.filter((c) => c.notAfter > now && c.notAfter.getTime() <= now.getTime() + 30 * DAY).length,
    };
  }

  async function expectCountersExact() {
    const rows = await t.db.certificate.findMany({ select: { status: true, notAfter: true } });
    const expected: Record<string, number> = {};
    for (const c of rows) {
      const key = `${c.status} ${Math.floor(c.notAfter.getTime() / DAY)}`;
      expected[key] = (expected[key] ?? 0) + 1;
    }
    const counters = await t.db.certificateCount.findMany();
    const actual = Object.fromEntries(counters.filter((c) => c.count !== 0).map((c) => [`${c.status} ${c.expiryDay}`, c.count]));
    expect(actual).toEqual(expected);
    // Instants around NOW, including one exactly at a certificate's notAfter (valid is notAfter > now).
    const someNotAfter = rows[Math.floor(rows.length / 2)].notAfter;
    for (const now of [NOW, new Date(NOW.getTime() + 7 * HOUR), new Date(NOW.getTime() - 200 * DAY), new Date(NOW.getTime() + 400 * DAY), someNotAfter]) {
      expect(await certificateCounts(now), `at ${now.toISOString()}`).toEqual(await fullCounts(now));
    }
  }

  beforeAll(async () => {
    await t.reset();
    await createTestAuthority({ now: new Date(NOW.getTime() - 900 * DAY) });
    for (const name of live) await createAccount({ kind: "user", name }, TEST_ACTOR);
  });

  it("equal a full count after a random mix of issuance, revocation, bulk revocation, account deletion and row updates", async () => {
    const done: string[] = [];
    for (let i = 0; i < 45; i++) done.push(await randomOperation());
    // The mix really had each kind of change.
    for (const kind of ["issue", "issue x5", "revoke", "bulk revoke", "move notAfter", "delete account"]) expect(done).toContain(kind);
    const statuses = await t.db.certificate.groupBy({ by: ["status"], _count: { _all: true } });
    expect(statuses.map((s) => s.status).sort()).toEqual(["ISSUED", "REVOKED"]);
    await expectCountersExact();
  });

  it("a transaction that fails leaves the counters as they were", async () => {
    const before = await t.db.certificateCount.findMany({ orderBy: [{ status: "asc" }, { expiryDay: "asc" }] });
    const victim = (await issued())[0];
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.certificate.update({ where: { id: victim.id }, data: { status: "REVOKED" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await t.db.certificateCount.findMany({ orderBy: [{ status: "asc" }, { expiryDay: "asc" }] })).toEqual(before);
  });

  it("recount rebuilds counters that went wrong", async () => {
    await t.db.certificateCount.deleteMany({ where: { status: "REVOKED" } });
    await t.db.certificateCount.create({ data: { status: "ISSUED", expiryDay: 1, count: 42 } });
    const total = await t.db.certificate.count();
    expect(await recountCertificates()).toEqual({ certificates: total });
    await expectCountersExact();
  });
});
