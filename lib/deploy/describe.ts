import { clientsFor } from "./aws-clients";
import { findTargetRow, parseOwned } from "./data";
import { DEFAULT_RETRY } from "./retry";
import { describeRevocations, describeTrustStore } from "./trust-store";
import type { TrustStoreStatus } from "./types";

/** The trust store as AWS reports it (DescribeTrustStores + its revocation lists), or null before it exists. */
export async function describeTarget(targetName: string, options: { requestTimeoutMs?: number } = {}): Promise<TrustStoreStatus | null> {
  const target = await findTargetRow(targetName);
  const clients = clientsFor(target, options.requestTimeoutMs);
  const ctx = { s3: clients.s3, elbv2: clients.elbv2, retry: { ...DEFAULT_RETRY, attempts: 3 } };
  try {
    const store = target.trustStoreArn
      ? await describeTrustStore(ctx, { arn: target.trustStoreArn })
      : await describeTrustStore(ctx, { name: target.trustStoreName! });
    if (!store?.TrustStoreArn) return null;
    const owned = new Set(parseOwned(target.revocations).map((o) => o.revocationId));
    const revocations = await describeRevocations(ctx, store.TrustStoreArn);
    return {
      arn: store.TrustStoreArn,
      name: store.Name ?? "",
      status: store.Status ?? "UNKNOWN",
      numberOfCaCertificates: Number(store.NumberOfCaCertificates ?? 0),
      totalRevokedEntries: Number(store.TotalRevokedEntries ?? 0),
      revocations: revocations.map((r) => ({ ...r, ownedByInkan: owned.has(r.revocationId) })),
    };
  } finally {
    clients.close();
  }
}
