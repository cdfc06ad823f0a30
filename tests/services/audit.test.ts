// The audit log through the services, on SQLite and PostgreSQL: every action writes its
// event in the same transaction as the change, the hash chain finds tampering, no secret
// reaches the log, and repeated failed sign-ins lock the account.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, expectInkanError, makeCsr, rowCounts, useServiceEnvironment } from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import { createAdmin, createApiToken, signInAdmin } from "../../lib/auth";
import { SIGNIN_FAILURE_LIMIT, SIGNIN_FAILURE_WINDOW_MS } from "../../lib/auth/sign-in";
import {
  downloadCertificate, exportPkcs12, issueFromCsr, issueWithServerKey, publishCrl, revokeCertificate, type CertificateView,
} from "../../lib/ca";
import { recordStandaloneEvent, verifyAuditChain, type AuditEventInput } from "../../lib/audit";
import { eventHash } from "../../lib/audit/chain";
import type { Db, DbProvider } from "../../lib/db";

useServiceEnvironment();

// Secrets the tests type in; none may ever appear in the audit log.
const UA_PASSWORD = "ua-secret-Pa55word-41";
const P12_PASSWORD = "p12-secret-Pa55word-42";
const ADMIN_PASSWORD = "admin-secret-Pa55word-43";
const WRONG_PASSWORD = "wrong-secret-Pa55word-44";
const API_SECRET = "inkan_api-secret-0123456789abcdefghijkl";

interface EventShape {
  action: string;
  outcome?: string;
  targetType?: string | null;
  targetId?: string | null;
  actor?: string;
  details?: Record<string, unknown>;
}

async function lastSeq(db: Db): Promise<number> {
  return (await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0;
}

/** Runs `work` and returns the events it appended, oldest first. */
async function eventsWrittenBy<T>(db: Db, work: () => Promise<T>): Promise<{ result: T; events: EventShape[] }> {
  const before = await lastSeq(db);
  const result = await work();
  const rows = await db.auditEvent.findMany({ where: { seq: { gt: before } }, orderBy: { seq: "asc" } });
  return {
    result,
    events: rows.map((r) => ({ action: r.action, outcome: r.outcome, targetType: r.targetType, targetId: r.targetId, actor: r.actor, details: JSON.parse(r.details) })),
  };
}

/** Makes every audit insert fail, as a full disk or a broken audit table would. */
async function breakAuditInserts(db: Db, provider: DbProvider): Promise<() => Promise<void>> {
  if (provider === "sqlite") {
    await db.$executeRawUnsafe(`CREATE TRIGGER audit_unavailable BEFORE INSERT ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END`);
    return async () => void (await db.$executeRawUnsafe(`DROP TRIGGER audit_unavailable`));
  }
  await db.$executeRawUnsafe(`CREATE FUNCTION audit_unavailable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER audit_unavailable BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_unavailable()`);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER audit_unavailable ON "AuditEvent"`);
    await db.$executeRawUnsafe(`DROP FUNCTION audit_unavailable()`);
  };
}

describe.each(PROVIDERS)("audit log on %s", (provider) => {
  const t = withTestDatabase(provider);

  describe("every action writes its event", () => {
    let csrCert: CertificateView;
    let keyCert: CertificateView;

    beforeAll(async () => {
      await t.reset();
      await createTestAuthority();
    });

    it("account creation: account.create with kind and host names, never the UA password", async () => {
      const { events } = await eventsWrittenBy(t.db, () =>
        createAccount({ kind: "user", name: "erin", email: "erin@example.test", uaPassword: UA_PASSWORD }, TEST_ACTOR),
      );
      expect(events).toEqual([{
        action: "account.create", outcome: "SUCCESS", targetType: "account", targetId: "erin", actor: "admin:tester@example.test",
        details: { kind: "USER", email: "erin@example.test", hostnames: [] },
      }]);
      await createAccount({ kind: "server", name: "www", hostnames: ["www.example.test"] }, TEST_ACTOR);
    });

    it("issuance from a CSR and with a server key: one certificate.issue each, targeting the serial", async () => {
      const fromCsr = await eventsWrittenBy(t.db, () => issueFromCsr({ account: "www", csr: makeCsr("p256", { dns: ["www.example.test"] }).pem }, TEST_ACTOR));
      csrCert = fromCsr.result;
      expect(fromCsr.events).toEqual([expect.objectContaining({
        action: "certificate.issue", targetType: "certificate", targetId: csrCert.serial,
        details: expect.objectContaining({ ca: "ia1", account: "www", source: "CSR", keyAlgorithm: "ECDSA-P256" }),
      })]);
      const withKey = await eventsWrittenBy(t.db, () => issueWithServerKey({ account: "erin", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR));
      keyCert = withKey.result;
      expect(withKey.events).toEqual([expect.objectContaining({ action: "certificate.issue", targetId: keyCert.serial, details: expect.objectContaining({ source: "KEYGEN" }) })]);
    });

    it("downloads (PEM and PKCS#12): certificate.download with the format, never the PKCS#12 password", async () => {
      const pem = await eventsWrittenBy(t.db, () => downloadCertificate({ serial: csrCert.serial, format: "pem" }, TEST_ACTOR));
      expect(pem.events).toEqual([expect.objectContaining({ action: "certificate.download", targetId: csrCert.serial, details: { format: "pem" } })]);
      const p12 = await eventsWrittenBy(t.db, () => exportPkcs12({ serial: keyCert.serial, password: P12_PASSWORD, encryption: "legacy" }, TEST_ACTOR));
      expect(p12.events).toEqual([expect.objectContaining({ action: "certificate.download", targetId: keyCert.serial, details: { format: "pkcs12", encryption: "legacy" } })]);
    });

    it("revocation: certificate.revoke with the reason, then crl.publish for the republished CRL", async () => {
      const { events } = await eventsWrittenBy(t.db, () => revokeCertificate({ serial: csrCert.serial, reason: "superseded" }, TEST_ACTOR));
      expect(events).toEqual([
        expect.objectContaining({ action: "certificate.revoke", targetId: csrCert.serial, details: { ca: "ia1", account: "www", reason: "superseded" } }),
        expect.objectContaining({ action: "crl.publish", targetType: "ca", targetId: "ia1", details: expect.objectContaining({ entries: 1 }) }),
      ]);
    });

    it("CRL publication: crl.publish with its number and validity", async () => {
      const { result, events } = await eventsWrittenBy(t.db, () => publishCrl("ia1", TEST_ACTOR));
      expect(events).toEqual([expect.objectContaining({
        action: "crl.publish", targetId: "ia1",
        details: { number: result.number, entries: 1, thisUpdate: expect.any(String), nextUpdate: result.nextUpdate.toISOString() },
      })]);
    });

    it("administrator and API token creation: admin.create and apitoken.create, never the password or token secret", async () => {
      const admin = await eventsWrittenBy(t.db, () => createAdmin({ email: "ops@example.test", role: "OPERATOR", password: ADMIN_PASSWORD }, TEST_ACTOR));
      expect(admin.events).toEqual([expect.objectContaining({ action: "admin.create", targetType: "admin", targetId: "ops@example.test", details: { role: "OPERATOR" } })]);
      const token = await eventsWrittenBy(t.db, () => createApiToken({ name: "deploy-bot", role: "OPERATOR", secret: API_SECRET }, TEST_ACTOR));
      expect(token.result.secret).toBe(API_SECRET);
      expect(token.events).toEqual([expect.objectContaining({ action: "apitoken.create", targetType: "apitoken", targetId: token.result.id, details: { tokenName: "deploy-bot", role: "OPERATOR" } })]);
    });

    it("sign-in: auth.signin SUCCESS for the right password, FAILURE with reason for a wrong one or an unknown e-mail", async () => {
      const ok = await eventsWrittenBy(t.db, () => signInAdmin("OPS@example.test", ADMIN_PASSWORD, { ip: "198.51.100.7", userAgent: "curl/8" }));
      expect(ok.result).toMatchObject({ ok: true, admin: { email: "ops@example.test", role: "OPERATOR" } });
      expect(ok.events).toEqual([{ action: "auth.signin", outcome: "SUCCESS", targetType: "admin", targetId: "ops@example.test", actor: "admin:ops@example.test", details: {} }]);
      const ip = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
      expect(ip).toMatchObject({ ip: "198.51.100.7", userAgent: "curl/8" });

      const bad = await eventsWrittenBy(t.db, () => signInAdmin("ops@example.test", WRONG_PASSWORD, {}));
      expect(bad.result).toEqual({ ok: false, reason: "invalid" });
      expect(bad.events).toEqual([expect.objectContaining({ action: "auth.signin", outcome: "FAILURE", actor: "anonymous:ops@example.test", details: { reason: "invalid" } })]);
      const unknown = await eventsWrittenBy(t.db, () => signInAdmin("ghost@example.test", ADMIN_PASSWORD, {}));
      expect(unknown.result).toEqual({ ok: false, reason: "invalid" });
      expect(unknown.events).toEqual([expect.objectContaining({ outcome: "FAILURE", targetId: "ghost@example.test", details: { reason: "invalid" } })]);
    });

    it("a failing transaction writes no event: duplicate account, duplicate administrator, disabled account", async () => {
      const before = await rowCounts(t.db);
      await expectInkanError(createAccount({ kind: "user", name: "erin" }, TEST_ACTOR), "CONFLICT", /already exists/);
      await expectInkanError(createAdmin({ email: "ops@example.test", role: "ADMIN", password: ADMIN_PASSWORD }, TEST_ACTOR), "CONFLICT", /already exists/);
      await t.db.account.update({ where: { name: "www" }, data: { status: "DISABLED" } });
      await expectInkanError(issueFromCsr({ account: "www", csr: makeCsr("p256").pem }, TEST_ACTOR), "CONFLICT", /disabled/);
      await t.db.account.update({ where: { name: "www" }, data: { status: "ACTIVE" } });
      expect(await rowCounts(t.db)).toEqual(before);
    });

    describe("when the audit event cannot be written, the change it records is rolled back", () => {
      let restore: (() => Promise<void>) | undefined;
      beforeEach(async () => {
        restore = await breakAuditInserts(t.db, provider);
      });
      afterEach(async () => {
        await restore?.();
        restore = undefined;
      });

      it("no account, certificate, revocation, CRL, administrator or API token without its event", async () => {
        const before = await rowCounts(t.db);
        const issued = await t.db.certificate.findFirstOrThrow({ where: { status: "ISSUED", source: "KEYGEN" } });

        const attempts: Array<[string, () => Promise<unknown>]> = [
          ["createAccount", () => createAccount({ kind: "user", name: "frank" }, TEST_ACTOR)],
          ["issueFromCsr", () => issueFromCsr({ account: "erin", csr: makeCsr("p256").pem }, TEST_ACTOR)],
          ["issueWithServerKey", () => issueWithServerKey({ account: "erin", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR)],
          ["revokeCertificate", () => revokeCertificate({ serial: issued.serial, reason: "keyCompromise" }, TEST_ACTOR)],
          ["publishCrl", () => publishCrl("ia1", TEST_ACTOR)],
          ["createAdmin", () => createAdmin({ email: "new@example.test", role: "ADMIN", password: ADMIN_PASSWORD }, TEST_ACTOR)],
          ["createApiToken", () => createApiToken({ name: "never", role: "ADMIN" }, TEST_ACTOR)],
          ["downloadCertificate", () => downloadCertificate({ serial: issued.serial, format: "der" }, TEST_ACTOR)],
          ["exportPkcs12", () => exportPkcs12({ serial: issued.serial, password: P12_PASSWORD }, TEST_ACTOR)],
          ["signInAdmin", () => signInAdmin("ops@example.test", ADMIN_PASSWORD, {})],
        ];
        for (const [name, attempt] of attempts) {
          await expect(attempt(), `${name} succeeded without its audit event`).rejects.toThrow();
        }
        expect(await rowCounts(t.db)).toEqual(before);
        expect(await t.db.certificate.findUniqueOrThrow({ where: { id: issued.id } })).toMatchObject({ status: "ISSUED", revokedAt: null });
        expect((await t.db.certificate.findUniqueOrThrow({ where: { id: issued.id } })).privateKeyEncrypted).not.toBeNull();
      });
    });

    it("the log of all these actions verifies, and no event holds a password or token secret", async () => {
      const events = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
      expect(await verifyAuditChain()).toEqual({ ok: true, events: events.length });
      expect(await verifyAuditChain(3)).toEqual({ ok: true, events: events.length });
      expect(new Set(events.map((e) => e.action))).toEqual(new Set([
        "ca.create", "crl.publish", "account.create", "certificate.issue", "certificate.download",
        "certificate.revoke", "admin.create", "apitoken.create", "auth.signin",
      ]));
      const everything = JSON.stringify(events);
      for (const secret of [UA_PASSWORD, P12_PASSWORD, ADMIN_PASSWORD, WRONG_PASSWORD, API_SECRET]) {
        expect(everything).not.toContain(secret);
      }
      expect(everything).not.toContain("BEGIN PRIVATE KEY");
    });
  });

  describe("tamper detection", () => {
    const base = new Date("2030-03-01T09:00:00.000Z");
    const N = 8;

    let pristine: Awaited<ReturnType<Db["auditEvent"]["findMany"]>>;

    beforeAll(async () => {
      await t.reset();
      for (let i = 1; i <= N; i++) {
        const input: AuditEventInput = {
          actor: i % 3 ? TEST_ACTOR : { kind: "api", label: "deploy-bot" },
          action: i % 2 ? "certificate.issue" : "certificate.download",
          target: { type: "certificate", id: `4${i}`.padEnd(32, "0") },
          details: { ca: "ia1", n: i },
        };
        await recordStandaloneEvent(input, new Date(base.getTime() + i * 1000));
      }
      pristine = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    });

    beforeEach(async () => {
      // Every variant starts from the same untouched log.
      await t.db.$transaction([t.db.auditEvent.deleteMany(), t.db.auditEvent.createMany({ data: pristine })]);
      expect(await verifyAuditChain()).toEqual({ ok: true, events: N });
    });

    const at = (seq: number) => ({ where: { seq } });
    type Tamper = [name: string, tamper: (db: Db) => Promise<unknown>, brokenSeq: number, reason: RegExp];
    const tampers: Tamper[] = [
      ["an edited actor", (db) => db.auditEvent.update({ ...at(4), data: { actor: "admin:someone-else@example.test" } }), 4, /content does not match its hash/],
      ["an edited action", (db) => db.auditEvent.update({ ...at(4), data: { action: "certificate.revoke" } }), 4, /content does not match/],
      ["edited details", (db) => db.auditEvent.update({ ...at(4), data: { details: JSON.stringify({ ca: "ia1", n: 40 }) } }), 4, /content does not match/],
      ["an edited outcome", (db) => db.auditEvent.update({ ...at(4), data: { outcome: "FAILURE" } }), 4, /content does not match/],
      ["a timestamp moved by one millisecond", (db) => db.auditEvent.update({ ...at(4), data: { at: new Date(base.getTime() + 4000 + 1) } }), 4, /content does not match/],
      ["an edited target", (db) => db.auditEvent.update({ ...at(4), data: { targetId: "ff".repeat(16) } }), 4, /content does not match/],
      ["an added IP address", (db) => db.auditEvent.update({ ...at(4), data: { ip: "203.0.113.9" } }), 4, /content does not match/],
      ["an edited user agent", (db) => db.auditEvent.update({ ...at(4), data: { userAgent: "innocent" } }), 4, /content does not match/],
      ["a changed hash", (db) => db.auditEvent.update({ ...at(4), data: { hash: "a".repeat(64) } }), 4, /content does not match/],
      ["a changed previous-hash link", (db) => db.auditEvent.update({ ...at(4), data: { prevHash: "b".repeat(64) } }), 4, /previous-hash link does not match/],
      ["a deleted event in the middle", (db) => db.auditEvent.delete(at(4)), 4, /event 4 is missing/],
      ["a deleted first event", (db) => db.auditEvent.delete(at(1)), 1, /event 1 is missing/],
      ["a renumbered event", (db) => db.auditEvent.update({ ...at(6), data: { seq: 60 } }), 6, /event 6 is missing/],
      ["two events swapped", async (db) => {
        await db.auditEvent.update({ ...at(4), data: { seq: -4 } });
        await db.auditEvent.update({ ...at(5), data: { seq: 4 } });
        await db.auditEvent.update({ ...at(-4), data: { seq: 5 } });
      }, 4, /previous-hash link does not match/],
      ["an edit whose own hash was recomputed", async (db) => {
        const e = await db.auditEvent.findUniqueOrThrow(at(4));
        const forged = { ...e, details: JSON.stringify({ ca: "ia1", n: 4, forged: true }) };
        await db.auditEvent.update({ ...at(4), data: { details: forged.details, hash: eventHash(e.prevHash, forged) } });
      }, 5, /previous-hash link does not match/],
      ["a forged event appended with a made-up hash", async (db) => {
        const last = await db.auditEvent.findUniqueOrThrow(at(N));
        await db.auditEvent.create({ data: { seq: N + 1, at: new Date(base.getTime() + 99_000), actor: "admin:x", action: "certificate.revoke", outcome: "SUCCESS", details: "{}", prevHash: last.hash, hash: "c".repeat(64) } });
      }, N + 1, /content does not match/],
    ];

    it.each(tampers)("names the first broken event after %s", async (_name, tamper, brokenSeq, reason) => {
      await tamper(t.db);
      for (const pageSize of [5000, 3]) {
        expect(await verifyAuditChain(pageSize)).toEqual({ ok: false, events: brokenSeq - 1, firstBrokenSeq: brokenSeq, reason: expect.stringMatching(reason) });
      }
    });
  });

  describe("sign-in lockout", () => {
    const t0 = new Date("2030-05-01T12:00:00.000Z");

    beforeAll(async () => {
      await t.reset();
      await createAdmin({ email: "lock@example.test", role: "ADMIN", password: ADMIN_PASSWORD }, TEST_ACTOR);
      await createAdmin({ email: "other@example.test", role: "ADMIN", password: ADMIN_PASSWORD }, TEST_ACTOR);
    });

    it(`${SIGNIN_FAILURE_LIMIT} failed sign-ins lock further attempts, even with the right password, until the window has passed`, async () => {
      for (let i = 0; i < SIGNIN_FAILURE_LIMIT; i++) {
        expect(await signInAdmin("lock@example.test", `${WRONG_PASSWORD}-${i}`, {}, new Date(t0.getTime() + i * 1000))).toEqual({ ok: false, reason: "invalid" });
      }
      const afterTen = new Date(t0.getTime() + 60_000);
      expect(await signInAdmin("lock@example.test", ADMIN_PASSWORD, {}, afterTen)).toEqual({ ok: false, reason: "locked" });
      expect(await signInAdmin("Lock@Example.test", ADMIN_PASSWORD, {}, afterTen)).toEqual({ ok: false, reason: "locked" });
      // Another administrator is not affected.
      expect(await signInAdmin("other@example.test", ADMIN_PASSWORD, {}, afterTen)).toMatchObject({ ok: true });

      const failures = await t.db.auditEvent.findMany({ where: { action: "auth.signin", outcome: "FAILURE", targetId: "lock@example.test" }, orderBy: { seq: "asc" } });
      expect(failures.map((e) => JSON.parse(e.details).reason)).toEqual([...Array(SIGNIN_FAILURE_LIMIT).fill("invalid"), "locked", "locked"]);

      // Once the last failure is older than the window, the right password works again.
      const later = new Date(afterTen.getTime() + SIGNIN_FAILURE_WINDOW_MS + 1);
      expect(await signInAdmin("lock@example.test", ADMIN_PASSWORD, {}, later)).toMatchObject({ ok: true, admin: { email: "lock@example.test" } });
      expect(await verifyAuditChain()).toMatchObject({ ok: true });
    });
  });
});
