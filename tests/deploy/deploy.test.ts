// deployTarget against the local AWS (real @aws-sdk clients): bundle + trust store, CRL rotation
// without a gap, quotas, faults, crash recovery, dry run — on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { getDb } from "../../lib/db";
import { ALB_QUOTAS, deployTarget, describeTarget, getTarget, listRuns, SimulatedCrash } from "../../lib/deploy";
import { BUCKET, FAST_RETRY, gaps, gapsAfterListing, makeTarget, revokeOne } from "./helpers";

useServiceEnvironment();

async function deploy(name: string, options: Parameters<typeof deployTarget>[2] = {}) {
  const outcome = await deployTarget(name, TEST_ACTOR, { retry: FAST_RETRY, requestTimeoutMs: 1500, ...options });
  if (outcome.kind !== "run") throw new Error("expected a run");
  return outcome.run;
}

describe.each(PROVIDERS)("deploy to an ALB trust store on %s", (provider) => {
  withTestDatabase(provider);
  let aws: LocalAws;
  const revoked: Array<{ serial: string; seq: number }> = [];
  /** Serials that were revoked AND deployed before history step `seq`. */
  const mustList = (seq: number) => revoked.filter((r) => r.seq < seq).map((r) => r.serial);

  beforeAll(async () => {
    aws = await startLocalAws({ buckets: [BUCKET] });
    await createTestAuthority();
  });
  afterAll(() => aws?.stop());

  it("creates the trust store from the bundle and adds the current CRL", async () => {
    const target = await makeTarget(aws);
    const run = await deploy(target.name);
    expect(run.status, run.errorMessage ?? "").toBe("SUCCEEDED");
    const after = await getTarget(target.name);
    const store = aws.elbv2.trustStore(after.trustStoreArn!)!;
    expect(store.numberOfCaCertificates).toBe(1);
    expect(store.bundle).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    expect(store.bundle).not.toMatch(/\n\n/);
    expect(store.revocations).toHaveLength(1);
    expect(run.revocationIdsAdded).toEqual([store.revocations[0].id]);
    expect(after.revocationIds).toEqual([store.revocations[0].id]);
    expect(run.journal.map((s) => s.step)).toEqual(["bundle.uploaded", "truststore.created", "crl.uploaded", "revocation.added", "revocation.confirmed"]);
    const status = await describeTarget(target.name);
    expect(status).toMatchObject({ status: "ACTIVE", numberOfCaCertificates: 1, totalRevokedEntries: store.totalRevokedEntries });
    const [event] = await auditEvents(getDb(), "deploy.run", target.name);
    expect(event.details).toMatchObject({ trigger: "MANUAL", added: run.revocationIdsAdded });
  });

  it("a second deploy with nothing new changes nothing and uploads nothing", async () => {
    const target = await makeTarget(aws);
    await deploy(target.name);
    const before = aws.calls().length;
    const run = await deploy(target.name);
    expect(run.status).toBe("SUCCEEDED");
    expect(run.journal).toEqual([]);
    const writes = aws.calls().slice(before).filter((c) => /Put|Create|Modify|Add|Remove/.test(c.operation));
    expect(writes).toEqual([]);
  });

  it("revoke → redeploy: a new revocation id, the old one removed, never a moment without every revoked serial", async () => {
    const target = await makeTarget(aws);
    await deploy(target.name);
    const arn = (await getTarget(target.name)).trustStoreArn!;
    for (let i = 0; i < 3; i++) {
      const serial = await revokeOne(`rot${i}`);
      const oldIds = (await getTarget(target.name)).revocationIds;
      revoked.push({ serial, seq: Number.MAX_SAFE_INTEGER });
      const run = await deploy(target.name);
      expect(run.status, run.errorMessage ?? "").toBe("SUCCEEDED");
      expect(run.revocationIdsRemoved).toEqual(oldIds);
      expect(run.revocationIdsAdded).toHaveLength(1);
      expect(run.revocationIdsAdded[0]).toBeGreaterThan(Math.max(...oldIds));
      // From the Add on, the serial must be listed at every later moment.
      const addSeq = aws.elbv2.history().find((h) => h.trustStoreArn === arn && h.state?.revocations.some((r) => r.id === run.revocationIdsAdded[0]))!.seq;
      revoked[revoked.length - 1].seq = addSeq;
      const store = aws.elbv2.trustStore(arn)!;
      expect(store.revocations.map((r) => r.id)).toEqual(run.revocationIdsAdded);
      expect(store.revocations[0].serials).toEqual(expect.arrayContaining(revoked.map((r) => r.serial)));
    }
    expect(gaps(aws, arn, mustList)).toEqual([]);
    // And no moment without any CRL once the first was added.
    const states = aws.elbv2.history().filter((h) => h.trustStoreArn === arn && h.state && h.operation !== "CreateTrustStore");
    expect(states.every((h) => h.state!.revocations.length >= 1)).toBe(true);
  });

  it("never removes a revocation list it did not add", async () => {
    const target = await makeTarget(aws);
    await deploy(target.name);
    const arn = (await getTarget(target.name)).trustStoreArn!;
    // An operator's own list, added by hand with the AWS CLI.
    const { ElasticLoadBalancingV2Client, AddTrustStoreRevocationsCommand } = await import("@aws-sdk/client-elastic-load-balancing-v2");
    const cli = new ElasticLoadBalancingV2Client(aws.clientConfig(aws.elbv2Endpoint));
    const crlKeyOfInkan = aws.elbv2.trustStore(arn)!.revocations[0].key;
    const theirs = await cli.send(new AddTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationContents: [{ S3Bucket: BUCKET, S3Key: crlKeyOfInkan, RevocationType: "CRL" }] }));
    cli.destroy();
    const theirId = theirs.TrustStoreRevocations![0].RevocationId!;
    await revokeOne("foreign");
    const run = await deploy(target.name);
    expect(run.status).toBe("SUCCEEDED");
    expect(run.revocationIdsRemoved).not.toContain(theirId);
    expect(aws.elbv2.trustStore(arn)!.revocations.map((r) => r.id)).toContain(theirId);
  });

  it("the no-gap check sees a list removed by hand, and the next deploy adds the CRL back", async () => {
    const serial = await revokeOne("byhand");
    const target = await makeTarget(aws);
    await deploy(target.name);
    const arn = (await getTarget(target.name)).trustStoreArn!;
    expect(gapsAfterListing(aws, arn)).toEqual([]);
    const { ElasticLoadBalancingV2Client, RemoveTrustStoreRevocationsCommand } = await import("@aws-sdk/client-elastic-load-balancing-v2");
    const cli = new ElasticLoadBalancingV2Client(aws.clientConfig(aws.elbv2Endpoint));
    await cli.send(new RemoveTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationIds: (await getTarget(target.name)).revocationIds }));
    cli.destroy();
    expect(gapsAfterListing(aws, arn)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`RemoveTrustStoreRevocations: ${serial} is not listed`))]));
    const run = await deploy(target.name);
    expect(run.status, run.errorMessage ?? "").toBe("SUCCEEDED");
    expect(aws.elbv2.trustStore(arn)!.revocations[0].serials).toContain(serial);
  });

  it("dry run reports the plan and changes nothing", async () => {
    const target = await makeTarget(aws);
    const fresh = await deployTarget(target.name, TEST_ACTOR, { dryRun: true, retry: FAST_RETRY });
    expect(fresh.kind === "plan" && fresh.plan).toMatchObject({ trustStoreExists: false, bundleChanged: true, revocationIdsToAdd: 1, revocationIdsToRemove: [] });
    await deploy(target.name);
    await revokeOne("dry");
    const before = { history: aws.elbv2.history().length, calls: aws.calls().filter((c) => !/Describe|Head|Get/.test(c.operation)).length, runs: (await listRuns(target.name)).runs.length };
    const outcome = await deployTarget(target.name, TEST_ACTOR, { dryRun: true, retry: FAST_RETRY });
    const owned = (await getTarget(target.name)).revocationIds;
    expect(outcome.kind === "plan" && outcome.plan).toMatchObject({ trustStoreExists: true, bundleChanged: false, revocationIdsToAdd: 1, revocationIdsToRemove: owned, quotaProblem: null });
    expect(aws.elbv2.history().length).toBe(before.history);
    expect(aws.calls().filter((c) => !/Describe|Head|Get/.test(c.operation)).length).toBe(before.calls);
    expect((await listRuns(target.name)).runs.length).toBe(before.runs);
  });

  it("refuses a rotation over the revoked-entries and revocation-list quotas, naming them", async () => {
    const target = await makeTarget(aws);
    await deploy(target.name);
    await revokeOne("quota");
    const entries = await deploy(target.name, { quotas: { ...ALB_QUOTAS, revokedEntriesPerTrustStore: 1 } });
    expect(entries).toMatchObject({ status: "FAILED", errorCode: "QuotaExceeded", errorMessage: expect.stringMatching(/"revoked entries per trust store" is 1/) });
    const lists = await deploy(target.name, { quotas: { ...ALB_QUOTAS, revocationListsPerTrustStore: 1 } });
    expect(lists.errorMessage).toMatch(/"revocation lists per trust store" \(1\)/);
    const size = await deploy(target.name, { quotas: { ...ALB_QUOTAS, revocationFileBytes: 100 } });
    expect(size.errorMessage).toMatch(/"revocation file size" is 100 bytes/);
    // Nothing was added by the refused runs.
    const arn = (await getTarget(target.name)).trustStoreArn!;
    expect(aws.elbv2.trustStore(arn)!.revocations).toHaveLength(1);
    expect(gapsAfterListing(aws, arn)).toEqual([]);
  });

  it("a failure before any AWS call is a FAILED run in the history, alerted, under its own code (QuotaExceeded only for a quota)", async () => {
    const keyless = await makeTarget(aws);
    await getDb().deployTarget.update({ where: { name: keyless.name }, data: { secretKeySealed: null } });
    const noKey = await deploy(keyless.name);
    expect(noKey).toMatchObject({ status: "FAILED", errorCode: "VALIDATION", errorMessage: expect.stringMatching(/uses a stored access key but none is saved/) });
    // The message sends the administrator to the page where the key is entered.
    expect(noKey.errorMessage).toContain(`/ra/deploy/${keyless.name}/edit`);
    expect((await listRuns(keyless.name)).runs.map((r) => r.id)).toEqual([noKey.id]);
    const alerts = await getDb().alert.findMany({ where: { kind: "DEPLOY_FAILURE", target: keyless.name } });
    expect(alerts.map((a) => a.message)).toEqual([expect.stringMatching(/^VALIDATION: Deploy target .* uses a stored access key/)]);
    expect((await auditEvents(getDb(), "deploy.run", keyless.name)).map((e) => [e.outcome, e.details.errorCode])).toEqual([["FAILURE", "VALIDATION"]]);

    const crowded = await makeTarget(aws);
    const overQuota = await deploy(crowded.name, { quotas: { ...ALB_QUOTAS, caCertificatesPerBundle: 0 } });
    expect(overQuota).toMatchObject({ status: "FAILED", errorCode: "QuotaExceeded", errorMessage: expect.stringMatching(/"CA certificates per trust store bundle" is 0/) });

    // A CA without a CRL whose sealed key cannot be opened (another master key): nothing to publish.
    await createTestAuthority({ slug: "sealed" });
    await getDb().crl.deleteMany({ where: { ca: { slug: "sealed" } } });
    await getDb().certificateAuthority.update({ where: { slug: "sealed" }, data: { encryptedKey: Buffer.concat([Buffer.from([1]), Buffer.alloc(60, 7)]) } });
    const unsealed = await makeTarget(aws, { caSlugs: ["sealed"] });
    const noCrl = await deploy(unsealed.name);
    expect(noCrl).toMatchObject({ status: "FAILED", errorCode: "INTERNAL", errorMessage: expect.stringMatching(/ca-key:sealed cannot be decrypted/) });
    expect((await listRuns(unsealed.name)).runs.map((r) => [r.status, r.errorCode])).toEqual([["FAILED", "INTERNAL"]]);
    expect(aws.elbv2.trustStores().filter((t) => [keyless, crowded, unsealed].some((x) => x.trustStoreName === t.name))).toEqual([]);
  });

  it("S3 500s and ELBv2 throttling are retried to success", async () => {
    const target = await makeTarget(aws);
    aws.faults.inject({ service: "s3", operation: "PutObject", kind: "http500", times: 2 });
    aws.faults.inject({ service: "elbv2", operation: "CreateTrustStore", kind: "throttle", times: 2 });
    aws.faults.inject({ service: "elbv2", operation: "AddTrustStoreRevocations", kind: "throttle", times: 2 });
    const run = await deploy(target.name);
    expect(run.status, run.errorMessage ?? "").toBe("SUCCEEDED");
    expect(aws.faults.pending()).toEqual([]);
    expect(aws.elbv2.trustStores().filter((s) => s.name === target.trustStoreName)).toHaveLength(1);
    const arn = (await getTarget(target.name)).trustStoreArn!;
    expect(aws.elbv2.trustStore(arn)!.revocations).toHaveLength(1);
    expect(gapsAfterListing(aws, arn)).toEqual([]);
  });

  it("deploys under the generated IAM policy (no s3:ListBucket), where S3 answers HEAD of a missing key with 403", async () => {
    const strict = await startLocalAws({ buckets: [BUCKET], s3ListBucket: false });
    try {
      const target = await makeTarget(strict);
      const first = await deploy(target.name);
      expect(first.status, first.errorMessage ?? "").toBe("SUCCEEDED");
      const s3 = () => strict.calls().filter((c) => c.service === "s3");
      expect(s3().map((c) => [c.operation, c.status])).toEqual([["HeadObject", 403], ["PutObject", 200], ["HeadObject", 403], ["PutObject", 200]]);
      const arn = (await getTarget(target.name)).trustStoreArn!;
      // A revocation makes a new CRL key, again unknown to HEAD: uploaded and rotated in.
      const serial = await revokeOne("nolist");
      const next = await deploy(target.name);
      expect(next.status, next.errorMessage ?? "").toBe("SUCCEEDED");
      expect(strict.elbv2.trustStore(arn)!.revocations.map((r) => r.id)).toEqual(next.revocationIdsAdded);
      expect(strict.elbv2.trustStore(arn)!.revocations[0].serials).toContain(serial);
      // An object HEAD can see (GetObject is granted) is still not uploaded twice.
      const other = await makeTarget(strict);
      const putsBefore = s3().filter((c) => c.operation === "PutObject").length;
      const shared = await deploy(other.name);
      expect(shared.journal.map((s) => s.step)).toEqual(["bundle.present", "truststore.created", "crl.present", "revocation.added", "revocation.confirmed"]);
      expect(s3().filter((c) => c.operation === "PutObject").length).toBe(putsBefore);
      expect(gapsAfterListing(strict, arn)).toEqual([]);
    } finally {
      await strict.stop();
    }
  });

  it("a lost Add response (timeout after AWS applied it) does not make a duplicate list", async () => {
    const target = await makeTarget(aws);
    await deploy(target.name);
    const arn = (await getTarget(target.name)).trustStoreArn!;
    await revokeOne("lost");
    aws.faults.inject({ service: "elbv2", operation: "AddTrustStoreRevocations", kind: "timeout", when: "after", delayMs: 4000 });
    const run = await deploy(target.name);
    expect(run.status, run.errorMessage ?? "").toBe("SUCCEEDED");
    expect(aws.faults.pending()).toEqual([]);
    expect(aws.elbv2.trustStore(arn)!.revocations.map((r) => r.id)).toEqual(run.revocationIdsAdded);
    expect(gapsAfterListing(aws, arn)).toEqual([]);
  });

  it("a timeout on Remove after AWS applied it ends in success with exactly the new list", async () => {
    const target = await makeTarget(aws);
    await deploy(target.name);
    const arn = (await getTarget(target.name)).trustStoreArn!;
    const serial = await revokeOne("rmtimeout");
    aws.faults.inject({ service: "elbv2", operation: "RemoveTrustStoreRevocations", kind: "timeout", when: "after", delayMs: 4000 });
    const run = await deploy(target.name);
    expect(run.status, run.errorMessage ?? "").toBe("SUCCEEDED");
    expect(aws.faults.pending()).toEqual([]);
    const store = aws.elbv2.trustStore(arn)!;
    expect(store.revocations.map((r) => r.id)).toEqual(run.revocationIdsAdded);
    expect(store.revocations[0].serials).toContain(serial);
    expect(gapsAfterListing(aws, arn)).toEqual([]);
  });

  it("a failed run records the AWS error; its retry resumes with no duplicate upload or list", async () => {
    const target = await makeTarget(aws);
    await deploy(target.name);
    const arn = (await getTarget(target.name)).trustStoreArn!;
    const serial = await revokeOne("retry");
    // Remove keeps failing beyond the budget: the new list is in, the old one stays.
    aws.faults.inject({ service: "elbv2", operation: "RemoveTrustStoreRevocations", kind: "http500", times: FAST_RETRY.attempts });
    const failed = await deploy(target.name);
    expect(failed).toMatchObject({ status: "FAILED", errorCode: "InternalFailure" });
    expect(failed.revocationIdsAdded).toHaveLength(1);
    // The failure alerts the administrators once, for this run (issue 6).
    const alerts = await getDb().alert.findMany({ where: { kind: "DEPLOY_FAILURE", target: target.name } });
    expect(alerts.map((a) => [JSON.parse(a.details).runId, a.message])).toEqual([[failed.id, expect.stringMatching(/^InternalFailure: /)]]);
    expect(aws.elbv2.trustStore(arn)!.revocations).toHaveLength(2);
    const putsBefore = aws.calls().filter((c) => c.operation === "PutObject").length;
    const retried = await deploy(target.name, { trigger: "RETRY", retryOf: failed.id });
    expect(retried.status, retried.errorMessage ?? "").toBe("SUCCEEDED");
    expect(retried.retryOf).toBe(failed.id);
    expect(retried.revocationIdsAdded).toEqual([]);
    expect(aws.calls().filter((c) => c.operation === "PutObject").length).toBe(putsBefore);
    const store = aws.elbv2.trustStore(arn)!;
    expect(store.revocations.map((r) => r.id)).toEqual(failed.revocationIdsAdded);
    expect(store.revocations[0].serials).toContain(serial);
    expect(gapsAfterListing(aws, arn)).toEqual([]);
  });

  it("a crash between Add and Remove holds the target only until its one-minute lease expires; the next run then finishes the rotation", async () => {
    const target = await makeTarget(aws);
    await deploy(target.name);
    const arn = (await getTarget(target.name)).trustStoreArn!;
    const oldIds = (await getTarget(target.name)).revocationIds;
    const serial = await revokeOne("crash");
    let crashedAt = new Date();
    const crash = (s: string) => {
      if (s !== "revocation.added") return;
      crashedAt = new Date();
      throw new SimulatedCrash(s);
    };
    await expect(deploy(target.name, { afterStep: crash })).rejects.toThrow(SimulatedCrash);
    expect(aws.elbv2.trustStore(arn)!.revocations).toHaveLength(2);
    // As after a real crash: the run is still RUNNING and its lease still held, for a minute at most.
    const [dead] = (await listRuns(target.name)).runs;
    expect(dead).toMatchObject({ status: "RUNNING", revocationIdsAdded: [expect.any(Number)] });
    const lease = await getDb().deployLease.findUnique({ where: { name: `target:${target.id}` } });
    expect(lease?.holder).toBe(dead.id);
    expect(lease!.expiresAt.getTime() - crashedAt.getTime()).toBeLessThanOrEqual(60_000);

    // Meanwhile a run is refused and recorded, without alerting anyone.
    const refused = await deploy(target.name, { trigger: "SCHEDULE" });
    expect(refused).toMatchObject({ status: "FAILED", errorCode: "DeployInProgress" });
    expect(await getDb().alert.count({ where: { kind: "DEPLOY_FAILURE", target: target.name } })).toBe(0);
    expect(aws.elbv2.trustStore(arn)!.revocations).toHaveLength(2);

    // Past the expiry the next run takes the lease over and removes the old list.
    const afterExpiry = new Date(lease!.expiresAt.getTime() + 1_000);
    const next = await deploy(target.name, { trigger: "SCHEDULE", now: () => afterExpiry });
    expect(next.status, next.errorMessage ?? "").toBe("SUCCEEDED");
    expect(next.revocationIdsAdded).toEqual([]);
    expect(next.revocationIdsRemoved).toEqual(oldIds);
    const store = aws.elbv2.trustStore(arn)!;
    // No orphaned list: only the one the dead run added, and Inkan owns exactly it.
    expect(store.revocations.map((r) => r.id)).toEqual(dead.revocationIdsAdded);
    expect((await getTarget(target.name)).revocationIds).toEqual(dead.revocationIdsAdded);
    // No lost revocation, at no moment.
    expect(store.revocations[0].serials).toContain(serial);
    expect(gapsAfterListing(aws, arn)).toEqual([]);
    const runs = (await listRuns(target.name)).runs;
    expect(runs.find((r) => r.id === dead.id)).toMatchObject({ status: "FAILED", errorCode: "Interrupted" });
    expect(await getDb().deployLease.findUnique({ where: { name: `target:${target.id}` } })).toBeNull();
  });

  it("a run that stalled past its lease and was taken over stops before changing the trust store", async () => {
    const target = await makeTarget(aws);
    await deploy(target.name);
    const arn = (await getTarget(target.name)).trustStoreArn!;
    await revokeOne("stalled");
    const before = aws.elbv2.trustStore(arn)!.revocations.map((r) => r.id);
    const lock = `target:${target.id}`;
    const takeOver = async (s: string) => {
      if (s === "crl.uploaded") await getDb().deployLease.update({ where: { name: lock }, data: { holder: "another-run", expiresAt: new Date(Date.now() + 60_000) } });
    };
    const run = await deploy(target.name, { afterStep: takeOver });
    expect(run).toMatchObject({ status: "FAILED", errorCode: "LeaseLost" });
    expect(aws.elbv2.trustStore(arn)!.revocations.map((r) => r.id)).toEqual(before);
    expect((await getDb().deployLease.findUnique({ where: { name: lock } }))?.holder).toBe("another-run");
    expect(gapsAfterListing(aws, arn)).toEqual([]);
  });

  it("a crash right after Add was sent (before its id was recorded) is adopted, not duplicated", async () => {
    const target = await makeTarget(aws);
    await deploy(target.name);
    const arn = (await getTarget(target.name)).trustStoreArn!;
    await revokeOne("crash2");
    // AWS applies the Add, the answer is lost and the process dies before retrying.
    aws.faults.inject({ service: "elbv2", operation: "AddTrustStoreRevocations", kind: "reset", when: "after" });
    const failed = await deploy(target.name, { retry: { ...FAST_RETRY, attempts: 1 } });
    expect(failed.status).toBe("FAILED");
    expect(aws.elbv2.trustStore(arn)!.revocations).toHaveLength(2);
    const next = await deploy(target.name);
    expect(next.status, next.errorMessage ?? "").toBe("SUCCEEDED");
    expect(next.journal[0]).toMatchObject({ step: "revocations.reconciled" });
    expect(next.revocationIdsAdded).toEqual([]);
    expect(aws.elbv2.trustStore(arn)!.revocations).toHaveLength(1);
    expect(gapsAfterListing(aws, arn)).toEqual([]);
  });
});
