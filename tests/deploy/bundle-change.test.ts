// The bundle side of a deploy: a store that is still CREATING, a second CA added to the bundle
// (ModifyTrustStore, one CRL per CA), and a CA taken out (its lists retired). The bundle is
// changed the way an administrator does it: through the edit use case (updateTarget).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { deployTarget, getTarget } from "../../lib/deploy";
import { BUCKET, FAST_RETRY, editTarget, makeTarget } from "./helpers";

useServiceEnvironment();

async function deploy(name: string) {
  const outcome = await deployTarget(name, TEST_ACTOR, { retry: FAST_RETRY, requestTimeoutMs: 2000 });
  if (outcome.kind !== "run") throw new Error("expected a run");
  return outcome.run;
}

describe("bundle changes", () => {
  withTestDatabase("sqlite");
  let aws: LocalAws;
  beforeAll(async () => {
    aws = await startLocalAws({ buckets: [BUCKET], trustStoreCreatingDescribes: 3 });
    await createTestAuthority();
    await createTestAuthority({ slug: "ia2" });
  });
  afterAll(() => aws?.stop());

  it("waits for a CREATING store, then modifies it when a CA joins the bundle and retires a CA that leaves", async () => {
    const target = await makeTarget(aws);
    const first = await deploy(target.name);
    expect(first.status, first.errorMessage ?? "").toBe("SUCCEEDED");
    expect(first.bundleChange).toEqual({ operation: "CreateTrustStore", certificates: 1 });
    const arn = (await getTarget(target.name)).trustStoreArn!;
    expect(aws.elbv2.trustStore(arn)).toMatchObject({ status: "ACTIVE", numberOfCaCertificates: 1 });

    await editTarget(target.name, { caSlugs: ["ia1", "ia2"] });
    const both = await deploy(target.name);
    expect(both.status, both.errorMessage ?? "").toBe("SUCCEEDED");
    expect(both.journal.map((s) => s.step)).toEqual(expect.arrayContaining(["bundle.uploaded", "truststore.modified"]));
    expect(both.bundleChange).toEqual({ operation: "ModifyTrustStore", certificates: 2 });
    expect(both.revocationIdsAdded).toHaveLength(1); // ia1's CRL is already there; ia2's is new
    const store = aws.elbv2.trustStore(arn)!;
    expect(store.numberOfCaCertificates).toBe(2);
    expect(store.bundle.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(store.revocations).toHaveLength(2);

    await editTarget(target.name, { caSlugs: ["ia2"] });
    const one = await deploy(target.name);
    expect(one.status, one.errorMessage ?? "").toBe("SUCCEEDED");
    expect(one.journal.map((s) => s.step)).toContain("revocations.retired");
    expect(aws.elbv2.trustStore(arn)!.revocations.map((r) => r.id)).toEqual(both.revocationIdsAdded);
    expect(aws.elbv2.trustStore(arn)!.numberOfCaCertificates).toBe(1);
  });

  it("an unknown trust store ARN fails with AWS's TrustStoreNotFound, recorded on the run", async () => {
    const target = await makeTarget(aws, { trustStoreName: undefined, trustStoreArn: `arn:aws:elasticloadbalancing:${aws.region}:123456789012:truststore/missing/0123456789abcdef` });
    const run = await deploy(target.name);
    expect(run).toMatchObject({ status: "FAILED", errorCode: "TrustStoreNotFound" });
    expect(run.errorMessage).toMatch(/does not exist/);
  });
});
