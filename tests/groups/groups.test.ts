// Groups, templates and the issuance rules they drive, through the services on SQLite and
// PostgreSQL, with OpenSSL reading the issued certificates.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, expectInkanError, makeCsr, opensslOk, rowCounts, sha256, useServiceEnvironment, writeTemp } from "../helpers/services";
import { bootstrap } from "../../lib/setup";
import { createAccount, setAccountStatus } from "../../lib/accounts";
import { issueFromCsr, issueWithServerKey, revokeCertificate, previewCsr } from "../../lib/ca";
import {
  addMember, createGroup, deleteGroup, effectiveTemplateForAccount, groupsOfAccount, listGroups, listMembers, removeMember, updateGroup,
  SSL_SERVER_GROUP_KEY, USERS_GROUP_KEY,
} from "../../lib/groups";
import { createTemplate, deleteTemplate, updateTemplate, type TemplateInput } from "../../lib/templates";
import { toPem, PEM_LABEL } from "../../lib/pki";
import type { Db } from "../../lib/db";

const env = useServiceEnvironment();

const SERVER_RULE = /not in the role group "SSL server certificate".*Add the account to the role group "SSL server certificate" on the account page/;

function templateInput(over: Partial<TemplateInput> = {}): TemplateInput {
  return {
    name: "Org client", usage: "CLIENT", subject: {}, keyAlgorithm: "ECDSA-P256", validityDays: 365, keyUsage: [], extendedKeyUsage: [],
    sanDnsFromHostnames: false, sanEmailFromAccount: true, emailInSubject: false, maxValidCertificates: 0, ...over,
  };
}

/** `openssl x509 -subject -dates -ext` of an issued certificate, read back from the database. */
async function opensslView(db: Db, serial: string): Promise<string> {
  const row = await db.certificate.findFirstOrThrow({ where: { serial } });
  const der = Buffer.from(row.certificateDer);
  const file = writeTemp(env.scratch, `g-${sha256(der).slice(0, 12)}.pem`, toPem(PEM_LABEL.CERTIFICATE, der));
  return opensslOk(["x509", "-in", file, "-noout", "-subject", "-nameopt", "RFC2253", "-startdate", "-enddate", "-ext", "subjectAltName,extendedKeyUsage,keyUsage"]);
}

async function builtInGroup(db: Db, key: string) {
  return db.group.findUniqueOrThrow({ where: { builtIn: key }, include: { template: true } });
}

describe.each(PROVIDERS)("groups and templates on %s", (provider) => {
  const t = withTestDatabase(provider);

  beforeAll(async () => {
    await t.reset();
    await bootstrap();
  });

  describe("built-ins", () => {
    it("bootstrap seeds the two templates and two groups once; a second bootstrap changes nothing", async () => {
      const users = await builtInGroup(t.db, USERS_GROUP_KEY);
      const ssl = await builtInGroup(t.db, SSL_SERVER_GROUP_KEY);
      expect({ name: users.name, kind: users.kind, template: users.template?.name, usage: users.template?.usage, eku: users.template?.extendedKeyUsage, key: users.template?.keyAlgorithm, days: users.template?.validityDays })
        .toEqual({ name: "Users", kind: "USER", template: "Client certificate", usage: "CLIENT", eku: '["clientAuth"]', key: "RSA-2048", days: 365 });
      expect({ name: ssl.name, kind: ssl.kind, template: ssl.template?.name, usage: ssl.template?.usage, dns: ssl.template?.sanDnsFromHostnames })
        .toEqual({ name: "SSL server certificate", kind: "ROLE", template: "SSL server certificate", usage: "SERVER", dns: true });
      const snapshot = async () => ({
        groups: await t.db.group.findMany({ orderBy: { id: "asc" } }),
        templates: await t.db.template.findMany({ orderBy: { id: "asc" } }),
        events: await t.db.auditEvent.count(),
      });
      const before = await snapshot();
      expect((await auditEvents(t.db, "group.create")).map((e) => e.details.builtIn).sort()).toEqual(["ssl-server", "users"]);
      await bootstrap();
      expect(await snapshot()).toEqual(before);
    });

    it("a built-in group or template cannot be deleted (clear message, nothing written) but can be edited", async () => {
      const ssl = await builtInGroup(t.db, SSL_SERVER_GROUP_KEY);
      const before = await t.db.auditEvent.count();
      await expectInkanError(deleteGroup(ssl.id, TEST_ACTOR), "UNPROCESSABLE", /"SSL server certificate" is a built-in group and cannot be deleted/);
      await expectInkanError(deleteTemplate(ssl.templateId!, TEST_ACTOR), "UNPROCESSABLE", /built-in template and cannot be deleted/);
      expect(await t.db.auditEvent.count()).toBe(before);
      await updateGroup(ssl.id, { name: "SSL server certificate", kind: "ROLE", description: "Web servers", templateId: ssl.templateId! }, TEST_ACTOR);
      expect((await builtInGroup(t.db, SSL_SERVER_GROUP_KEY)).description).toBe("Web servers");
      await expectInkanError(updateGroup(ssl.id, { name: "SSL server certificate", kind: "USER", templateId: ssl.templateId! }, TEST_ACTOR), "UNPROCESSABLE", /keeps its kind/);
    });
  });

  describe("the role group \"SSL server certificate\"", () => {
    beforeAll(async () => {
      await createAccount({ kind: "server", name: "web-rule", hostnames: ["web-rule.example.test"] }, TEST_ACTOR);
    });

    it("a new server account joins it on creation", async () => {
      const groups = await groupsOfAccount("web-rule");
      expect(groups?.roleGroups.map((g) => g.name)).toEqual(["SSL server certificate"]);
    });

    it("outside it, a server certificate is refused with how to fix it; back inside, issuance works", async () => {
      const ssl = await builtInGroup(t.db, SSL_SERVER_GROUP_KEY);
      await removeMember(ssl.id, "web-rule", TEST_ACTOR);
      expect((await auditEvents(t.db, "group.remove-member", ssl.id)).at(-1)?.details).toEqual({ group: "SSL server certificate", account: "web-rule" });
      const before = await rowCounts(t.db);
      await expectInkanError(issueWithServerKey({ account: "web-rule", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR), "UNPROCESSABLE", SERVER_RULE);
      const csr = makeCsr("p256", { dns: ["web-rule.example.test"] }).pem;
      await expectInkanError(issueFromCsr({ account: "web-rule", csr }, TEST_ACTOR), "UNPROCESSABLE", SERVER_RULE);
      await expectInkanError(previewCsr({ account: "web-rule" }, csr), "UNPROCESSABLE", SERVER_RULE);
      expect(await rowCounts(t.db)).toEqual(before);

      await addMember(ssl.id, "web-rule", TEST_ACTOR);
      const cert = await issueFromCsr({ account: "web-rule", csr }, TEST_ACTOR);
      const view = await opensslView(t.db, cert.serial);
      expect(view).toContain("subject=CN=web-rule.example.test");
      expect(view).toContain("TLS Web Server Authentication");
      expect((await t.db.certificate.findFirstOrThrow({ where: { serial: cert.serial } })).templateId).toBe(ssl.templateId);
    });

    it("adding a member twice or an unknown account is refused clearly", async () => {
      const ssl = await builtInGroup(t.db, SSL_SERVER_GROUP_KEY);
      await expectInkanError(addMember(ssl.id, "web-rule", TEST_ACTOR), "CONFLICT", /already a member/);
      await expectInkanError(addMember(ssl.id, "nobody-here", TEST_ACTOR), "NOT_FOUND", /No account named "nobody-here"/);
    });
  });

  describe("templates decide the certificate", () => {
    it("a user group's template puts its O, OU and DC (in order) into the certificate, with its validity", async () => {
      const tmpl = await createTemplate(templateInput({
        name: "Org JCCH", validityDays: 30,
        subject: { O: { required: ["JCCH Security Solution Systems Co., Ltd."], optional: [] }, OU: { required: ["Support"], optional: [] }, DC: { required: ["local"], optional: ["support2"] } },
      }), TEST_ACTOR);
      const group = await createGroup({ name: "JCCH staff", kind: "USER", templateId: tmpl.id }, TEST_ACTOR);
      await createAccount({ kind: "user", name: "hanako", email: "hanako@example.test" }, TEST_ACTOR);
      await addMember(group.id, "hanako", TEST_ACTOR);

      const eff = await effectiveTemplateForAccount({ id: (await t.db.account.findUniqueOrThrow({ where: { name: "hanako" } })).id, kind: "USER" });
      expect(eff.subject.map((f) => [f.key, f.source.groupName])).toEqual([["DC", "JCCH staff"], ["O", "JCCH staff"], ["OU", "JCCH staff"]]);

      const now = new Date();
      const keyCert = await issueWithServerKey({ account: "hanako" }, TEST_ACTOR, now);
      expect(keyCert.keyAlgorithm).toBe("ECDSA-P256"); // the template's key algorithm when none is named
      const view = await opensslView(t.db, keyCert.serial);
      expect(view).toContain("subject=CN=hanako,OU=Support,O=JCCH Security Solution Systems Co.\\, Ltd.,DC=local");
      expect(view).toContain("email:hanako@example.test");
      expect(view).toContain("TLS Web Client Authentication");
      expect(keyCert.notAfter.getTime() - now.getTime()).toBe(30 * 86_400_000);

      // A CSR may pick the template's optional DC value, and nothing else.
      const csrCert = await issueFromCsr({ account: "hanako", csr: makeCsr("p256", { subject: "/DC=local/DC=support2/O=Other/CN=root" }).pem }, TEST_ACTOR);
      expect(await opensslView(t.db, csrCert.serial)).toContain("subject=CN=hanako,OU=Support,O=JCCH Security Solution Systems Co.\\, Ltd.,DC=support2,DC=local");
    });

    it("the maximum of valid certificates per account is enforced, and a revocation frees a slot", async () => {
      const tmpl = await createTemplate(templateInput({ name: "One only", maxValidCertificates: 1 }), TEST_ACTOR);
      const group = await createGroup({ name: "Limited", kind: "ROLE", templateId: tmpl.id }, TEST_ACTOR);
      await createAccount({ kind: "user", name: "taro", email: "taro@example.test" }, TEST_ACTOR);
      await addMember(group.id, "taro", TEST_ACTOR);
      const first = await issueWithServerKey({ account: "taro" }, TEST_ACTOR);
      const before = await rowCounts(t.db);
      await expectInkanError(issueWithServerKey({ account: "taro" }, TEST_ACTOR), "UNPROCESSABLE",
        /"taro" already holds 1 valid certificate, the most its template "One only" \(from the group "Limited"\) allows\. Revoke/);
      expect(await rowCounts(t.db)).toEqual(before);
      await revokeCertificate({ serial: first.serial, reason: "superseded" }, TEST_ACTOR);
      await issueWithServerKey({ account: "taro" }, TEST_ACTOR);
    });

    it("issuances that arrive together are read and written together, yet each gets its own template, limit and refusal", async () => {
      const two = await createTemplate(templateInput({ name: "Two only", maxValidCertificates: 2, validityDays: 40 }), TEST_ACTOR);
      const other = await createTemplate(templateInput({ name: "Ninety days", validityDays: 90 }), TEST_ACTOR);
      const twoGroup = await createGroup({ name: "Two group", kind: "ROLE", templateId: two.id }, TEST_ACTOR);
      const otherGroup = await createGroup({ name: "Ninety group", kind: "ROLE", templateId: other.id }, TEST_ACTOR);
      await createAccount({ kind: "user", name: "batch-limited", email: "l@example.test" }, TEST_ACTOR);
      await createAccount({ kind: "user", name: "batch-free", email: "f@example.test" }, TEST_ACTOR);
      await createAccount({ kind: "user", name: "batch-off", email: "o@example.test" }, TEST_ACTOR);
      await createAccount({ kind: "server", name: "batch.example.test", hostnames: ["batch.example.test"] }, TEST_ACTOR);
      await addMember(twoGroup.id, "batch-limited", TEST_ACTOR);
      await addMember(otherGroup.id, "batch-free", TEST_ACTOR);
      await setAccountStatus("batch-off", "DISABLED", TEST_ACTOR);
      const server = await t.db.group.findUniqueOrThrow({ where: { builtIn: SSL_SERVER_GROUP_KEY } });
      await removeMember(server.id, "batch.example.test", TEST_ACTOR);
      const before = await rowCounts(t.db);

      // All in flight at once: one read batch and one write transaction (GroupCommit) for most of them.
      const csr = makeCsr("p256").pem;
      const names = ["batch-limited", "batch-free", "batch-limited", "nobody-here", "batch-limited", "batch-off", "batch-free", "batch-limited", "batch.example.test"];
      const results = await Promise.allSettled(names.map((account) => issueFromCsr({ account, csr }, TEST_ACTOR)));
      const outcome = results.map((r, i) => (r.status === "fulfilled" ? `${names[i]}: ${Math.round((r.value.notAfter.getTime() - r.value.notBefore.getTime()) / 86_400_000)} days` : `${names[i]}: ${(r.reason as Error).message}`));
      const limited = outcome.filter((o) => o.startsWith("batch-limited:"));
      expect(limited.filter((o) => o === "batch-limited: 40 days")).toHaveLength(2);
      expect(limited.filter((o) => /already holds 2 valid certificates, the most its template "Two only" \(from the group "Two group"\) allows/.test(o))).toHaveLength(2);
      expect(outcome.filter((o) => o.startsWith("batch-free:"))).toEqual(["batch-free: 90 days", "batch-free: 90 days"]);
      expect(outcome.find((o) => o.startsWith("nobody-here:"))).toMatch(/No account named "nobody-here"/);
      expect(outcome.find((o) => o.startsWith("batch-off:"))).toMatch(/"batch-off" is disabled; enable it before issuing/);
      expect(outcome.find((o) => o.startsWith("batch.example.test:"))).toMatch(SERVER_RULE);

      // Exactly the four admitted certificates and their four events were written.
      const after = await rowCounts(t.db);
      expect(after.certificates - before.certificates).toBe(4);
      expect(after.auditEvents - before.auditEvents).toBe(4);
      await addMember(server.id, "batch.example.test", TEST_ACTOR);
    });

    it("bad template input is refused with the field's problem and writes nothing", async () => {
      const before = await rowCounts(t.db);
      await expectInkanError(createTemplate(templateInput({ name: "Bad C", subject: { C: { required: ["jp"], optional: [] } } }), TEST_ACTOR), "VALIDATION", /C "jp": Country "jp" must be a two-letter ISO 3166 code in capitals/);
      await expectInkanError(createTemplate(templateInput({ name: "Bad days", validityDays: 0 }), TEST_ACTOR), "VALIDATION", /at least 1 day/);
      await expectInkanError(createTemplate(templateInput({ name: "Org JCCH" }), TEST_ACTOR), "CONFLICT", /template named "Org JCCH" already exists/);
      expect(await rowCounts(t.db)).toEqual(before);
    });

    it("a template attached to a group cannot be deleted until detached; editing it changes later certificates", async () => {
      const tmpl = await createTemplate(templateInput({ name: "Temp" }), TEST_ACTOR);
      const group = await createGroup({ name: "Temp group", kind: "USER", templateId: tmpl.id }, TEST_ACTOR);
      await expectInkanError(deleteTemplate(tmpl.id, TEST_ACTOR), "CONFLICT", /attached to "Temp group"/);
      await updateTemplate(tmpl.id, templateInput({ name: "Temp", validityDays: 7 }), TEST_ACTOR);
      expect((await t.db.template.findUniqueOrThrow({ where: { id: tmpl.id } })).validityDays).toBe(7);
      await updateGroup(group.id, { name: "Temp group", kind: "USER", templateId: "" }, TEST_ACTOR);
      await deleteTemplate(tmpl.id, TEST_ACTOR);
      expect(await t.db.template.count({ where: { id: tmpl.id } })).toBe(0);
    });
  });

  describe("group lifecycle", () => {
    it("deleting a group removes memberships, never accounts; every change is audited", async () => {
      const group = await createGroup({ name: "Short-lived", kind: "USER" }, TEST_ACTOR);
      for (const name of ["m1", "m2", "m3"]) {
        await createAccount({ kind: "user", name }, TEST_ACTOR);
        await addMember(group.id, name, TEST_ACTOR);
      }
      const page1 = await listMembers(group.id, { limit: 2 });
      const page2 = await listMembers(group.id, { limit: 2, cursor: page1.nextCursor! });
      expect([...page1.items, ...page2.items].map((m) => m.name).sort()).toEqual(["m1", "m2", "m3"]);
      expect(page2.nextCursor).toBeNull();
      expect((await listGroups()).find((g) => g.id === group.id)?.memberCount).toBe(3);

      const accounts = await t.db.account.count();
      await deleteGroup(group.id, TEST_ACTOR);
      expect(await t.db.account.count()).toBe(accounts);
      expect(await t.db.groupMembership.count({ where: { groupId: group.id } })).toBe(0);
      expect((await auditEvents(t.db, "group.delete", group.id))[0].details).toEqual({ name: "Short-lived", kind: "USER", members: 3 });
      expect(await auditEvents(t.db, "group.add-member", group.id)).toHaveLength(3);
      await expectInkanError(createGroup({ name: "Users", kind: "USER" }, TEST_ACTOR), "CONFLICT", /group named "Users" already exists/);
    });
  });
});
