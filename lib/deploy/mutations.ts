import { randomUUID } from "node:crypto";
import { getDb, isUniqueViolation, toBytes } from "@/lib/db";
import { InkanError, NAME_TAKEN, type LocalizedText } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { recordEvent, type Actor } from "@/lib/audit";
import { sealSecret } from "@/lib/secrets";
import { secretKeyPurpose } from "./aws-clients";
import { normalizePrefix } from "./bundle";
import { findTargetRow, isTrustStoreManaged, parseOwned, toTargetView } from "./data";
import { targetLock } from "./deploy";
import { acquireLease, releaseLease } from "./lease";
import { deployTargetSchema, trustStoreChoiceIssues, deployTargetUpdateSchema, type DeployTargetInput, type DeployTargetUpdateInput } from "./schema";
import type { DeployTargetView } from "./types";

// Field errors are named by the top-level form field (an empty CA in caSlugs is "caSlugs").
function validation(issues: { path: PropertyKey[]; message: string }[]): InkanError {
  const errors = issues.map((i) => ({ field: String(i.path[0] ?? "form"), message: issueText(i.message) }));
  return new InkanError("VALIDATION", { en: errors.map((e) => e.message.en).join(" "), ja: errors.map((e) => e.message.ja).join(" ") }, { errors });
}

function fieldError(field: string, message: LocalizedText, summary = message): InkanError {
  return new InkanError("VALIDATION", summary, { errors: [{ field, message }] });
}

async function checkCas(slugs: string[]): Promise<void> {
  const known = await getDb().certificateAuthority.findMany({ where: { slug: { in: slugs } }, select: { slug: true } });
  const missing = slugs.filter((s) => !known.some((k) => k.slug === s));
  if (missing.length) throw fieldError("caSlugs",
    { en: `Unknown CA: ${missing.join(", ")}`, ja: `不明な認証局: ${missing.join(", ")}` },
    { en: `No CA named ${missing.join(", ")}. Choose CAs from the list.`, ja: `認証局 ${missing.join(", ")} はありません。一覧から選んでください。` });
}

function checkArnRegion(arn: string | null | undefined, region: string, field: "trustStoreArn" | "region"): void {
  if (!arn || arn.includes(`:${region}:`)) return;
  if (field === "trustStoreArn") throw fieldError(field,
      { en: `The ARN's region is not ${region}.`, ja: `ARN のリージョンが ${region} ではありません。` },
      { en: `The trust store ARN is in another region than ${region}.`, ja: `トラストストアの ARN が ${region} とは別のリージョンです。` });
  throw fieldError(field,
    { en: `The trust store ${arn} is in another region; the region stays while Inkan manages it.`, ja: `トラストストア ${arn} は別のリージョンにあります。Inkan が管理している間、リージョンは変えられません。` },
    { en: `The trust store this target manages is not in ${region}.`, ja: `このデプロイ先が管理するトラストストアは ${region} にありません。` });
}

/** Adds a deploy target; a stored secret access key is sealed before it is written. */
export async function createTarget(input: DeployTargetInput, actor: Actor, now = new Date()): Promise<DeployTargetView> {
  const parsed = deployTargetSchema.safeParse(input);
  if (!parsed.success) throw validation(parsed.error.issues);
  const v = parsed.data;
  const slugs = [...new Set(v.caSlugs)];
  await checkCas(slugs);
  checkArnRegion(v.trustStoreArn, v.region, "trustStoreArn");
  const id = randomUUID();
  const stored = v.credentialsMode === "STORED";
  try {
    const row = await getDb().$transaction(async (tx) => {
      const created = await tx.deployTarget.create({
        data: {
          id, name: v.name, region: v.region, bucket: v.bucket, keyPrefix: normalizePrefix(v.keyPrefix), caSlugs: JSON.stringify(slugs),
          trustStoreArn: v.trustStoreArn ?? null, trustStoreName: v.trustStoreArn ? null : v.trustStoreName ?? null,
          s3Endpoint: v.s3Endpoint ?? null, elbv2Endpoint: v.elbv2Endpoint ?? null, acmEndpoint: v.acmEndpoint ?? null,
          credentialsMode: v.credentialsMode,
          accessKeyId: stored ? v.accessKeyId : null,
          secretKeySealed: stored && v.secretAccessKey ? toBytes(sealSecret(Buffer.from(v.secretAccessKey, "utf8"), secretKeyPurpose(id))) : null,
          createdAt: now,
        },
      });
      await recordEvent(tx, {
        actor,
        action: "deploy.target.create",
        target: { type: "deploy-target", id: v.name },
        // The access key ID identifies the key; the secret is never in an audit event.
        details: { region: v.region, bucket: v.bucket, keyPrefix: created.keyPrefix, cas: slugs, trustStore: v.trustStoreArn ?? `create:${v.trustStoreName}`, credentials: v.credentialsMode, accessKeyId: created.accessKeyId, endpointOverride: Boolean(v.s3Endpoint || v.elbv2Endpoint || v.acmEndpoint) },
      }, now);
      return created;
    });
    return toTargetView(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new InkanError("CONFLICT", { en: `A deploy target named "${v.name}" already exists.`, ja: `デプロイ先「${v.name}」はすでにあります。` }, { errors: [{ field: "name", message: NAME_TAKEN }] });
    throw err;
  }
}

/**
 * Holds the target's deploy lock while an edit or a deletion is written, so that no run is
 * changing the trust store (or recording what it did) under it.
 */
async function withTargetHeld<T>(target: { id: string; name: string }, now: Date, work: () => Promise<T>): Promise<T> {
  const holder = `edit:${randomUUID()}`;
  if (!(await acquireLease(targetLock(target.id), holder, 60_000, now))) {
    throw new InkanError("CONFLICT", { en: `A deploy of ${target.name} is running; try again once it has finished (see the run history).`, ja: `${target.name} のデプロイが実行中です。終了してからもう一度試してください(実行履歴を参照)。` });
  }
  try {
    return await work();
  } finally {
    await releaseLease(targetLock(target.id), holder);
  }
}

const storeOf = (row: { trustStoreArn: string | null; trustStoreName: string | null }) => row.trustStoreArn ?? `create:${row.trustStoreName}`;

/**
 * Edits a deploy target: region, bucket and prefix, the CAs in the bundle, endpoints and
 * credentials. The secret access key stays sealed as it is unless a new one is typed (a new
 * access key ID needs its secret); the default provider chain drops it. The trust store may
 * change only until Inkan first writes to it: after that its recorded bundle and RevocationIds
 * belong to that store, and pointing the target elsewhere would orphan them.
 */
export async function updateTarget(name: string, input: DeployTargetUpdateInput, actor: Actor, now = new Date()): Promise<DeployTargetView> {
  const parsed = deployTargetUpdateSchema.safeParse(input);
  if (!parsed.success) throw validation(parsed.error.issues);
  const v = parsed.data;
  const row = await findTargetRow(name);
  const slugs = [...new Set(v.caSlugs)];
  await checkCas(slugs);

  let store: { trustStoreArn: string | null; trustStoreName: string | null };
  if (isTrustStoreManaged(row)) {
    // The edit form sends neither field then; an API caller may repeat the current values.
    if ((v.trustStoreArn && v.trustStoreArn !== row.trustStoreArn) || (v.trustStoreName && v.trustStoreName !== row.trustStoreName)) {
      throw fieldError("trustStoreArn",
        { en: "Inkan manages this trust store; it cannot be changed. Add a new target for another trust store.", ja: "このトラストストアは Inkan が管理しているため変更できません。別のトラストストアには新しいデプロイ先を追加してください。" },
        { en: `Target ${name} keeps trust store ${row.trustStoreArn ?? row.trustStoreName}: Inkan's bundle and RevocationIds are in it.`, ja: `デプロイ先 ${name} はトラストストア ${row.trustStoreArn ?? row.trustStoreName} を使い続けます。Inkan のバンドルと RevocationId がそこにあります。` });
    }
    store = { trustStoreArn: row.trustStoreArn, trustStoreName: row.trustStoreName };
    checkArnRegion(row.trustStoreArn, v.region, "region");
  } else {
    const issues = trustStoreChoiceIssues(v);
    if (issues.length) throw validation(issues);
    checkArnRegion(v.trustStoreArn, v.region, "trustStoreArn");
    store = { trustStoreArn: v.trustStoreArn ?? null, trustStoreName: v.trustStoreArn ? null : v.trustStoreName ?? null };
  }

  let credentials: { accessKeyId: string | null; secretKeySealed: Uint8Array<ArrayBuffer> | null } | null = null; // null: keep the sealed secret
  let credentialChange: "unchanged" | "kept" | "replaced" | "dropped";
  if (v.credentialsMode === "DEFAULT") {
    credentials = { accessKeyId: null, secretKeySealed: null };
    credentialChange = row.credentialsMode === "STORED" || row.secretKeySealed ? "dropped" : "unchanged";
  } else if (v.secretAccessKey) {
    credentials = { accessKeyId: v.accessKeyId!, secretKeySealed: toBytes(sealSecret(Buffer.from(v.secretAccessKey, "utf8"), secretKeyPurpose(row.id))) };
    credentialChange = "replaced";
  } else if (row.credentialsMode === "STORED" && row.secretKeySealed && row.accessKeyId === v.accessKeyId) {
    credentialChange = "kept";
  } else {
    throw fieldError("secretAccessKey", row.secretKeySealed && row.credentialsMode === "STORED"
      ? { en: "A new access key ID needs its secret access key.", ja: "新しいアクセスキー ID にはシークレットアクセスキーが必要です。" }
      : { en: "Type the secret access key to store.", ja: "保存するシークレットアクセスキーを入力してください。" },
    issueText("A stored access key needs both the access key ID and the secret access key."));
  }

  const next = {
    region: v.region, bucket: v.bucket, keyPrefix: normalizePrefix(v.keyPrefix), caSlugs: JSON.stringify(slugs), ...store,
    s3Endpoint: v.s3Endpoint ?? null, elbv2Endpoint: v.elbv2Endpoint ?? null, acmEndpoint: v.acmEndpoint ?? null,
    credentialsMode: v.credentialsMode, ...(credentials ? { accessKeyId: credentials.accessKeyId } : {}),
  };
  const changed: string[] = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== row[k]);
  if (credentialChange === "replaced" || credentialChange === "dropped") changed.push("secret");
  if (!changed.length) return toTargetView(row);

  const updated = await withTargetHeld(row, now, () => getDb().$transaction(async (tx) => {
    const saved = await tx.deployTarget.update({
      where: { id: row.id },
      data: { ...next, ...(credentials ? { secretKeySealed: credentials.secretKeySealed } : {}) },
    });
    await recordEvent(tx, {
      actor,
      action: "deploy.target.update",
      target: { type: "deploy-target", id: name },
      // Which fields changed and what they are now; the secret only as kept, replaced or dropped.
      details: {
        changed,
        region: saved.region, bucket: saved.bucket, keyPrefix: saved.keyPrefix, cas: slugs, casBefore: JSON.parse(row.caSlugs) as string[],
        trustStore: storeOf(saved), credentials: saved.credentialsMode, accessKeyId: saved.accessKeyId, credentialChange,
        endpointOverride: Boolean(saved.s3Endpoint || saved.elbv2Endpoint || saved.acmEndpoint),
      },
    }, now);
    return saved;
  }));
  return toTargetView(updated);
}

/**
 * Deletes a deploy target: Inkan stops managing its trust store. Nothing is deleted in AWS (the
 * trust store, its bundle, Inkan's revocation lists and the S3 objects stay as they are). The
 * target's run history and its ACM import records go with it; the audit log keeps every
 * deploy.run event and this deletion, with the RevocationIds left behind.
 */
export async function deleteTarget(name: string, actor: Actor, now = new Date()): Promise<void> {
  const row = await findTargetRow(name);
  await withTargetHeld(row, now, () => getDb().$transaction(async (tx) => {
    const [runs, acmImports] = await Promise.all([
      tx.deployRun.count({ where: { targetId: row.id } }),
      tx.acmCertificate.count({ where: { targetId: row.id } }),
    ]);
    await tx.deployTarget.delete({ where: { id: row.id } }); // runs and ACM import records cascade
    await recordEvent(tx, {
      actor,
      action: "deploy.target.delete",
      target: { type: "deploy-target", id: name },
      details: {
        trustStore: storeOf(row), bucket: row.bucket, keyPrefix: row.keyPrefix, cas: JSON.parse(row.caSlugs) as string[],
        revocationIdsLeftInAws: parseOwned(row.revocations).map((o) => o.revocationId),
        runsDeleted: runs, acmImportsForgotten: acmImports,
      },
    }, now);
  }));
}
