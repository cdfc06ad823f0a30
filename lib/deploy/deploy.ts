import { getDb } from "@/lib/db";
import { InkanError, isInkanError } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { currentCrl, loadAuthority, publishCrl } from "@/lib/ca";
import { raiseDeployAlert } from "@/lib/alerts";
import { clientsFor, type AwsClients } from "./aws-clients";
import { acquireLease, keepLease, releaseLease } from "./lease";
import { buildCaBundle, bundleKey, crlKey, crlPem } from "./bundle";
import { findTargetRow, parseOwned, parsePending, toRunView } from "./data";
import { ALB_QUOTAS, type AlbQuotas } from "./quotas";
import { checkRevocationQuotas, planRotation, type DesiredCrl, type OwnedRevocation, type PendingAdd } from "./plan";
import { awsErrorCode, awsErrorMessage, DEFAULT_RETRY, type RetryPolicy, type Sleep } from "./retry";
import type { DeployTrigger } from "./schema";
import {
  addRevocation, createTrustStore, describeRevocations, describeTrustStore, ensureObject, modifyTrustStore, removeRevocations,
  waitActive, type AwsContext,
} from "./trust-store";
import { DEPLOY_IN_PROGRESS, type DeployPlan, type DeployRunView, type JournalStep } from "./types";

export interface DeployOptions {
  dryRun?: boolean;
  trigger?: DeployTrigger;
  retryOf?: string;
  retry?: RetryPolicy;
  sleep?: Sleep;
  /** Per-request timeout of the SDK clients. */
  requestTimeoutMs?: number;
  now?: () => Date;
  /** ALB quotas (tests lower them to reach a limit with small fixtures). */
  quotas?: AlbQuotas;
  /** Tests: called after each journal step; throwing here stops the run as a crash would. */
  afterStep?: (step: string) => Promise<void> | void;
}

export type DeployOutcome = { kind: "plan"; plan: DeployPlan } | { kind: "run"; run: DeployRunView };

type TargetRow = Awaited<ReturnType<typeof findTargetRow>>;

// Short, and renewed while the run lives: a run whose process died frees its target within a
// minute, instead of refusing every deploy for as long as the slowest run could take.
const TARGET_LOCK_TTL_MS = 60_000;

/** The lease a run holds on its target while it changes the trust store. */
export const targetLock = (targetId: string) => `target:${targetId}`;

/** What the trust store should hold: the bundle and each CA's current CRL as PEM. */
async function desiredState(target: TargetRow, actor: Actor, publishMissing: boolean, quotas: AlbQuotas) {
  const slugs = JSON.parse(target.caSlugs) as string[];
  const cas = await Promise.all(slugs.map((slug) => loadAuthority(slug)));
  const bundle = buildCaBundle(cas.map((ca) => ({ slug: ca.slug, certificateDer: ca.certificateDer })), quotas);
  const crls: Array<DesiredCrl & { pem: string }> = [];
  for (const slug of slugs) {
    let crl = await currentCrl(slug);
    if (!crl && publishMissing) {
      await publishCrl(slug, actor);
      crl = await currentCrl(slug);
    }
    if (!crl) throw new InkanError("UNPROCESSABLE", { en: `CA ${slug} has not published a CRL yet; publish one (RA → CAs) and deploy again.`, ja: `認証局 ${slug} はまだ CRL を公開していません。CRL を公開してから(RA → 認証局)もう一度デプロイしてください。` });
    const pem = crlPem(crl.der);
    crls.push({ caSlug: slug, crlNumber: crl.number, key: crlKey(target.keyPrefix, slug, crl.number, pem), entries: crl.entries, bytes: Buffer.byteLength(pem), pem });
  }
  return { bundle, bundleKey: bundleKey(target.keyPrefix, bundle), crls };
}

/**
 * Brings a target's trust store up to date: the CA bundle (uploaded once per content, then
 * Create/ModifyTrustStore), then each CA's CRL rotated without a gap — add the new list,
 * confirm AWS counted every entry, only then remove Inkan's older lists. Every step is
 * recorded on the target as it happens, so a failed or crashed run is resumed by the next.
 * With `dryRun` it only reads, and returns the plan.
 */
export async function deployTarget(targetName: string, actor: Actor, options: DeployOptions = {}): Promise<DeployOutcome> {
  const target = await findTargetRow(targetName);
  const quotas = options.quotas ?? ALB_QUOTAS;
  if (!options.dryRun) return { kind: "run", run: await runDeploy(target, actor, options, quotas) };
  const desired = await desiredState(target, actor, false, quotas);
  const clients = clientsFor(target, options.requestTimeoutMs);
  try {
    return { kind: "plan", plan: await planDeploy(awsContext(clients, options), target, desired, quotas) };
  } finally {
    clients.close();
  }
}

const awsContext = (clients: AwsClients, options: DeployOptions): AwsContext =>
  ({ s3: clients.s3, elbv2: clients.elbv2, retry: options.retry ?? DEFAULT_RETRY, sleep: options.sleep });

/** What a failed run records: the AWS error code as sent, or Inkan's own code. */
function failureOf(err: unknown): { code: string; message: string } {
  if (!isInkanError(err)) return { code: awsErrorCode(err), message: awsErrorMessage(err) };
  // Only a refusal that names an ALB quota is QuotaExceeded; a missing access key stays VALIDATION.
  return { code: err.details?.quota ? "QuotaExceeded" : err.code, message: err.message };
}

async function planDeploy(ctx: AwsContext, target: TargetRow, desired: Awaited<ReturnType<typeof desiredState>>, quotas: AlbQuotas): Promise<DeployPlan> {
  const store = target.trustStoreArn
    ? await describeTrustStore(ctx, { arn: target.trustStoreArn })
    : await describeTrustStore(ctx, { name: target.trustStoreName! });
  const live = store?.TrustStoreArn ? await describeRevocations(ctx, store.TrustStoreArn) : [];
  const plan = planRotation({ owned: parseOwned(target.revocations), pendingAdd: parsePending(target.pendingAdd), live, desired: desired.crls });
  let quotaProblem: string | null = null;
  try {
    checkRevocationQuotas(live, plan, quotas);
  } catch (err) {
    if (!isInkanError(err)) throw err;
    quotaProblem = err.message;
  }
  return {
    targetName: target.name,
    trustStoreExists: Boolean(store),
    bundleChanged: !store || target.bundleKey !== desired.bundleKey,
    bundleKey: desired.bundleKey,
    bundleCertificates: desired.bundle.count,
    crls: desired.crls.map((c) => ({ caSlug: c.caSlug, crlNumber: c.crlNumber, entries: c.entries, key: c.key, add: plan.rotations.some((r) => r.caSlug === c.caSlug && r.add) })),
    revocationIdsToAdd: plan.rotations.filter((r) => r.add).length,
    revocationIdsToRemove: [...plan.rotations.flatMap((r) => r.remove), ...plan.retire],
    adopted: plan.adopted.map((a) => a.revocationId),
    quotaProblem,
  };
}

async function runDeploy(target: TargetRow, actor: Actor, options: DeployOptions, quotas: AlbQuotas): Promise<DeployRunView> {
  const db = getDb();
  const clock = options.now ?? (() => new Date());
  const startedAt = clock();
  const run = await db.deployRun.create({
    data: { targetId: target.id, trigger: options.trigger ?? "MANUAL", actor: actor.label, status: "RUNNING", retryOf: options.retryOf ?? null, startedAt },
  });
  const lock = targetLock(target.id);
  // Free, or expired because its holder died (SimulatedCrash in the tests): taken over.
  if (!(await acquireLease(lock, run.id, TARGET_LOCK_TTL_MS, startedAt))) {
    return finish(run.id, target, actor, startedAt, clock, { journal: [], added: [], removed: [], entries: null }, {
      code: DEPLOY_IN_PROGRESS, message: `Another deploy of ${target.name} is running; wait for it to finish, then retry.`,
    });
  }
  // Any other RUNNING run of this target lost its lease when its process ended: close it.
  await db.deployRun.updateMany({
    where: { targetId: target.id, status: "RUNNING", id: { not: run.id } },
    data: { status: "FAILED", finishedAt: startedAt, errorCode: "Interrupted", errorMessage: "The run stopped before it finished; the next run resumed from its journal." },
  });
  const lease = keepLease(lock, run.id, TARGET_LOCK_TTL_MS, clock);
  // Before each change to the store: a run that lost its lease to a takeover stops short.
  const stillHeld = async () => {
    if (!(await lease.renew())) throw Object.assign(new Error(`This run of ${target.name} stalled past its lease and another run took the target over; that run carries on.`), { name: "LeaseLost" });
  };
  let crashed = false;
  const journal: JournalStep[] = [];
  const added: number[] = [];
  const removed: number[] = [];
  let owned: OwnedRevocation[] = parseOwned(target.revocations);
  let arn = target.trustStoreArn;
  let clients: AwsClients | null = null;

  const step = async (name: string, detail?: Record<string, unknown>) => {
    await stillHeld();
    journal.push({ at: clock().toISOString(), step: name, ...(detail ? { detail } : {}) });
    await db.deployRun.update({ where: { id: run.id }, data: { journal: JSON.stringify(journal), revocationIdsAdded: JSON.stringify(added), revocationIdsRemoved: JSON.stringify(removed) } });
    await options.afterStep?.(name);
  };
  const saveTarget = (data: { trustStoreArn?: string; bundleKey?: string; pendingAdd?: PendingAdd | null }) =>
    db.deployTarget.update({
      where: { id: target.id },
      data: {
        revocations: JSON.stringify(owned),
        ...(data.trustStoreArn !== undefined ? { trustStoreArn: data.trustStoreArn } : {}),
        ...(data.bundleKey !== undefined ? { bundleKey: data.bundleKey } : {}),
        ...(data.pendingAdd !== undefined ? { pendingAdd: data.pendingAdd ? JSON.stringify(data.pendingAdd) : null } : {}),
      },
    });

  try {
    // Inside the run, so that a missing CRL or access key, or a bundle over quota, is in the history too.
    const desired = await desiredState(target, actor, true, quotas);
    clients = clientsFor(target, options.requestTimeoutMs);
    const ctx = awsContext(clients, options);

    // 1. The CA bundle: uploaded once per content; the store is created or pointed at it.
    const storeBefore = arn ? await describeTrustStore(ctx, { arn }) : null;
    if (arn && !storeBefore) throw Object.assign(new Error(`Trust store ${arn} does not exist; check the ARN and region.`), { name: "TrustStoreNotFound" });
    if (!arn || target.bundleKey !== desired.bundleKey) {
      const put = await ensureObject(ctx, target.bucket, desired.bundleKey, desired.bundle.pem, "application/x-pem-file");
      await step(put.uploaded ? "bundle.uploaded" : "bundle.present", { key: desired.bundleKey, etag: put.etag, certificates: desired.bundle.count });
      if (!arn) {
        const created = await createTrustStore(ctx, target.trustStoreName!, target.bucket, desired.bundleKey);
        arn = created.arn;
        await saveTarget({ trustStoreArn: arn, bundleKey: desired.bundleKey });
        await step(created.created ? "truststore.created" : "truststore.found", { arn });
      } else {
        await modifyTrustStore(ctx, arn, target.bucket, desired.bundleKey);
        await saveTarget({ bundleKey: desired.bundleKey });
        await step("truststore.modified", { arn, key: desired.bundleKey });
      }
    }
    await waitActive(ctx, arn);

    // 2. CRLs: plan from what the store holds now (this is where a crashed run is picked up).
    let live = await describeRevocations(ctx, arn);
    const plan = planRotation({ owned, pendingAdd: parsePending(target.pendingAdd), live, desired: desired.crls });
    if (plan.adopted.length || plan.forgotten.length || target.pendingAdd) {
      owned = plan.owned;
      await saveTarget({ pendingAdd: null });
      await step("revocations.reconciled", { adopted: plan.adopted.map((a) => a.revocationId), forgotten: plan.forgotten });
    }
    checkRevocationQuotas(live, plan, quotas);

    for (const rotation of plan.rotations) {
      let keep: number | null = null;
      if (rotation.add) {
        const crl = desired.crls.find((c) => c.caSlug === rotation.caSlug)!;
        const put = await ensureObject(ctx, target.bucket, crl.key, crl.pem, "application/pkix-crl");
        await step(put.uploaded ? "crl.uploaded" : "crl.present", { ca: crl.caSlug, crlNumber: crl.crlNumber, key: crl.key, etag: put.etag });
        const knownIds = live.map((r) => r.revocationId);
        // Written before the call: if the answer is lost, the next run recognises the new id.
        await saveTarget({ pendingAdd: { caSlug: crl.caSlug, crlNumber: crl.crlNumber, key: crl.key, entries: crl.entries, knownIds } });
        await stillHeld();
        const id = await addRevocation(ctx, arn, target.bucket, crl.key, knownIds);
        owned = [...owned, { caSlug: crl.caSlug, revocationId: id, crlNumber: crl.crlNumber, key: crl.key, entries: crl.entries }];
        added.push(id);
        await saveTarget({ pendingAdd: null });
        await step("revocation.added", { ca: crl.caSlug, revocationId: id });
        // Confirm AWS read the whole CRL before the older list goes.
        const [confirmed] = await describeRevocations(ctx, arn, [id]);
        if (!confirmed || confirmed.entries !== crl.entries) {
          throw Object.assign(new Error(`RevocationId ${id} lists ${confirmed?.entries ?? "no"} revoked entries but CRL ${crl.crlNumber} of ${crl.caSlug} has ${crl.entries}; the older lists were kept.`), { name: "RevokedEntriesMismatch" });
        }
        await step("revocation.confirmed", { revocationId: id, entries: confirmed.entries });
        keep = id;
      }
      // Only Inkan's own older lists of this CA; lists others added are never touched.
      const toRemove = rotation.remove.filter((id) => id !== keep && owned.some((o) => o.revocationId === id));
      if (toRemove.length) {
        await stillHeld();
        await removeRevocations(ctx, arn, toRemove);
        owned = owned.filter((o) => !toRemove.includes(o.revocationId));
        removed.push(...toRemove);
        await saveTarget({});
        await step("revocations.removed", { ca: rotation.caSlug, revocationIds: toRemove });
      }
      live = await describeRevocations(ctx, arn);
    }
    if (plan.retire.length) {
      await stillHeld();
      await removeRevocations(ctx, arn, plan.retire);
      owned = owned.filter((o) => !plan.retire.includes(o.revocationId));
      removed.push(...plan.retire);
      await saveTarget({});
      await step("revocations.retired", { revocationIds: plan.retire });
    }
    const entries = desired.crls.reduce((sum, c) => sum + c.entries, 0);
    return await finish(run.id, target, actor, startedAt, clock, { journal, added, removed, entries }, null);
  } catch (err) {
    if (err instanceof SimulatedCrash) {
      crashed = true;
      throw err;
    }
    return await finish(run.id, target, actor, startedAt, clock, { journal, added, removed, entries: null }, failureOf(err));
  } finally {
    clients?.close();
    lease.stop();
    // A process that dies releases nothing: its lease runs out on its own.
    if (!crashed) await releaseLease(lock, run.id).catch(() => undefined);
  }
}

/**
 * Tests throw this from afterStep: the run stops as if its process died there, recording no
 * outcome and leaving its lease to expire.
 */
export class SimulatedCrash extends Error {
  constructor(step: string) {
    super(`simulated crash after ${step}`);
    this.name = "SimulatedCrash";
  }
}

async function finish(
  runId: string, target: TargetRow, actor: Actor, startedAt: Date, clock: () => Date,
  progress: { journal: JournalStep[]; added: number[]; removed: number[]; entries: number | null },
  error: { code: string; message: string } | null,
): Promise<DeployRunView> {
  const finishedAt = clock();
  const row = await getDb().$transaction(async (tx) => {
    const updated = await tx.deployRun.update({
      where: { id: runId },
      data: {
        status: error ? "FAILED" : "SUCCEEDED", finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime(),
        journal: JSON.stringify(progress.journal), revocationIdsAdded: JSON.stringify(progress.added), revocationIdsRemoved: JSON.stringify(progress.removed),
        entries: progress.entries, errorCode: error?.code ?? null, errorMessage: error?.message ?? null,
      },
    });
    if (!error) await tx.deployTarget.update({ where: { id: target.id }, data: { lastSuccessAt: finishedAt } });
    await recordEvent(tx, {
      actor,
      action: "deploy.run",
      target: { type: "deploy-target", id: target.name },
      outcome: error ? "FAILURE" : "SUCCESS",
      details: { run: runId, trigger: updated.trigger, added: progress.added, removed: progress.removed, entries: progress.entries, ...(error ? { errorCode: error.code, errorMessage: error.message } : {}) },
    }, finishedAt);
    return updated;
  });
  // DeployInProgress is not a failure of the trust store: the run holding the target reports
  // its own outcome, and a dead holder's lease expires within a minute.
  if (error && error.code !== DEPLOY_IN_PROGRESS) {
    // After the run is recorded: a mail server that is down must not lose the run's history.
    await raiseDeployAlert({ target: target.name, kind: "failure", message: `${error.code}: ${error.message}`, runId }, finishedAt)
      .catch((err) => console.error(`[inkan] deploy failure alert for ${target.name} not raised:`, err instanceof Error ? err.message : err));
  }
  return toRunView(row, target.name);
}
