// Editing, disabling and deleting accounts through the services on SQLite and PostgreSQL,
// with each change audited and OpenSSL as the oracle for the CRL after a delete with revoke.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import {
  TEST_ACTOR, auditEvents, createTestAuthority, expectInkanError, makeCsr, opensslOk, rowCounts, sha256, useServiceEnvironment,
  verifyWithOpenssl, writeCaFile, writeTemp,
} from "../helpers/services";
import { createAccount, deleteAccount, findAccountByName, listAccounts, setAccountStatus, updateAccount } from "../../lib/accounts";
import { currentCrl, getCertificate, issueFromCsr, issueWithServerKey, revokeCertificate } from "../../lib/ca";
import { ensureDefaultUa, signInUaUser } from "../../lib/enrollment";
import { parseCrl, toPem, PEM_LABEL } from "../../lib/pki";

const env = useServiceEnvironment();
const UA_PASSWORD = "ua-password-123";
const meta = { ip: "198.51.100.9", userAgent: "vitest" };

describe.each(PROVIDERS)("account management on %s", (provider) => {
  const t = withTestDatabase(provider);
  let n = 0;
  const unique = (p: string) => `${p}-${++n}`;

  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
    await ensureDefaultUa("ia1", TEST_ACTOR);
  });

  describe("edit", () => {
    it("replaces host names with validated, lowercased, de-duplicated FQDNs used as DNS SANs, and audits old and new", async () => {
      const name = unique("web");
      await createAccount({ kind: "server", name, hostnames: ["old.example.test"] }, TEST_ACTOR);
      const { account, changed } = await updateAccount(name, { hostnames: ["WWW.Example.Test", "api.example.test", "www.example.test"], displayName: "Web front" }, TEST_ACTOR);
      expect(changed.sort()).toEqual(["displayName", "hostnames"]);
      expect(account.hostnames).toEqual(["www.example.test", "api.example.test"]);
      const cert = await issueFromCsr({ account: name, csr: makeCsr("p256").pem }, TEST_ACTOR);
      expect(cert.sans).toEqual(["DNS:www.example.test", "DNS:api.example.test"]);
      const text = opensslOk(["x509", "-noout", "-ext", "subjectAltName"], { input: toPem(PEM_LABEL.CERTIFICATE, (await getCertificate(cert.serial)).certificateDer) });
      expect(text).toMatch(/DNS:www\.example\.test, DNS:api\.example\.test/);
      const events = await auditEvents(t.db, "account.update", name);
      expect(events.map((e) => e.details)).toEqual([{
        displayName: { from: null, to: "Web front" },
        hostnames: { from: ["old.example.test"], to: ["www.example.test", "api.example.test"] },
      }]);
      // The list finds the account by its new host name, no longer by the old one.
      expect((await listAccounts({ q: "api.example.test" })).items.map((a) => a.name)).toContain(name);
      expect((await listAccounts({ q: "old.example.test" })).items.map((a) => a.name)).not.toContain(name);
    });

    it("refuses bad input with a message per field and writes nothing", async () => {
      const server = unique("srv");
      const user = unique("usr");
      await createAccount({ kind: "server", name: server, hostnames: ["a.example.test"] }, TEST_ACTOR);
      await createAccount({ kind: "user", name: user }, TEST_ACTOR);
      const before = await rowCounts(t.db);
      await expectInkanError(updateAccount(server, { hostnames: ["bad_host!.example"] }, TEST_ACTOR), "VALIDATION", /Host names use letters, digits, hyphens and dots/);
      await expectInkanError(updateAccount(server, { hostnames: [] }, TEST_ACTOR), "VALIDATION", /A server account needs at least one host name/);
      await expectInkanError(updateAccount(user, { hostnames: ["x.example.test"] }, TEST_ACTOR), "VALIDATION", /Only server accounts carry host names/);
      await expectInkanError(updateAccount(user, { email: "not-an-address" }, TEST_ACTOR), "VALIDATION", /Enter a valid e-mail address/);
      await expectInkanError(updateAccount(user, { uaPassword: "short" }, TEST_ACTOR), "VALIDATION", /at least 8 characters/);
      await expectInkanError(updateAccount(server, { uaPassword: "long-enough-1" }, TEST_ACTOR), "VALIDATION", /server accounts have no UA password/);
      await expectInkanError(updateAccount(user, { name: "renamed" } as never, TEST_ACTOR), "VALIDATION", /Unrecognized key/);
      await expectInkanError(updateAccount("nobody-here", { displayName: "x" }, TEST_ACTOR), "NOT_FOUND", /No account named "nobody-here"/);
      expect(await rowCounts(t.db)).toEqual(before);
    });

    it("resets the UA password: the new one signs in, the old one no longer does, and the audit says only that it was reset", async () => {
      const name = unique("pw");
      await createAccount({ kind: "user", name, uaPassword: UA_PASSWORD }, TEST_ACTOR);
      await updateAccount(name, { uaPassword: "brand-new-password" }, TEST_ACTOR);
      expect((await signInUaUser("default", { userId: name, password: UA_PASSWORD }, meta)).ok).toBe(false);
      expect((await signInUaUser("default", { userId: name, password: "brand-new-password" }, meta)).ok).toBe(true);
      const [event] = await auditEvents(t.db, "account.update", name);
      expect(event.details).toEqual({ uaLogin: "reset" });
      expect(JSON.stringify(event)).not.toContain("brand-new-password");
    });
  });

  describe("disable and enable", () => {
    it("a disabled account cannot sign in at its UA nor get a certificate; enabled again, it can; each change audited once", async () => {
      const name = unique("dis");
      await createAccount({ kind: "user", name, email: `${name}@example.test`, uaPassword: UA_PASSWORD }, TEST_ACTOR);
      await setAccountStatus(name, "DISABLED", TEST_ACTOR);
      await setAccountStatus(name, "DISABLED", TEST_ACTOR); // already disabled: no second event
      expect((await findAccountByName(name))?.status).toBe("DISABLED");
      expect(await signInUaUser("default", { userId: name, password: UA_PASSWORD }, meta)).toEqual({ ok: false, reason: "disabled" });
      await expectInkanError(issueWithServerKey({ account: name, keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR), "CONFLICT", /is disabled; enable it before issuing/);
      await setAccountStatus(name, "ACTIVE", TEST_ACTOR);
      expect((await signInUaUser("default", { userId: name, password: UA_PASSWORD }, meta)).ok).toBe(true);
      await issueWithServerKey({ account: name, keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
      expect((await auditEvents(t.db, "account.disable", name)).length).toBe(1);
      expect((await auditEvents(t.db, "account.enable", name)).length).toBe(1);
    });
  });

  describe("delete", () => {
    it("with revoke: every certificate still issued is revoked (cessationOfOperation) and the republished CRL lists them, as OpenSSL reads it", async () => {
      const name = unique("gone");
      await createAccount({ kind: "server", name, hostnames: [`${name}.example.test`] }, TEST_ACTOR);
      const a = await issueFromCsr({ account: name, csr: makeCsr("p256").pem }, TEST_ACTOR);
      const b = await issueWithServerKey({ account: name, keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
      const earlier = await issueFromCsr({ account: name, csr: makeCsr("p256").pem }, TEST_ACTOR);
      await revokeCertificate({ serial: earlier.serial, reason: "superseded" }, TEST_ACTOR);
      const crlBefore = (await currentCrl("ia1"))!.number;

      const result = await deleteAccount(name, "revoke", TEST_ACTOR);
      expect(result.revoked.sort()).toEqual([a.serial, b.serial].sort());

      const crl = (await currentCrl("ia1"))!;
      expect(crl.number).toBeGreaterThan(crlBefore);
      const file = writeTemp(env.scratch, `crl-${sha256(crl.der).slice(0, 8)}.pem`, toPem(PEM_LABEL.X509_CRL, crl.der));
      const text = opensslOk(["crl", "-in", file, "-noout", "-text"]);
      for (const serial of [a.serial, b.serial]) {
        const at = text.indexOf(`Serial Number: ${serial.toUpperCase()}`);
        expect(at, `${serial} missing from the CRL`).toBeGreaterThan(-1);
        expect(text.slice(at, at + 300)).toMatch(/X509v3 CRL Reason Code: *\n *Cessation Of Operation/);
      }
      const caFile = await writeCaFile(env.scratch);
      const verdict = verifyWithOpenssl(env.scratch, caFile, (await getCertificate(a.serial)).certificateDer, "sslserver", file);
      expect(verdict.output).toMatch(/certificate revoked/);
      // The earlier revocation keeps its own reason; the server-held key is gone.
      expect([...parseCrl(crl.der).entries()].find((e) => e.serialHex === earlier.serial)?.reason).toBe("superseded");
      expect(await t.db.certificate.findFirst({ where: { serial: b.serial }, select: { privateKeyEncrypted: true } })).toEqual({ privateKeyEncrypted: null });

      const account = await findAccountByName(name);
      expect(account).toMatchObject({ status: "DELETED", deletedAt: expect.any(Date) });
      const [event] = await auditEvents(t.db, "account.delete", name);
      expect(event.details).toMatchObject({ certificates: "revoke", kept: [] });
      expect((await auditEvents(t.db, "certificate.revoke", a.serial))[0].details).toMatchObject({ reason: "cessationOfOperation", cause: "account.delete", account: name });
    });

    it("with keep: the certificates stay valid, listed under the deleted account and revocable; the account can no longer sign in or be re-created", async () => {
      const name = unique("kept");
      await createAccount({ kind: "user", name, email: `${name}@example.test`, uaPassword: UA_PASSWORD }, TEST_ACTOR);
      const group = await t.db.group.create({ data: { kind: "USER", name: unique("grp") } });
      await t.db.groupMembership.create({ data: { groupId: group.id, accountId: (await findAccountByName(name))!.id } });
      const cert = await issueWithServerKey({ account: name, keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
      const crlBefore = (await currentCrl("ia1"))!.number;

      expect(await deleteAccount(name, "keep", TEST_ACTOR)).toEqual({ name, certificates: "keep", revoked: [], kept: 1 });
      expect((await currentCrl("ia1"))!.number).toBe(crlBefore);
      expect(await getCertificate(cert.serial)).toMatchObject({ status: "ISSUED", accountName: name });
      expect(await t.db.groupMembership.count({ where: { groupId: group.id } })).toBe(0);
      expect((await listAccounts({ status: "DELETED", q: name })).items.map((a) => a.name)).toEqual([name]);
      expect((await listAccounts({ q: name })).items).toEqual([]);

      expect(await signInUaUser("default", { userId: name, password: UA_PASSWORD }, meta)).toMatchObject({ ok: false });
      await expectInkanError(issueWithServerKey({ account: name }, TEST_ACTOR), "CONFLICT", /was deleted; it gets no new certificates/);
      await expectInkanError(createAccount({ kind: "user", name }, TEST_ACTOR), "CONFLICT", /belonged to a deleted account/);
      await expectInkanError(updateAccount(name, { displayName: "x" }, TEST_ACTOR), "CONFLICT", /is deleted/);
      await expectInkanError(deleteAccount(name, "revoke", TEST_ACTOR), "CONFLICT", /already deleted/);

      // A kept certificate is still revocable later.
      expect((await revokeCertificate({ serial: cert.serial, reason: "keyCompromise" }, TEST_ACTOR)).status).toBe("REVOKED");
      expect((await auditEvents(t.db, "account.delete", name))[0].details).toEqual({ certificates: "keep", revoked: [], kept: [cert.serial] });
    });

    it("refuses an unknown certificates choice and writes nothing", async () => {
      const name = unique("choice");
      await createAccount({ kind: "user", name }, TEST_ACTOR);
      const before = await rowCounts(t.db);
      await expectInkanError(deleteAccount(name, "maybe" as never, TEST_ACTOR), "VALIDATION", /"revoke".*"keep"/);
      expect(await rowCounts(t.db)).toEqual(before);
      expect((await findAccountByName(name))?.status).toBe("ACTIVE");
    });
  });
});
