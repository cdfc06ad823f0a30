// ACM import/export against the local ACM endpoint, and the scheduled refresh with its lease,
// on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, createTestAuthority, expectInkanError, useServiceEnvironment } from "../helpers/services";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { createAuthority, issueWithServerKey, issueFromCsr } from "../../lib/ca";
import { createAdmin } from "../../lib/auth";
import { getDb } from "../../lib/db";
import { acquireLease, checkAcmRules, deployTarget, exportForAcm, getTarget, importToAcm, listRuns, refreshDueTargets, releaseLease } from "../../lib/deploy";
import { BUCKET, FAST_RETRY, ensureAccount, makeTarget, revokeOne } from "./helpers";
import { makeCsr } from "../helpers/services";

useServiceEnvironment();

const HOUR = 3_600_000;

describe.each(PROVIDERS)("ACM and the scheduled refresh on %s", (provider) => {
  withTestDatabase(provider);
  let aws: LocalAws;

  beforeAll(async () => {
    aws = await startLocalAws({ buckets: [BUCKET] });
    await createTestAuthority();
  });
  afterAll(() => aws?.stop());

  it("imports a server certificate with its key and chain, and re-imports a renewal into the same ARN", async () => {
    const target = await makeTarget(aws);
    await ensureAccount("alb1");
    const first = await issueWithServerKey({ account: "alb1", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
    const imported = await importToAcm(first.serial, target.name, TEST_ACTOR, { retry: FAST_RETRY });
    expect(imported.reimported).toBe(false);
    const stored = aws.acm.certificate(imported.certificateArn)!;
    expect(stored.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(stored.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(stored.chain).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const renewal = await issueWithServerKey({ account: "alb1", keyAlgorithm: "RSA-2048" }, TEST_ACTOR);
    const again = await importToAcm(renewal.serial, target.name, TEST_ACTOR, { retry: FAST_RETRY });
    expect(again).toEqual({ certificateArn: imported.certificateArn, reimported: true });
    expect(aws.acm.certificate(imported.certificateArn)!.importCount).toBe(2);
    expect(aws.acm.certificates()).toHaveLength(1);
    const events = await auditEvents(getDb(), "deploy.acm.import");
    expect(events.map((e) => e.details.reimport)).toEqual([false, true]);
    expect(JSON.stringify(events)).not.toContain("PRIVATE KEY");
  });

  it("checks the ACM rules first, with clear messages", async () => {
    const target = await makeTarget(aws);
    await ensureAccount("alb2");
    const fromCsr = await issueFromCsr({ account: "alb2", csr: makeCsr("p256", { dns: ["alb2.example.test"] }).pem }, TEST_ACTOR);
    await expectInkanError(importToAcm(fromCsr.serial, target.name, TEST_ACTOR), "UNPROCESSABLE", /does not hold the key .* issued from a CSR/);
    const cert = await issueWithServerKey({ account: "alb2", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
    await expectInkanError(importToAcm(cert.serial, target.name, TEST_ACTOR, { now: new Date(cert.notAfter.getTime() + HOUR) }), "UNPROCESSABLE", /expired on .* currently valid/);
    await expectInkanError(importToAcm(cert.serial, target.name, TEST_ACTOR, { now: new Date(cert.notBefore.getTime() - HOUR) }), "UNPROCESSABLE", /not valid before/);
    expect(aws.acm.certificates().filter((c) => c.certificate.includes(cert.serial))).toEqual([]);
  });

  it("refuses a key over 5 KB, a key of another certificate, and non-PEM input", async () => {
    await ensureAccount("alb3");
    const cert = await issueWithServerKey({ account: "alb3", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
    const admin = await createAdmin({ email: "acm-admin@example.test", role: "ADMIN", password: "correct horse battery" }, TEST_ACTOR);
    const actor = { ...TEST_ACTOR, id: admin.id, label: "acm-admin@example.test" };
    const pems = await exportForAcm(cert.serial, actor, "correct horse battery");
    const now = new Date();
    const ia1 = { slug: "ia1", keyAlgorithm: "RSA-2048" };
    expect(() => checkAcmRules({ ...pems, privateKey: pems.privateKey + "A".repeat(5200) }, now, ia1)).toThrow(/ACM accepts at most 5120 bytes/);
    const other = await issueWithServerKey({ account: "alb3", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
    const otherPems = await exportForAcm(other.serial, actor, "correct horse battery");
    expect(() => checkAcmRules({ ...pems, privateKey: otherPems.privateKey }, now, ia1)).toThrow(/does not belong to the certificate/);
    expect(() => checkAcmRules({ ...pems, certificate: "MIIB..." }, now, ia1)).toThrow(/one PEM CERTIFICATE block/);
  });

  it("refuses a certificate its CA's key (of the recorded algorithm) did not sign; imports an RSA leaf of an ECDSA CA", async () => {
    await createAuthority({ slug: "ec1", subject: "CN=Inkan Test CA ec1,O=Inkan Tests", keyAlgorithm: "ECDSA-P256", validityDays: 3650, crlValidityHours: 168 }, TEST_ACTOR);
    const target = await makeTarget(aws);
    await ensureAccount("alb5");
    const admin = await createAdmin({ email: "acm-ca@example.test", role: "ADMIN", password: "a password for acm" }, TEST_ACTOR);
    const actor = { ...TEST_ACTOR, id: admin.id, label: "acm-ca@example.test" };
    const fromEc = await issueWithServerKey({ account: "alb5", ca: "ec1", keyAlgorithm: "RSA-2048" }, TEST_ACTOR);
    const fromRsa = await issueWithServerKey({ account: "alb5", ca: "ia1", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
    const ecPems = await exportForAcm(fromEc.serial, actor, "a password for acm");
    const rsaPems = await exportForAcm(fromRsa.serial, actor, "a password for acm");
    const now = new Date();
    // Signed by ia1's RSA key, sent with ec1's chain.
    expect(() => checkAcmRules({ ...rsaPems, chain: ecPems.chain }, now, { slug: "ec1", keyAlgorithm: "ECDSA-P256" }))
      .toThrow(/signed with sha256WithRSAEncryption, not by the ECDSA-P256 key of CA ec1/);
    // The record and the chain disagree on the CA's key algorithm.
    expect(() => checkAcmRules(rsaPems, now, { slug: "ia1", keyAlgorithm: "ECDSA-P384" }))
      .toThrow(/chain's CA certificate has a RSA-2048 key, but CA ia1 is recorded with ECDSA-P384/);
    // importToAcm checks against the CA row it loads.
    const ia1 = await getDb().certificateAuthority.update({ where: { slug: "ia1" }, data: { keyAlgorithm: "ECDSA-P384" } });
    try {
      await expectInkanError(importToAcm(fromRsa.serial, target.name, TEST_ACTOR, { retry: FAST_RETRY }), "UNPROCESSABLE", /CA ia1 is recorded with ECDSA-P384/);
    } finally {
      await getDb().certificateAuthority.update({ where: { id: ia1.id }, data: { keyAlgorithm: "RSA-2048" } });
    }
    expect(aws.acm.certificates().filter((c) => c.certificate === rsaPems.certificate)).toEqual([]);
    const imported = await importToAcm(fromEc.serial, target.name, TEST_ACTOR, { retry: FAST_RETRY });
    expect(aws.acm.certificate(imported.certificateArn)).toMatchObject({ certificate: ecPems.certificate, chain: ecPems.chain });
  });

  it("exports the three PEMs only after the administrator re-types the password, audited without the key", async () => {
    await ensureAccount("alb4");
    const cert = await issueWithServerKey({ account: "alb4", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
    const admin = await createAdmin({ email: "exporter@example.test", role: "ADMIN", password: "another long password" }, TEST_ACTOR);
    const actor = { ...TEST_ACTOR, id: admin.id, label: "exporter@example.test" };
    await expectInkanError(exportForAcm(cert.serial, actor, "wrong password!"), "UNAUTHENTICATED", /password is wrong/);
    await expectInkanError(exportForAcm(cert.serial, { kind: "api", id: "t", label: "token", role: "ADMIN" }, "x"), "FORBIDDEN", /API tokens cannot/);
    const pems = await exportForAcm(cert.serial, actor, "another long password");
    expect(pems.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const events = await auditEvents(getDb(), "deploy.acm.export", cert.serial);
    expect(events.map((e) => e.outcome)).toEqual(["FAILURE", "SUCCESS"]);
    expect(JSON.stringify(events)).not.toMatch(/PRIVATE KEY|another long password/);
  });

  it("the scheduled refresh deploys after a revocation, once, and exactly one instance runs it", async () => {
    const target = await makeTarget(aws);
    await deployTarget(target.name, TEST_ACTOR, { retry: FAST_RETRY });
    const serial = await revokeOne("sched");
    const later = new Date(Date.now() + 2 * 60_000);
    // Two instances tick at the same moment: one lease, one run.
    const [a, b] = await Promise.all([
      refreshDueTargets(later, { holder: "instance-a", deploy: { retry: FAST_RETRY } }),
      refreshDueTargets(later, { holder: "instance-b", deploy: { retry: FAST_RETRY } }),
    ]);
    const runs = [...a, ...b].filter((r) => r.targetName === target.name);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "REVOCATION", actor: "scheduler", status: "SUCCEEDED" });
    const store = aws.elbv2.trustStore((await getTarget(target.name)).trustStoreArn!)!;
    expect(store.revocations).toHaveLength(1);
    expect(store.revocations[0].serials).toContain(serial);
    // Nothing new: the next tick does nothing for this target.
    const again = await refreshDueTargets(new Date(later.getTime() + 60_000), { holder: "instance-a", deploy: { retry: FAST_RETRY } });
    expect(again.filter((r) => r.targetName === target.name)).toEqual([]);
    expect((await listRuns(target.name)).runs.map((r) => r.trigger)).toEqual(["REVOCATION", "MANUAL"]);
  });

  it("a lease is held by one holder until it expires", async () => {
    const t0 = new Date("2026-01-13T00:00:00Z");
    const results = await Promise.all(["x", "y", "z", "w"].map((h) => acquireLease("race", h, 60_000, t0)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await acquireLease("race", "late", 60_000, new Date(t0.getTime() + 30_000))).toBe(false);
    expect(await acquireLease("race", "late", 60_000, new Date(t0.getTime() + 61_000))).toBe(true);
    await releaseLease("race", "late");
    expect(await acquireLease("race", "next", 60_000, new Date(t0.getTime() + 62_000))).toBe(true);
  });
});
