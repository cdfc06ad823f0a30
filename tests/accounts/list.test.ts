// The RA account list on SQLite and PostgreSQL: search, every filter, the three sort orders,
// and keyset paging that neither skips nor repeats rows, including rows with equal sort keys.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, expectInkanError, makeCsr, useServiceEnvironment } from "../helpers/services";
import { createAccount, deleteAccount, listAccounts, parseListQuery, setAccountStatus, type AccountListQuery } from "../../lib/accounts";
import { issueFromCsr } from "../../lib/ca";

useServiceEnvironment();

const DAY = 86_400_000;
const NOW = new Date();
const TIE = new Date("2026-01-01T00:00:00.000Z");

/** Every name the list yields for `query`, walking all pages of `limit` rows. */
async function walk(query: AccountListQuery, limit: number): Promise<string[]> {
  const names: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listAccounts({ ...query, limit, after }, NOW);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    names.push(...page.items.map((a) => a.name));
    if (!page.nextCursor) return names;
    after = page.nextCursor;
  }
  throw new Error("the list never ended");
}

describe.each(PROVIDERS)("account list on %s", (provider) => {
  const t = withTestDatabase(provider);
  const csr = makeCsr("p256").pem;

  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
    for (let i = 0; i < 12; i++) {
      await createAccount({ kind: "user", name: `user${String(i).padStart(2, "0")}`, displayName: i === 3 ? "Yamada Taro" : `User ${i}`, email: `u${i}@corp.example.test` }, TEST_ACTOR);
    }
    for (let i = 0; i < 8; i++) {
      await createAccount({ kind: "server", name: `srv${i}`, hostnames: [`web${i}.corp.example.test`, `alt${i}.example.test`] }, TEST_ACTOR);
    }
    // Ties: seven accounts registered at the same instant, so paging must fall back on the id.
    await t.db.account.updateMany({ where: { name: { in: ["user01", "user02", "user05", "user07", "srv1", "srv2", "srv6"] } }, data: { createdAt: TIE } });
    const group = await t.db.group.create({ data: { kind: "USER", name: "engineering" } });
    for (const name of ["user01", "user02", "srv3"]) {
      const a = await t.db.account.findUniqueOrThrow({ where: { name } });
      await t.db.groupMembership.create({ data: { groupId: group.id, accountId: a.id } });
    }
    // Certificates: valid ones with chosen expiries (two equal), an expired one, a revoked one.
    const expiries: Array<[string, number]> = [["user00", 200], ["user01", 10], ["user01", 300], ["user02", 10], ["srv0", 5], ["srv1", 60], ["srv3", 10]];
    for (const [account, days] of expiries) {
      const cert = await issueFromCsr({ account, csr }, TEST_ACTOR);
      await t.db.certificate.update({ where: { caId_serial: { caId: (await t.db.certificateAuthority.findUniqueOrThrow({ where: { slug: "ia1" } })).id, serial: cert.serial } }, data: { notAfter: new Date(NOW.getTime() + days * DAY) } });
    }
    const expired = await issueFromCsr({ account: "user04", csr }, TEST_ACTOR);
    await t.db.certificate.updateMany({ where: { serial: expired.serial }, data: { notAfter: new Date(NOW.getTime() - DAY) } });
    const revoked = await issueFromCsr({ account: "user06", csr }, TEST_ACTOR);
    await t.db.certificate.updateMany({ where: { serial: revoked.serial }, data: { status: "REVOKED", revokedAt: NOW } });
    await setAccountStatus("user08", "DISABLED", TEST_ACTOR);
    await deleteAccount("user09", "keep", TEST_ACTOR);
  });

  it("pages newest first by registration, with equal registration times ordered by id, without gaps or repeats", async () => {
    const rows = await t.db.account.findMany({ where: { status: { not: "DELETED" } }, select: { name: true, createdAt: true, id: true } });
    const expected = rows
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((r) => r.name);
    expect(expected).toHaveLength(19);
    for (const limit of [1, 3, 4, 50]) expect(await walk({}, limit)).toEqual(expected);
  });

  it("pages by name A→Z", async () => {
    const rows = await t.db.account.findMany({ where: { status: { not: "DELETED" } }, select: { name: true } });
    const expected = rows.map((r) => r.name).sort();
    expect(await walk({ sort: "name" }, 4)).toEqual(expected);
    expect(await walk({ sort: "name", kind: "SERVER" }, 3)).toEqual(expected.filter((n) => n.startsWith("srv")));
  });

  it("sorts by the soonest valid certificate, lists each account once, and breaks equal expiries by certificate id", async () => {
    const certs = await t.db.certificate.findMany({ where: { status: "ISSUED", notAfter: { gt: NOW } }, select: { id: true, notAfter: true, account: { select: { name: true } } } });
    const soonest = new Map<string, { at: number; id: string }>();
    for (const c of certs) {
      const cur = soonest.get(c.account.name);
      const key = { at: c.notAfter.getTime(), id: c.id };
      if (!cur || key.at < cur.at || (key.at === cur.at && key.id < cur.id)) soonest.set(c.account.name, key);
    }
    const expected = [...soonest.entries()].sort(([, a], [, b]) => a.at - b.at || (a.id < b.id ? -1 : 1)).map(([n]) => n);
    expect(expected).toEqual(expect.arrayContaining(["srv0", "user01", "user02", "srv3", "srv1", "user00"]));
    expect(expected).toHaveLength(6);
    for (const limit of [1, 2, 4, 10]) expect(await walk({ sort: "expiry" }, limit)).toEqual(expected);
    const page = await listAccounts({ sort: "expiry", limit: 1 }, NOW);
    expect(page.items[0]).toMatchObject({ name: "srv0", validCertificates: 1 });
  });

  it("searches user ID, display name (any case), e-mail and host name", async () => {
    expect(await walk({ q: "user1" }, 10)).toEqual(["user11", "user10"]);
    expect(await walk({ q: "YAMADA" }, 10)).toEqual(["user03"]);
    expect(await walk({ q: "u7@corp" }, 10)).toEqual(["user07"]);
    expect(await walk({ q: "alt5.example" }, 10)).toEqual(["srv5"]);
    expect(await walk({ q: "WEB2.CORP" }, 10)).toEqual(["srv2"]);
    expect(await walk({ q: "no-such-thing" }, 10)).toEqual([]);
    // LIKE wildcards in the query are literal characters.
    expect(await walk({ q: "%" }, 10)).toEqual([]);
    expect(await walk({ q: "user_1" }, 10)).toEqual([]);
  });

  it("filters by kind, status (deleted only on request), group, valid certificate and expiry window", async () => {
    expect((await walk({ kind: "SERVER" }, 50)).sort()).toEqual(["srv0", "srv1", "srv2", "srv3", "srv4", "srv5", "srv6", "srv7"]);
    expect(await walk({ status: "DISABLED" }, 50)).toEqual(["user08"]);
    expect(await walk({ status: "DELETED" }, 50)).toEqual(["user09"]);
    expect(await walk({}, 50)).not.toContain("user09");
    expect((await walk({ group: "engineering" }, 2)).sort()).toEqual(["srv3", "user01", "user02"]);
    expect(await walk({ group: "no-such-group" }, 2)).toEqual([]);
    // Expired (user04) and revoked (user06) certificates do not count as valid.
    expect((await walk({ hasValidCertificate: true }, 50)).sort()).toEqual(["srv0", "srv1", "srv3", "user00", "user01", "user02"]);
    expect((await walk({ expiringWithinDays: 30 }, 50)).sort()).toEqual(["srv0", "srv3", "user01", "user02"]);
    expect(await walk({ expiringWithinDays: 30, sort: "expiry", kind: "SERVER" }, 1)).toEqual(["srv0", "srv3"]);
    expect(await walk({ expiringWithinDays: 7, q: "srv" }, 50)).toEqual(["srv0"]);
    expect((await walk({ group: "engineering", expiringWithinDays: 30, kind: "USER" }, 50)).sort()).toEqual(["user01", "user02"]);
  });

  it("reports a cursor from another sort order or a damaged one as a validation error", async () => {
    const page = await listAccounts({ sort: "name", limit: 2 }, NOW);
    await expectInkanError(listAccounts({ sort: "created", after: page.nextCursor! }, NOW), "VALIDATION", /cursor is not valid/);
    await expectInkanError(listAccounts({ after: "garbage" }, NOW), "VALIDATION", /cursor is not valid/);
  });

  it("reads the list state from URL parameters and names each bad one", () => {
    expect(parseListQuery({ q: " web ", kind: "server", status: "disabled", group: "ops", valid: "1", expiring: "30", sort: "expiry" })).toEqual({
      query: { q: "web", kind: "SERVER", status: "DISABLED", group: "ops", hasValidCertificate: true, expiringWithinDays: 30, sort: "expiry" },
      problems: [],
    });
    const bad = parseListQuery({ kind: "robot", expiring: "-1", sort: "size", limit: "1000" });
    expect(bad.query).toEqual({});
    expect(bad.problems.map((p) => p.en)).toEqual([
      'kind must be "user" or "server".', "expiring must be a whole number of days from 0 to 3650.", "sort must be one of created, name, expiry.", "limit must be a whole number from 1 to 200.",
    ]);
  });
});
