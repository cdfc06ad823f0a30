import { createHash } from "node:crypto";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDb, isUniqueViolation } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { systemClock } from "@/lib/clock";
import { loadDeliveryConfig } from "./data";
import { deliverClaimedAlert, deliveryContext, type DeliveryOutcome } from "./deliver";
import type { DeployAlertInput } from "./types";

const deployAlertSchema = z.object({
  target: z.string().trim().min(1, "Name the deploy target.").max(200),
  kind: z.enum(["failure", "stale-crl"]),
  message: z.string().trim().min(1, "Say what happened.").max(2000, "Keep the message under 2000 characters."),
  runId: z.string().trim().min(1).max(200).optional(),
});

/**
 * Raises an alert for a deploy target (for lib/deploy): a failed run, or a trust store that
 * holds an older CRL than the current one. One alert per run (runId), or per distinct message
 * when no runId is given. Delivered at once; a failed delivery is retried by the scheduler.
 * Returns created: false when this alert was raised before.
 */
export async function raiseDeployAlert(input: DeployAlertInput, now: Date = systemClock()): Promise<{ created: boolean; outcome?: DeliveryOutcome }> {
  const parsed = deployAlertSchema.safeParse(input);
  if (!parsed.success) {
    const text = (l: "en" | "ja") => parsed.error.issues.map((i) => `${i.path.join(".")}: ${issueText(i.message)[l]}`).join(" ");
    throw new InkanError("VALIDATION", { en: text("en"), ja: text("ja") });
  }
  const { target, kind, message, runId } = parsed.data;
  const discriminator = runId ?? createHash("sha256").update(message).digest("hex").slice(0, 32);
  let id: string;
  try {
    ({ id } = await getDb().alert.create({
      data: {
        kind: kind === "failure" ? "DEPLOY_FAILURE" : "DEPLOY_STALE_CRL", dedupKey: `deploy:${kind}:${target}:${discriminator}`,
        target, message, details: JSON.stringify(runId ? { runId } : {}), dueAt: now, status: "SENDING", claimedAt: now, createdAt: now,
      },
      select: { id: true },
    }));
  } catch (err) {
    if (isUniqueViolation(err)) return { created: false };
    throw err;
  }
  const ctx = deliveryContext(await loadDeliveryConfig(), getConfig().publicUrl);
  try {
    return { created: true, outcome: await deliverClaimedAlert(id, ctx, now) };
  } finally {
    ctx.close();
  }
}
