import { getDb } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import type { OwnedRevocation, PendingAdd } from "./plan";
import type { DeployTrigger } from "./schema";
import { DEPLOY_IN_PROGRESS, type DeployRunStatus, type DeployRunView, type DeployTargetView, type JournalStep } from "./types";

type TargetRow = NonNullable<Awaited<ReturnType<ReturnType<typeof getDb>["deployTarget"]["findUnique"]>>>;

export function parseOwned(json: string): OwnedRevocation[] {
  return JSON.parse(json) as OwnedRevocation[];
}

export function parsePending(json: string | null): PendingAdd | null {
  return json ? (JSON.parse(json) as PendingAdd) : null;
}

/** Whether Inkan has written to the target's trust store (see DeployTargetView.trustStoreManaged). */
export function isTrustStoreManaged(row: Pick<TargetRow, "bundleKey" | "revocations" | "pendingAdd">): boolean {
  return row.bundleKey !== null || parseOwned(row.revocations).length > 0 || row.pendingAdd !== null;
}

export function toTargetView(row: TargetRow): DeployTargetView {
  return {
    id: row.id, name: row.name, region: row.region, bucket: row.bucket, keyPrefix: row.keyPrefix,
    caSlugs: JSON.parse(row.caSlugs) as string[],
    trustStoreArn: row.trustStoreArn, trustStoreName: row.trustStoreName,
    s3Endpoint: row.s3Endpoint, elbv2Endpoint: row.elbv2Endpoint, acmEndpoint: row.acmEndpoint,
    credentialsMode: row.credentialsMode === "STORED" ? "STORED" : "DEFAULT",
    accessKeyId: row.accessKeyId,
    secretStored: row.secretKeySealed !== null,
    trustStoreManaged: isTrustStoreManaged(row),
    bundleKey: row.bundleKey,
    revocationIds: parseOwned(row.revocations).map((o) => o.revocationId),
    lastSuccessAt: row.lastSuccessAt,
    createdAt: row.createdAt,
  };
}

/** The full row (with the sealed key) for the deploy use case; never handed to a page. */
export async function findTargetRow(name: string): Promise<TargetRow> {
  const row = await getDb().deployTarget.findUnique({ where: { name } });
  if (!row) throw new InkanError("NOT_FOUND", { en: `No deploy target named "${name}".`, ja: `デプロイ先「${name}」はありません。` });
  return row;
}

export async function getTarget(name: string): Promise<DeployTargetView> {
  return toTargetView(await findTargetRow(name));
}

export async function listTargets(): Promise<DeployTargetView[]> {
  const rows = await getDb().deployTarget.findMany({ orderBy: { name: "asc" } });
  return rows.map(toTargetView);
}

type RunRow = NonNullable<Awaited<ReturnType<ReturnType<typeof getDb>["deployRun"]["findUnique"]>>>;

function bundleChangeOf(journal: JournalStep[]): DeployRunView["bundleChange"] {
  const store = journal.find((s) => s.step === "truststore.created" || s.step === "truststore.found" || s.step === "truststore.modified");
  if (!store) return null;
  const bundle = journal.find((s) => s.step === "bundle.uploaded" || s.step === "bundle.present");
  return { operation: store.step === "truststore.modified" ? "ModifyTrustStore" : "CreateTrustStore", certificates: Number(bundle?.detail?.certificates ?? 0) };
}

export function toRunView(row: RunRow, targetName: string): DeployRunView {
  const journal = JSON.parse(row.journal) as JournalStep[];
  return {
    id: row.id, targetName, trigger: row.trigger as DeployTrigger, actor: row.actor, status: row.status as DeployRunStatus,
    retryOf: row.retryOf, startedAt: row.startedAt, finishedAt: row.finishedAt, durationMs: row.durationMs,
    journal,
    revocationIdsAdded: JSON.parse(row.revocationIdsAdded) as number[],
    revocationIdsRemoved: JSON.parse(row.revocationIdsRemoved) as number[],
    entries: row.entries, errorCode: row.errorCode, errorMessage: row.errorMessage,
    bundleChange: bundleChangeOf(journal),
  };
}

export const RUN_PAGE = 20;

/** A target's runs, newest first, keyset-paginated by (startedAt, id). */
export async function listRuns(targetName: string, before?: { startedAt: Date; id: string }, take = RUN_PAGE): Promise<{ runs: DeployRunView[]; next: { startedAt: Date; id: string } | null }> {
  const target = await findTargetRow(targetName);
  const rows = await getDb().deployRun.findMany({
    where: {
      targetId: target.id,
      ...(before ? { OR: [{ startedAt: { lt: before.startedAt } }, { startedAt: before.startedAt, id: { lt: before.id } }] } : {}),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const page = rows.slice(0, take);
  const last = page[page.length - 1];
  return { runs: page.map((r) => toRunView(r, target.name)), next: rows.length > take && last ? { startedAt: last.startedAt, id: last.id } : null };
}

export async function getRun(id: string): Promise<DeployRunView> {
  const row = await getDb().deployRun.findUnique({ where: { id }, include: { target: { select: { name: true } } } });
  if (!row) throw new InkanError("NOT_FOUND", { en: `No deploy run ${id}.`, ja: `デプロイ実行 ${id} はありません。` });
  return toRunView(row, row.target.name);
}

/** Number, time and size of each CA's newest CRL (without its bytes): what the schedule compares. */
export async function latestCrlHeads(slugs: readonly string[]): Promise<Array<{ caSlug: string; number: number; thisUpdate: Date; nextUpdate: Date; entries: number }>> {
  const heads = [];
  for (const slug of slugs) {
    const crl = await getDb().crl.findFirst({
      where: { ca: { slug } }, orderBy: { number: "desc" },
      select: { number: true, thisUpdate: true, nextUpdate: true, entries: true },
    });
    if (crl) heads.push({ caSlug: slug, ...crl });
  }
  return heads;
}

/**
 * The newest run of a target that counts for the schedule's back-off after a failure: a run
 * refused because another held the target changed nothing and failed nothing, so it is skipped.
 */
export async function lastRunOf(targetId: string) {
  return getDb().deployRun.findFirst({
    // `not` alone would also drop the rows whose errorCode is NULL (SQL three-valued logic).
    where: { targetId, OR: [{ errorCode: null }, { errorCode: { not: DEPLOY_IN_PROGRESS } }] },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: { status: true, finishedAt: true, startedAt: true },
  });
}

/** A certificate with its sealed server-held key and CA chain, for ACM (never handed to a page). */
export async function findCertificateForAcm(serial: string) {
  const rows = await getDb().certificate.findMany({
    where: { serial: serial.toLowerCase() },
    include: { ca: { select: { id: true, slug: true, keyAlgorithm: true, certificateDer: true, parentId: true } }, account: { select: { id: true, name: true, kind: true } } },
    take: 2,
  });
  if (rows.length === 0) throw new InkanError("NOT_FOUND", { en: `No certificate with serial ${serial}.`, ja: `シリアル番号 ${serial} の証明書はありません。` });
  if (rows.length > 1) throw new InkanError("CONFLICT", { en: `Serial ${serial} exists under several CAs.`, ja: `シリアル番号 ${serial} は複数の認証局にあります。` });
  const row = rows[0];
  // The issuing CA first, then its parents up to the root (ACM wants the chain in that order).
  const chain: Buffer[] = [Buffer.from(row.ca.certificateDer)];
  let parentId = row.ca.parentId;
  for (let depth = 0; parentId && depth < 8; depth++) {
    const parent = await getDb().certificateAuthority.findUnique({ where: { id: parentId }, select: { certificateDer: true, parentId: true } });
    if (!parent) break;
    chain.push(Buffer.from(parent.certificateDer));
    parentId = parent.parentId;
  }
  return { ...row, chainDer: chain };
}

export async function findAcmImport(targetId: string, accountId: string) {
  return getDb().acmCertificate.findUnique({ where: { targetId_accountId: { targetId, accountId } } });
}

export async function adminPasswordHash(adminId: string): Promise<string | null> {
  const admin = await getDb().admin.findUnique({ where: { id: adminId }, select: { passwordHash: true, status: true } });
  return admin?.status === "ACTIVE" ? admin.passwordHash : null;
}
