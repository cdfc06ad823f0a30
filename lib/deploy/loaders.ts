import { requireActor } from "@/lib/auth/guard";
import { ADMIN_ONLY } from "@/lib/auth";
import { listAuthorities } from "@/lib/ca";
import { isInkanError } from "@/lib/errors";
import { getTarget, listRuns, listTargets } from "./data";
import { describeTarget } from "./describe";
import { iamPolicyJson } from "./iam-policy";
import { awsErrorCode, awsErrorMessage } from "./retry";

/** RA → Deploy: the targets and the CAs a new one may bundle (ADMIN only). */
export async function loadDeployTargets() {
  await requireActor(ADMIN_ONLY);
  const [targets, cas] = await Promise.all([listTargets(), listAuthorities()]);
  return { targets, caSlugs: cas.map((c) => c.slug) };
}

/**
 * The edit form of a target (ADMIN only): its settings without the secret (only whether one is
 * stored), and the CAs it may bundle.
 */
export async function loadDeployTargetEdit(name: string) {
  await requireActor(ADMIN_ONLY);
  const [target, cas] = await Promise.all([getTarget(name), listAuthorities()]);
  return { target, caSlugs: cas.map((c) => c.slug) };
}

/** One target: what AWS reports, the IAM policy and a page of run history (ADMIN only). */
export async function loadDeployTarget(name: string, before?: { startedAt: string; id: string }) {
  await requireActor(ADMIN_ONLY);
  const target = await getTarget(name);
  const cursor = before && !Number.isNaN(Date.parse(before.startedAt)) ? { startedAt: new Date(before.startedAt), id: before.id } : undefined;
  const history = await listRuns(name, cursor);
  let status: Awaited<ReturnType<typeof describeTarget>> = null;
  let statusError: string | null = null;
  try {
    status = await describeTarget(name, { requestTimeoutMs: 3_000 });
  } catch (err) {
    // The page still shows the history and the policy when AWS is unreachable or refuses.
    statusError = isInkanError(err) ? err.message : `${awsErrorCode(err)}: ${awsErrorMessage(err)}`;
  }
  const policy = iamPolicyJson({ ...target, trustStoreArn: status?.arn ?? target.trustStoreArn });
  return { target, status, statusError, policy, runs: history.runs, next: history.next };
}

/** The deploy targets an ACM import may go through (ADMIN only), for the certificate page's panel. */
export async function loadAcmTargets(): Promise<string[]> {
  await requireActor(ADMIN_ONLY);
  return (await listTargets()).map((t) => t.name);
}
