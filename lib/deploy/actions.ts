"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/guard";
import { ADMIN_ONLY } from "@/lib/auth";
import { runAction, type ActionResult } from "@/lib/action-result";
import { InkanError } from "@/lib/errors";
import { exportForAcm, importToAcm, type AcmPems } from "./acm";
import { getRun } from "./data";
import { deployTarget, type DeployOutcome } from "./deploy";
import { createTarget, deleteTarget, updateTarget } from "./mutations";

/** The target form's fields; the trust store ones are absent when the edit form shows them read-only. */
function targetFields(form: FormData) {
  const get = (k: string) => String(form.get(k) ?? "");
  const optional = (k: string) => (form.has(k) ? get(k) : undefined);
  return {
    region: get("region"), bucket: get("bucket"), keyPrefix: get("keyPrefix"),
    caSlugs: form.getAll("caSlugs").map(String),
    trustStoreArn: optional("trustStoreArn"), trustStoreName: optional("trustStoreName"),
    credentialsMode: get("credentialsMode") === "STORED" ? "STORED" as const : "DEFAULT" as const,
    accessKeyId: get("accessKeyId"), secretAccessKey: get("secretAccessKey"),
    s3Endpoint: get("s3Endpoint"), elbv2Endpoint: get("elbv2Endpoint"), acmEndpoint: get("acmEndpoint"),
  };
}

/** RA (ADMIN): add a deploy target from the form. */
export async function createTargetAction(_prev: unknown, form: FormData): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const target = await createTarget({ name: String(form.get("name") ?? ""), ...targetFields(form) }, actor);
    revalidatePath("/ra/deploy");
    return { name: target.name };
  });
}

/** RA (ADMIN): save the edit form of a target (bound to its name). */
export async function updateTargetAction(name: string, _prev: unknown, form: FormData): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const target = await updateTarget(name, targetFields(form), actor);
    revalidatePath("/ra/deploy");
    revalidatePath(`/ra/deploy/${target.name}`);
    return { name: target.name };
  });
}

/** RA (ADMIN): delete a target after the confirmation dialog; nothing is deleted in AWS. */
export async function deleteTargetAction(name: string): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await deleteTarget(String(name), actor);
    revalidatePath("/ra/deploy");
    return { name };
  });
}

/** RA (ADMIN): deploy a target now, or only plan it (dry run). */
export async function deployAction(name: string, dryRun: boolean): Promise<ActionResult<DeployOutcome>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const outcome = await deployTarget(name, actor, { dryRun, trigger: "MANUAL" });
    if (!dryRun) revalidatePath(`/ra/deploy/${name}`);
    return outcome;
  });
}

/** RA (ADMIN): run a failed deploy again; it resumes from what the target recorded. */
export async function retryRunAction(runId: string): Promise<ActionResult<DeployOutcome>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const failed = await getRun(runId);
    if (failed.status !== "FAILED") throw new InkanError("CONFLICT", { en: "Only a failed run can be retried.", ja: "再試行できるのは失敗した実行だけです。" });
    const outcome = await deployTarget(failed.targetName, actor, { trigger: "RETRY", retryOf: failed.id });
    revalidatePath(`/ra/deploy/${failed.targetName}`);
    return outcome;
  });
}

/** RA (ADMIN): import a server certificate into ACM through a target. */
export async function importToAcmAction(serial: string, targetName: string): Promise<ActionResult<{ certificateArn: string; reimported: boolean }>> {
  return runAction(async () => importToAcm(serial, targetName, await requireActor(ADMIN_ONLY)));
}

/** RA (ADMIN): the three PEMs for a manual ACM import, after the administrator re-types their password. */
export async function exportForAcmAction(serial: string, password: string): Promise<ActionResult<AcmPems>> {
  return runAction(async () => exportForAcm(serial, await requireActor(ADMIN_ONLY), password));
}
