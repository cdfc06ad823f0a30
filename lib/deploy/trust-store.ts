import {
  AddTrustStoreRevocationsCommand, CreateTrustStoreCommand, DescribeTrustStoreRevocationsCommand, DescribeTrustStoresCommand,
  ModifyTrustStoreCommand, RemoveTrustStoreRevocationsCommand, type ElasticLoadBalancingV2Client, type TrustStore,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { InkanError } from "@/lib/errors";
import { awsErrorCode, realSleep, withRetry, type RetryPolicy, type Sleep } from "./retry";
import type { LiveRevocation } from "./plan";

// Thin, retried wrappers over the calls a deploy makes. Each says whether repeating it is safe.

export interface AwsContext {
  s3: S3Client;
  elbv2: ElasticLoadBalancingV2Client;
  retry: RetryPolicy;
  sleep?: Sleep;
}

const isCode = (err: unknown, code: string) => awsErrorCode(err) === code;

/**
 * Uploads `body` under `key` unless an object is already there (keys are content-addressed,
 * so an existing object is this content). Returns the ETag and whether it was uploaded.
 */
export async function ensureObject(ctx: AwsContext, bucket: string, key: string, body: string, contentType: string): Promise<{ etag: string | null; uploaded: boolean }> {
  const existing = await withRetry(async () => {
    try {
      const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { etag: head.ETag ?? null };
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (isCode(err, "NotFound") || isCode(err, "NoSuchKey") || status === 404) return null;
      // Without s3:ListBucket (the policy iam-policy.ts generates grants Get/PutObject only) S3
      // answers a HEAD of a missing key with 403, not 404. "Unknown" is treated as absent: the
      // key names its content (bundleKey, crlKey), so putting it again writes the same bytes.
      if (isCode(err, "Forbidden") || isCode(err, "AccessDenied") || status === 403) return null;
      throw err;
    }
  }, ctx.retry, { sleep: ctx.sleep });
  if (existing) return { etag: existing.etag, uploaded: false };
  // PutObject of the same bytes under the same key is idempotent: retried freely.
  const put = await withRetry(() => ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType })), ctx.retry, { sleep: ctx.sleep });
  return { etag: put.ETag ?? null, uploaded: true };
}

export async function describeTrustStore(ctx: AwsContext, by: { arn?: string; name?: string }): Promise<TrustStore | null> {
  try {
    const out = await withRetry(() => ctx.elbv2.send(new DescribeTrustStoresCommand(by.arn ? { TrustStoreArns: [by.arn] } : { Names: [by.name!] })), ctx.retry, { sleep: ctx.sleep });
    return out.TrustStores?.[0] ?? null;
  } catch (err) {
    if (isCode(err, "TrustStoreNotFound")) return null;
    throw err;
  }
}

/** Every revocation list of the trust store (all pages). */
export async function describeRevocations(ctx: AwsContext, arn: string, ids?: number[]): Promise<LiveRevocation[]> {
  const out: LiveRevocation[] = [];
  let marker: string | undefined;
  do {
    const page = await withRetry(
      () => ctx.elbv2.send(new DescribeTrustStoreRevocationsCommand({ TrustStoreArn: arn, Marker: marker, ...(ids ? { RevocationIds: ids } : {}) })),
      ctx.retry, { sleep: ctx.sleep },
    );
    for (const r of page.TrustStoreRevocations ?? []) {
      out.push({ revocationId: Number(r.RevocationId), entries: Number(r.NumberOfRevokedEntries ?? 0) });
    }
    marker = page.NextMarker;
  } while (marker);
  return out.sort((a, b) => a.revocationId - b.revocationId);
}

/**
 * CreateTrustStore is not idempotent: before a retry, and when the name is taken because an
 * earlier attempt (or a crashed run) created it, the store is looked up by name instead.
 */
export async function createTrustStore(ctx: AwsContext, name: string, bucket: string, key: string): Promise<{ arn: string; created: boolean }> {
  const lookUp = async () => {
    const found = await describeTrustStore(ctx, { name });
    return found?.TrustStoreArn ? { arn: found.TrustStoreArn, created: false } : undefined;
  };
  try {
    return await withRetry(async () => {
      const out = await ctx.elbv2.send(new CreateTrustStoreCommand({ Name: name, CaCertificatesBundleS3Bucket: bucket, CaCertificatesBundleS3Key: key }));
      const arn = out.TrustStores?.[0]?.TrustStoreArn;
      if (!arn) throw new InkanError("INTERNAL", { en: "CreateTrustStore answered without a trust store ARN.", ja: "CreateTrustStore の応答にトラストストアの ARN がありません。" });
      return { arn, created: true };
    }, ctx.retry, { sleep: ctx.sleep, beforeRetry: lookUp });
  } catch (err) {
    if (!isCode(err, "DuplicateTrustStoreName")) throw err;
    const found = await lookUp();
    if (!found) throw err;
    // Ours from an earlier attempt, or the operator's: either way it gets this bundle next.
    await modifyTrustStore(ctx, found.arn, bucket, key);
    return found;
  }
}

export async function modifyTrustStore(ctx: AwsContext, arn: string, bucket: string, key: string): Promise<void> {
  // Setting the same bundle again is harmless: retried freely.
  await withRetry(() => ctx.elbv2.send(new ModifyTrustStoreCommand({ TrustStoreArn: arn, CaCertificatesBundleS3Bucket: bucket, CaCertificatesBundleS3Key: key })), ctx.retry, { sleep: ctx.sleep });
}

/** Waits until the store is ACTIVE (revocations cannot be added while it is CREATING). */
export async function waitActive(ctx: AwsContext, arn: string): Promise<TrustStore> {
  // About a minute with the default policy (250 ms doubling, capped at 8 s, 12 polls).
  for (let i = 0; i < 12; i++) {
    const store = await describeTrustStore(ctx, { arn });
    if (!store) throw Object.assign(new Error(`Trust store ${arn} does not exist.`), { name: "TrustStoreNotFound" });
    if (store.Status === "ACTIVE") return store;
    await (ctx.sleep ?? realSleep)(Math.min(ctx.retry.maxDelayMs, ctx.retry.baseDelayMs * 2 ** i));
  }
  throw Object.assign(new Error(`Trust store ${arn} did not become ACTIVE; try again later.`), { name: "TrustStoreNotReady" });
}

/**
 * AddTrustStoreRevocations is not idempotent (each call makes a new list). Before a retry the
 * store is described: an id newer than those known before the call means the lost attempt
 * took effect, and that id is used instead of adding a duplicate.
 */
export async function addRevocation(ctx: AwsContext, arn: string, bucket: string, key: string, knownIds: readonly number[]): Promise<number> {
  const known = new Set(knownIds);
  return withRetry(async () => {
    const out = await ctx.elbv2.send(new AddTrustStoreRevocationsCommand({
      TrustStoreArn: arn,
      RevocationContents: [{ S3Bucket: bucket, S3Key: key, RevocationType: "CRL" }],
    }));
    const id = out.TrustStoreRevocations?.[0]?.RevocationId;
    if (id === undefined) throw new InkanError("INTERNAL", { en: "AddTrustStoreRevocations answered without a RevocationId.", ja: "AddTrustStoreRevocations の応答に RevocationId がありません。" });
    return Number(id);
  }, ctx.retry, {
    sleep: ctx.sleep,
    beforeRetry: async () => {
      const fresh = (await describeRevocations(ctx, arn)).filter((r) => !known.has(r.revocationId));
      return fresh.length ? Math.max(...fresh.map((r) => r.revocationId)) : undefined;
    },
  });
}

/** Removes lists; ids already gone (an earlier attempt removed them) are not an error. */
export async function removeRevocations(ctx: AwsContext, arn: string, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  try {
    await withRetry(() => ctx.elbv2.send(new RemoveTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationIds: [...ids] })), ctx.retry, { sleep: ctx.sleep });
    return [...ids];
  } catch (err) {
    if (!isCode(err, "RevocationIdNotFound")) throw err;
    const live = new Set((await describeRevocations(ctx, arn)).map((r) => r.revocationId));
    const still = ids.filter((id) => live.has(id));
    if (still.length) await withRetry(() => ctx.elbv2.send(new RemoveTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationIds: still })), ctx.retry, { sleep: ctx.sleep });
    return [...ids];
  }
}
