import { randomUUID } from "node:crypto";
import { getDb, isUniqueViolation, toBytes } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { sealSecret } from "@/lib/secrets";
import { secretKeyPurpose } from "./aws-clients";
import { normalizePrefix } from "./bundle";
import { toTargetView } from "./data";
import { deployTargetSchema, type DeployTargetInput } from "./schema";
import type { DeployTargetView } from "./types";

function validation(issues: { path: PropertyKey[]; message: string }[]): InkanError {
  const errors = issues.map((i) => ({ field: String(i.path[0] ?? "form"), message: i.message }));
  return new InkanError("VALIDATION", errors.map((e) => e.message).join(" "), { errors });
}

/** Adds a deploy target; a stored secret access key is sealed before it is written. */
export async function createTarget(input: DeployTargetInput, actor: Actor, now = new Date()): Promise<DeployTargetView> {
  const parsed = deployTargetSchema.safeParse(input);
  if (!parsed.success) throw validation(parsed.error.issues);
  const v = parsed.data;
  const slugs = [...new Set(v.caSlugs)];
  const known = await getDb().certificateAuthority.findMany({ where: { slug: { in: slugs } }, select: { slug: true } });
  const missing = slugs.filter((s) => !known.some((k) => k.slug === s));
  if (missing.length) throw new InkanError("VALIDATION", `No CA named ${missing.join(", ")}. Choose CAs from the list.`, { errors: [{ field: "caSlugs", message: `Unknown CA: ${missing.join(", ")}` }] });
  if (v.trustStoreArn && !v.trustStoreArn.includes(`:${v.region}:`)) {
    throw new InkanError("VALIDATION", `The trust store ARN is in another region than ${v.region}.`, { errors: [{ field: "trustStoreArn", message: `The ARN's region is not ${v.region}.` }] });
  }
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
    if (isUniqueViolation(err)) throw new InkanError("CONFLICT", `A deploy target named "${v.name}" already exists.`, { errors: [{ field: "name", message: "This name is taken." }] });
    throw err;
  }
}
