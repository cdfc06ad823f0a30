// Shared fixtures for the deploy tests: a local AWS (real SDK clients, tests/support/aws-local),
// a target pointing at it, and a quick way to issue and revoke certificates.
import { createAccount } from "../../lib/accounts";
import { issueFromCsr, revokeCertificate } from "../../lib/ca";
import { createTarget, getTarget, updateTarget, type DeployTargetUpdateInput } from "../../lib/deploy";
import type { LocalAws } from "../support/aws-local";
import { TEST_ACTOR, makeCsr } from "../helpers/services";

export const BUCKET = "inkan-trust";
// Fast, still exponential: a test never waits seconds for a backoff.
export const FAST_RETRY = { attempts: 6, baseDelayMs: 5, maxDelayMs: 40 };

let counter = 0;

export async function makeTarget(aws: LocalAws, overrides: Record<string, unknown> = {}) {
  counter++;
  return createTarget({
    name: `t${counter}-${Date.now().toString(36)}`,
    region: aws.region,
    bucket: BUCKET,
    keyPrefix: "inkan/alb",
    caSlugs: ["ia1"],
    trustStoreName: `ts-${counter}-${Date.now().toString(36)}`,
    credentialsMode: "STORED",
    accessKeyId: aws.credentials.accessKeyId,
    secretAccessKey: aws.credentials.secretAccessKey,
    s3Endpoint: aws.s3Endpoint,
    elbv2Endpoint: aws.elbv2Endpoint,
    acmEndpoint: aws.acmEndpoint,
    ...overrides,
  }, TEST_ACTOR);
}

/**
 * Edits a target as the edit form does: every field as it is now (the trust store left out once
 * Inkan manages it, the secret left empty so the sealed one is kept), with `changes` on top.
 */
export async function editTarget(name: string, changes: Partial<DeployTargetUpdateInput> = {}) {
  return updateTarget(name, { ...(await editFormOf(name)), ...changes }, TEST_ACTOR);
}

export async function editFormOf(name: string): Promise<DeployTargetUpdateInput> {
  const t = await getTarget(name);
  return {
    region: t.region, bucket: t.bucket, keyPrefix: t.keyPrefix, caSlugs: t.caSlugs,
    ...(t.trustStoreManaged ? {} : { trustStoreArn: t.trustStoreArn ?? "", trustStoreName: t.trustStoreArn ? "" : t.trustStoreName ?? "" }),
    credentialsMode: t.credentialsMode, accessKeyId: t.accessKeyId ?? "", secretAccessKey: "",
    s3Endpoint: t.s3Endpoint ?? "", elbv2Endpoint: t.elbv2Endpoint ?? "", acmEndpoint: t.acmEndpoint ?? "",
  };
}

export async function ensureAccount(name: string) {
  try {
    await createAccount({ kind: "server", name, hostnames: [`${name}.example.test`] }, TEST_ACTOR);
  } catch {
    // already there
  }
}

/** Issues one certificate and revokes it; returns the serial as ALB prints it. */
export async function revokeOne(account = "web1"): Promise<string> {
  await ensureAccount(account);
  const cert = await issueFromCsr({ account, csr: makeCsr("p256", { dns: [`${account}.example.test`] }).pem }, TEST_ACTOR);
  await revokeCertificate({ serial: cert.serial, reason: "keyCompromise" }, TEST_ACTOR);
  return cert.serial.toUpperCase().replace(/^0+(?=.)/, "");
}

/**
 * The no-gap rule over a whole history: after every change, every serial in `mustList(seq)`
 * is listed by some revocation list of the store.
 */
export function gaps(aws: LocalAws, arn: string, revokedSoFar: (seq: number) => string[]): string[] {
  const problems: string[] = [];
  for (const change of aws.elbv2.history()) {
    if (change.trustStoreArn !== arn || !change.state) continue;
    const listed = new Set(change.state.revocations.flatMap((r) => r.serials));
    for (const serial of revokedSoFar(change.seq)) {
      if (!listed.has(serial)) problems.push(`after #${change.seq} ${change.operation}: ${serial} is not listed`);
    }
  }
  return problems;
}

/**
 * gaps() for a test that does not track its own revocations: a serial the store listed at some
 * change must stay listed at every later one (whatever faults, crashes or retries came between).
 */
export function gapsAfterListing(aws: LocalAws, arn: string): string[] {
  const firstListed = new Map<string, number>();
  for (const change of aws.elbv2.history()) {
    if (change.trustStoreArn !== arn || !change.state) continue;
    for (const serial of change.state.revocations.flatMap((r) => r.serials)) {
      if (!firstListed.has(serial)) firstListed.set(serial, change.seq);
    }
  }
  return gaps(aws, arn, (seq) => [...firstListed].filter(([, first]) => first < seq).map(([serial]) => serial));
}
