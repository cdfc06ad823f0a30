// Bulk issuance for a group, through the service on SQLite and PostgreSQL: exact per-member
// results, every issued certificate verified by OpenSSL against the CA, idempotent re-run,
// template limits, and the audit trail.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, expectInkanError, rowCounts, useServiceEnvironment, verifyWithOpenssl, writeCaFile } from "../helpers/services";
import { bootstrap } from "../../lib/setup";
import { createAccount, setAccountStatus } from "../../lib/accounts";
import { issueForGroup, issueWithServerKey, type BulkIssueProgress, type BulkIssueResult } from "../../lib/ca";
import { addMember, createGroup, removeMember, SSL_SERVER_GROUP_KEY } from "../../lib/groups";
import { createTemplate } from "../../lib/templates";

const env = useServiceEnvironment();

const SERVER_RULE = /not in the role group "SSL server certificate".*Add the account to the role group "SSL server certificate"/;
const USERS = Array.from({ length: 10 }, (_, i) => `bulk-u${String(i + 1).padStart(2, "0")}`);
const DISABLED = "bulk-disabled";
const SERVER = "bulk-web";
const HOLDER = USERS[1];

/** Outcome per account, as a plain map, for exact comparison. */
function byAccount(result: BulkIssueResult) {
  return Object.fromEntries(result.members.map((m) => [m.account, m.outcome]));
}

describe.each(PROVIDERS)("bulk issuance for a group on %s", (provider) => {
  const t = withTestDatabase(provider);
  let groupId = "";

  beforeAll(async () => {
    await t.reset();
    await bootstrap();
    const tmpl = await createTemplate({
      name: "Bulk client", usage: "CLIENT", subject: { O: { required: ["Inkan Bulk"], optional: [] } }, keyAlgorithm: "ECDSA-P256", validityDays: 90,
      keyUsage: [], extendedKeyUsage: [], sanDnsFromHostnames: false, sanEmailFromAccount: false, emailInSubject: false, maxValidCertificates: 1,
    }, TEST_ACTOR);
    const group = await createGroup({ name: "Bulk team", kind: "USER", templateId: tmpl.id }, TEST_ACTOR);
    groupId = group.id;
    for (const name of [...USERS, DISABLED]) {
      await createAccount({ kind: "user", name }, TEST_ACTOR);
      await addMember(group.id, name, TEST_ACTOR);
    }
    await setAccountStatus(DISABLED, "DISABLED", TEST_ACTOR);
    // A server account outside the role group "SSL server certificate": the server rule refuses it.
    await createAccount({ kind: "server", name: SERVER, hostnames: ["bulk-web.example.test"] }, TEST_ACTOR);
    await addMember(group.id, SERVER, TEST_ACTOR);
    const ssl = await t.db.group.findUniqueOrThrow({ where: { builtIn: SSL_SERVER_GROUP_KEY } });
    await removeMember(ssl.id, SERVER, TEST_ACTOR);
    await issueWithServerKey({ account: HOLDER }, TEST_ACTOR);
  });

  it("issues one certificate per active member without one, skips the holder, reports the server rule, streams progress", async () => {
    const before = await rowCounts(t.db);
    const issuedEventsBefore = (await auditEvents(t.db, "certificate.issue")).length;
    const progress: BulkIssueProgress[] = [];
    const result = await issueForGroup(groupId, { onlyWithoutValidCertificate: true }, TEST_ACTOR, (p) => progress.push(p));

    const expected = Object.fromEntries([...USERS.map((u) => [u, u === HOLDER ? "skipped" : "issued"]), [SERVER, "failed"]]);
    expect(byAccount(result)).toEqual(expected);
    expect(result.members).toHaveLength(11); // the disabled member is not part of the run
    expect(result.total).toBe(11);
    expect(result.counts).toEqual({ issued: 9, skipped: 1, failed: 1 });
    expect(result.members.find((m) => m.account === SERVER)?.message).toMatch(SERVER_RULE);
    expect(result.members.find((m) => m.account === HOLDER)?.message).toMatch(/already holds a valid certificate/i);

    expect(progress[0]).toEqual({ type: "progress", done: 0, total: 11 });
    expect(progress.filter((p) => p.type === "progress").map((p) => (p as { done: number }).done)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(progress.at(-1)).toEqual({ type: "done", result });

    // Every issued certificate is in the database for its account and verifies against the CA.
    const caFile = await writeCaFile(env.scratch);
    const issued = result.members.filter((m) => m.outcome === "issued");
    expect(new Set(issued.map((m) => m.serial)).size).toBe(9);
    for (const m of issued) {
      const row = await t.db.certificate.findFirstOrThrow({ where: { serial: m.serial }, include: { account: true } });
      expect(row.account.name).toBe(m.account);
      expect(row.source).toBe("KEYGEN");
      expect(row.privateKeyEncrypted).not.toBeNull(); // kept sealed for PKCS#12 delivery
      const verdict = verifyWithOpenssl(env.scratch, caFile, Buffer.from(row.certificateDer), "sslclient");
      expect(verdict.output).toContain(": OK");
      expect(verdict.code).toBe(0);
    }
    expect(await t.db.certificate.count({ where: { account: { name: { in: [DISABLED, SERVER] } } } })).toBe(0);

    // One issuance event per certificate plus one summary event.
    const after = await rowCounts(t.db);
    expect(after.certificates - before.certificates).toBe(9);
    expect((await auditEvents(t.db, "certificate.issue")).length - issuedEventsBefore).toBe(9);
    const summary = await auditEvents(t.db, "group.bulk-issue", groupId);
    expect(summary).toHaveLength(1);
    expect(summary[0].details).toEqual({ group: "Bulk team", total: 11, issued: 9, skipped: 1, failed: 1, keyAlgorithm: "template", onlyWithoutValidCertificate: true });
    expect(after.auditEvents - before.auditEvents).toBe(10);
  });

  it("a re-run that skips holders issues nothing new", async () => {
    const before = await rowCounts(t.db);
    const result = await issueForGroup(groupId, { onlyWithoutValidCertificate: true }, TEST_ACTOR);
    expect(result.counts).toEqual({ issued: 0, skipped: 10, failed: 1 });
    const after = await rowCounts(t.db);
    expect(after.certificates).toBe(before.certificates);
    expect(after.auditEvents - before.auditEvents).toBe(1);
    expect(await auditEvents(t.db, "group.bulk-issue", groupId)).toHaveLength(2);
  });

  it("without skipping, the template's maximum of valid certificates refuses each member with its message", async () => {
    const before = await rowCounts(t.db);
    const result = await issueForGroup(groupId, { keyAlgorithm: "ECDSA-P384", onlyWithoutValidCertificate: false }, TEST_ACTOR);
    expect(result.counts).toEqual({ issued: 0, skipped: 0, failed: 11 });
    for (const u of USERS) {
      expect(result.members.find((m) => m.account === u)?.message).toMatch(/already holds 1 valid certificate, the most its template "Bulk client" \(from the group "Bulk team"\) allows/);
    }
    expect((await rowCounts(t.db)).certificates).toBe(before.certificates);
    expect((await auditEvents(t.db, "group.bulk-issue", groupId)).at(-1)?.details).toMatchObject({ failed: 11, keyAlgorithm: "ECDSA-P384" });
  });

  it("refuses an unknown group or a bad key algorithm clearly, writing nothing", async () => {
    const before = await rowCounts(t.db);
    await expectInkanError(issueForGroup("no-such-group", { onlyWithoutValidCertificate: true }, TEST_ACTOR), "NOT_FOUND", /No such group/);
    await expectInkanError(issueForGroup(groupId, { keyAlgorithm: "DSA-1024" as never, onlyWithoutValidCertificate: true }, TEST_ACTOR), "VALIDATION", /Choose a key algorithm: .*ECDSA-P256/);
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
