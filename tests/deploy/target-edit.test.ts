// Editing and deleting a deploy target through its server actions (requireActor with a Bearer
// API token per role), on SQLite and PostgreSQL: what may change, what stays, who may do it,
// what is audited, and that the stored secret never comes back to the page.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { createApiToken } from "../../lib/auth";
import { getDb } from "../../lib/db";
import { openSecret } from "../../lib/secrets";
import { acquireLease, deployTarget, getTarget, releaseLease } from "../../lib/deploy";
import { deleteTargetAction, updateTargetAction } from "../../lib/deploy/actions";
import { targetLock } from "../../lib/deploy/deploy";
import { loadDeployTarget, loadDeployTargetEdit, loadDeployTargets } from "../../lib/deploy/loaders";
import { BUCKET, FAST_RETRY, editFormOf, makeTarget } from "./helpers";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type Role = "ADMIN" | "OPERATOR" | "AUDITOR";
const SECRETS: Record<Role, string> = {
  ADMIN: `inkan_${randomBytes(24).toString("base64url")}`,
  OPERATOR: `inkan_${randomBytes(24).toString("base64url")}`,
  AUDITOR: `inkan_${randomBytes(24).toString("base64url")}`,
};
const as = (role: Role) => {
  request.headers = new Headers({ authorization: `Bearer ${SECRETS[role]}`, "x-forwarded-for": "192.0.2.55", "user-agent": "vitest" });
};

/** The edit form as the browser submits it: the current values, then `changes`. */
async function editForm(name: string, changes: Record<string, string | string[] | undefined> = {}): Promise<FormData> {
  const fields: Record<string, unknown> = { ...(await editFormOf(name)), ...changes };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) form.append(k, String(one));
  }
  return form;
}

async function deploy(name: string) {
  const outcome = await deployTarget(name, TEST_ACTOR, { retry: FAST_RETRY, requestTimeoutMs: 2000 });
  if (outcome.kind !== "run") throw new Error("expected a run");
  return outcome.run;
}

describe.each(PROVIDERS)("edit and delete a deploy target on %s", (provider) => {
  useServiceEnvironment();
  withTestDatabase(provider);
  let aws: LocalAws;

  beforeAll(async () => {
    aws = await startLocalAws({ buckets: [BUCKET, "inkan-other"] });
    await createTestAuthority();
    await createTestAuthority({ slug: "ia2" });
    for (const role of ["ADMIN", "OPERATOR", "AUDITOR"] as const) {
      await createApiToken({ name: `${role.toLowerCase()}-bot`, role, secret: SECRETS[role] }, TEST_ACTOR);
    }
  });
  afterAll(() => aws?.stop());

  it("an administrator changes the bucket, prefix, CAs and endpoints; audited deploy.target.update names what changed", async () => {
    const target = await makeTarget(aws);
    as("ADMIN");
    const result = await updateTargetAction(target.name, null, await editForm(target.name, { bucket: "inkan-other", keyPrefix: "alb/prod", caSlugs: ["ia2", "ia1"], acmEndpoint: "" }));
    expect(result).toEqual({ ok: true, data: { name: target.name } });
    expect(await getTarget(target.name)).toMatchObject({ bucket: "inkan-other", keyPrefix: "alb/prod/", caSlugs: ["ia2", "ia1"], acmEndpoint: null, credentialsMode: "STORED", secretStored: true });
    const [event] = await auditEvents(getDb(), "deploy.target.update", target.name);
    expect(event).toMatchObject({ actor: "api:admin-bot", outcome: "SUCCESS" });
    expect(event.details).toMatchObject({ changed: ["bucket", "keyPrefix", "caSlugs", "acmEndpoint"], cas: ["ia2", "ia1"], casBefore: ["ia1"], credentialChange: "kept" });
    expect(JSON.stringify(event)).not.toContain(aws.credentials.secretAccessKey);

    // Saving the form unchanged writes nothing.
    await updateTargetAction(target.name, null, await editForm(target.name));
    expect(await auditEvents(getDb(), "deploy.target.update", target.name)).toHaveLength(1);
  });

  it("the stored secret is kept when none is typed, replaced when one is, and dropped with the default provider chain", async () => {
    const target = await makeTarget(aws);
    const sealed = async () => (await getDb().deployTarget.findUniqueOrThrow({ where: { name: target.name } })).secretKeySealed;
    const opened = async () => openSecret((await sealed())!, `deploy-secret-key:${target.id}`).toString("utf8");
    as("ADMIN");

    const renamed = await updateTargetAction(target.name, null, await editForm(target.name, { accessKeyId: "AKIAOTHERKEY0000000" }));
    expect(renamed).toMatchObject({ ok: false, error: { code: "VALIDATION", fields: { secretAccessKey: "A new access key ID needs its secret access key." } } });

    await updateTargetAction(target.name, null, await editForm(target.name, { keyPrefix: "kept" }));
    expect(await opened()).toBe(aws.credentials.secretAccessKey);

    const rotated = "rotated/secret+access+key+0123456789";
    expect(await updateTargetAction(target.name, null, await editForm(target.name, { accessKeyId: "AKIAROTATED00000000", secretAccessKey: rotated }))).toMatchObject({ ok: true });
    expect(await opened()).toBe(rotated);
    expect((await getTarget(target.name)).accessKeyId).toBe("AKIAROTATED00000000");

    expect(await updateTargetAction(target.name, null, await editForm(target.name, { credentialsMode: "DEFAULT", accessKeyId: "" }))).toMatchObject({ ok: true });
    expect(await sealed()).toBeNull();
    expect(await getTarget(target.name)).toMatchObject({ credentialsMode: "DEFAULT", accessKeyId: null, secretStored: false });
    // Back to a stored key: nothing is left to keep, so the secret must be typed.
    const back = await updateTargetAction(target.name, null, await editForm(target.name, { credentialsMode: "STORED", accessKeyId: "AKIAROTATED00000000" }));
    expect(back).toMatchObject({ ok: false, error: { fields: { secretAccessKey: "Type the secret access key to store." } } });

    const changes = (await auditEvents(getDb(), "deploy.target.update", target.name)).map((e) => e.details.credentialChange);
    expect(changes).toEqual(["kept", "replaced", "dropped"]);
    const log = JSON.stringify(await getDb().auditEvent.findMany({ where: { targetId: target.name } }));
    expect(log).not.toContain(rotated);
    expect(log).not.toContain(aws.credentials.secretAccessKey);
  });

  it("validation errors are returned next to their field", async () => {
    const target = await makeTarget(aws);
    as("ADMIN");
    const bad = await updateTargetAction(target.name, null, await editForm(target.name, { bucket: "X", caSlugs: [], s3Endpoint: "not a url" }));
    expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    if (bad.ok) throw new Error("expected a refusal");
    expect(Object.keys(bad.error.fields ?? {}).sort()).toEqual(["bucket", "caSlugs", "s3Endpoint"]);
    const unknown = await updateTargetAction(target.name, null, await editForm(target.name, { caSlugs: ["nope"] }));
    expect(unknown).toMatchObject({ ok: false, error: { fields: { caSlugs: "Unknown CA: nope" } } });
    const both = await updateTargetAction(target.name, null, await editForm(target.name, { trustStoreArn: `arn:aws:elasticloadbalancing:${aws.region}:123456789012:truststore/x/0123456789abcdef` }));
    expect(both).toMatchObject({ ok: false, error: { fields: { trustStoreArn: "Give either a trust store ARN or a name to create one, not both." } } });
    expect(await auditEvents(getDb(), "deploy.target.update", target.name)).toEqual([]);
  });

  it("the trust store can be corrected until Inkan writes to it, and is fixed after: another ARN or a region away from it is refused", async () => {
    const missing = `arn:aws:elasticloadbalancing:${aws.region}:123456789012:truststore/typo/0123456789abcdef`;
    const target = await makeTarget(aws, { trustStoreName: undefined, trustStoreArn: missing });
    expect((await deploy(target.name)).errorCode).toBe("TrustStoreNotFound");
    expect((await getTarget(target.name)).trustStoreManaged).toBe(false);

    as("ADMIN");
    const storeName = `fixed-${Date.now().toString(36)}`;
    expect(await updateTargetAction(target.name, null, await editForm(target.name, { trustStoreArn: "", trustStoreName: storeName }))).toMatchObject({ ok: true });
    expect((await deploy(target.name)).status).toBe("SUCCEEDED");
    const managed = await getTarget(target.name);
    expect(managed).toMatchObject({ trustStoreManaged: true, trustStoreArn: aws.elbv2.trustStore(storeName)!.arn });

    const elsewhere = await updateTargetAction(target.name, null, await editForm(target.name, { trustStoreArn: missing }));
    expect(elsewhere).toMatchObject({ ok: false, error: { code: "VALIDATION", fields: { trustStoreArn: expect.stringMatching(/Inkan manages this trust store/) } } });
    const moved = await updateTargetAction(target.name, null, await editForm(target.name, { region: "us-east-1" }));
    expect(moved).toMatchObject({ ok: false, error: { fields: { region: expect.stringMatching(/in another region/) } } });
    // The form leaves the store out once it is managed; repeating the current ARN is no change.
    expect(await updateTargetAction(target.name, null, await editForm(target.name, { trustStoreArn: managed.trustStoreArn!, keyPrefix: "p2" }))).toMatchObject({ ok: true });
    expect((await getTarget(target.name)).trustStoreArn).toBe(managed.trustStoreArn);
  });

  it("an operator and an auditor are refused by the edit and delete actions, and nothing changes or is audited", async () => {
    const target = await makeTarget(aws);
    const form = await editForm(target.name, { bucket: "inkan-other" });
    for (const role of ["OPERATOR", "AUDITOR"] as const) {
      as(role);
      expect(await updateTargetAction(target.name, null, form)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await deleteTargetAction(target.name)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(await getTarget(target.name)).toMatchObject({ bucket: BUCKET });
    expect(await auditEvents(getDb(), "deploy.target.update", target.name)).toEqual([]);
    expect(await auditEvents(getDb(), "deploy.target.delete", target.name)).toEqual([]);
  });

  it("the secret access key never comes back in the page data or an action's result", async () => {
    const target = await makeTarget(aws);
    const secret = "page/data/secret+never+0123456789";
    as("ADMIN");
    const saved = await updateTargetAction(target.name, null, await editForm(target.name, { secretAccessKey: secret }));
    const sealed = (await getDb().deployTarget.findUniqueOrThrow({ where: { name: target.name } })).secretKeySealed!;
    const pages = [saved, await loadDeployTargets(), await loadDeployTargetEdit(target.name), await loadDeployTarget(target.name)];
    for (const data of pages) {
      const json = JSON.stringify(data);
      expect(json).not.toContain(secret);
      expect(json).not.toContain(Buffer.from(sealed).toString("base64"));
      expect(json).not.toMatch(/secretKeySealed|secretAccessKey/);
    }
    expect((await loadDeployTargetEdit(target.name)).target).toMatchObject({ secretStored: true, accessKeyId: aws.credentials.accessKeyId });
  });

  it("delete waits for a running deploy, then removes the target and its history while the trust store and its lists stay in AWS", async () => {
    const target = await makeTarget(aws);
    const run = await deploy(target.name);
    expect(run.status).toBe("SUCCEEDED");
    const { trustStoreArn: arn, revocationIds } = await getTarget(target.name);
    as("ADMIN");

    // A deploy holds the target: neither an edit nor the deletion is written under it.
    expect(await acquireLease(targetLock(target.id), "a-running-deploy", 60_000)).toBe(true);
    expect(await deleteTargetAction(target.name)).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringMatching(/is running/) } });
    expect(await updateTargetAction(target.name, null, await editForm(target.name, { keyPrefix: "busy" }))).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    await releaseLease(targetLock(target.id), "a-running-deploy");

    const callsBefore = aws.calls().length;
    expect(await deleteTargetAction(target.name)).toEqual({ ok: true, data: { name: target.name } });
    await expect(getTarget(target.name)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDb().deployRun.count({ where: { targetId: target.id } })).toBe(0);
    expect(await getDb().deployLease.count({ where: { name: targetLock(target.id) } })).toBe(0);
    // Nothing was deleted in AWS.
    expect(aws.elbv2.trustStore(arn!)!.revocations.map((r) => r.id)).toEqual(revocationIds);
    expect(aws.calls().slice(callsBefore)).toEqual([]);
    // The audit log keeps the run and the deletion, with what was left behind.
    expect(await auditEvents(getDb(), "deploy.run", target.name)).toHaveLength(1);
    const [deleted] = await auditEvents(getDb(), "deploy.target.delete", target.name);
    expect(deleted.details).toMatchObject({ trustStore: arn, revocationIdsLeftInAws: revocationIds, runsDeleted: 1, acmImportsForgotten: 0 });
    expect(await deleteTargetAction(target.name)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
