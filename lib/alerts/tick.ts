import { getConfig } from "@/lib/config";
import { getDb, isUniqueViolation } from "@/lib/db";
import { systemClock, type Clock } from "@/lib/clock";
import { loadDeliveryConfig, type DeliveryConfig } from "./data";
import { deliverClaimedAlert, deliveryContext, dropAlert, type DeliveryOutcome } from "./deliver";
import { crlNeedsAlert, DAY_MS, dueWarningStep, EXPIRY_WARNING_STEPS } from "./schedule";
import type { CrlAlertDetails } from "./types";

const PAGE = 500;
/** A claim older than this was left by an instance that stopped mid-send. */
const INTERRUPTED_AFTER_MS = 15 * 60_000;
const LOOKAHEAD_MS = Math.max(...EXPIRY_WARNING_STEPS) * DAY_MS;

export interface AlertsTickReport {
  sent: number;
  retry: number;
  dropped: number;
}

/**
 * An alert whose sender stopped mid-send (crash, restart) is not resent: the mail may have
 * gone out, and a duplicate is worse than one missing step (the next step warns again).
 */
async function dropInterrupted(now: Date): Promise<void> {
  await getDb().alert.updateMany({
    where: { status: "SENDING", claimedAt: { lt: new Date(now.getTime() - INTERRUPTED_AFTER_MS) } },
    data: { status: "DROPPED", claimedAt: null, lastError: "The sender stopped while delivering this alert; it is not resent, to avoid a duplicate." },
  });
}

/** Takes over failed deliveries (one instance wins each), dropping warnings that are no longer current. */
async function claimRetries(now: Date): Promise<{ claimed: string[]; dropped: number }> {
  const db = getDb();
  const rows = await db.alert.findMany({
    where: { status: "RETRY" },
    select: { id: true, kind: true, step: true, certificate: { select: { status: true, notBefore: true, notAfter: true } } },
    orderBy: { createdAt: "asc" },
    take: PAGE,
  });
  const claimed: string[] = [];
  let dropped = 0;
  for (const row of rows) {
    const c = row.certificate;
    if (row.kind === "EXPIRY_WARNING") {
      if (!c || c.status !== "ISSUED") {
        await dropAlert(row.id, "The certificate was revoked before the warning could be delivered.");
        dropped++;
        continue;
      }
      const due = dueWarningStep(c, now);
      if (due !== row.step) {
        await dropAlert(row.id, due === null ? "The certificate expired before the warning could be delivered." : `Superseded by the ${due}-day warning.`);
        dropped++;
        continue;
      }
    }
    const { count } = await db.alert.updateMany({ where: { id: row.id, status: "RETRY" }, data: { status: "SENDING", claimedAt: now } });
    if (count === 1) claimed.push(row.id);
  }
  return { claimed, dropped };
}

/**
 * Inserts the expiry warning now due for each issued certificate, unless it exists. The insert
 * is the claim: the unique (certificate, step) lets exactly one instance own each warning.
 */
async function claimExpiryWarnings(now: Date): Promise<string[]> {
  const db = getDb();
  const claimed: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const certs = await db.certificate.findMany({
      where: { status: "ISSUED", notAfter: { gt: now, lte: new Date(now.getTime() + LOOKAHEAD_MS) } },
      select: { id: true, serial: true, notBefore: true, notAfter: true, alerts: { select: { step: true } } },
      orderBy: [{ notAfter: "asc" }, { id: "asc" }],
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const c of certs) {
      const step = dueWarningStep(c, now);
      if (step === null || c.alerts.some((a) => a.step === step)) continue;
      try {
        const row = await db.alert.create({
          data: {
            kind: "EXPIRY_WARNING", dedupKey: `expiry:${c.id}:${step}`, certificateId: c.id, step, target: c.serial,
            dueAt: new Date(c.notAfter.getTime() - step * DAY_MS), status: "SENDING", claimedAt: now, createdAt: now,
          },
          select: { id: true },
        });
        claimed.push(row.id);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // another instance claimed it first
      }
    }
    if (certs.length < PAGE) return claimed;
    cursor = certs[certs.length - 1].id;
  }
}

/** One alert per CA per CRL number when the CA's newest CRL has less than 25% of its validity left. */
async function claimCrlAlerts(now: Date): Promise<string[]> {
  const db = getDb();
  const cas = await db.certificateAuthority.findMany({
    select: { slug: true, crls: { orderBy: { number: "desc" }, take: 1, select: { number: true, thisUpdate: true, nextUpdate: true } } },
  });
  const claimed: string[] = [];
  for (const ca of cas) {
    const crl = ca.crls[0];
    if (!crl || !crlNeedsAlert(crl, now)) continue;
    const details: CrlAlertDetails = { number: crl.number, thisUpdate: crl.thisUpdate.toISOString(), nextUpdate: crl.nextUpdate.toISOString() };
    const left = crl.nextUpdate.getTime() - now.getTime();
    try {
      const row = await db.alert.create({
        data: {
          kind: "CRL_FRESHNESS", dedupKey: `crl:${ca.slug}:${crl.number}`, target: ca.slug,
          message: left > 0
            ? `CRL ${crl.number}: ${Math.round((left / (crl.nextUpdate.getTime() - crl.thisUpdate.getTime())) * 100)}% of its validity left (next update ${details.nextUpdate})`
            : `CRL ${crl.number} is past its next update (${details.nextUpdate})`,
          details: JSON.stringify(details), dueAt: now, status: "SENDING", claimedAt: now, createdAt: now,
        },
        select: { id: true },
      });
      claimed.push(row.id);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return claimed;
}

const hasChannel = (config: DeliveryConfig) => Boolean(config.email || config.webhook);

/**
 * One round of alerting at `now`: clean up interrupted sends, retry failed ones, claim and
 * send the expiry warnings and CRL alerts now due. Without any channel enabled no expiry
 * warning is claimed (the step stays available for when one is set up).
 */
export async function runAlertsTick(now: Date = systemClock()): Promise<AlertsTickReport> {
  const config = await loadDeliveryConfig();
  const ctx = deliveryContext(config, getConfig().publicUrl);
  const report: AlertsTickReport = { sent: 0, retry: 0, dropped: 0 };
  const tally = (o: DeliveryOutcome) => {
    if (o === "SENT") report.sent++;
    else if (o === "RETRY") report.retry++;
    else report.dropped++;
  };
  try {
    await dropInterrupted(now);
    const retries = await claimRetries(now);
    report.dropped += retries.dropped;
    for (const id of retries.claimed) tally(await deliverClaimedAlert(id, ctx, now));
    const fresh = [...(hasChannel(config) ? await claimExpiryWarnings(now) : []), ...(await claimCrlAlerts(now))];
    for (const id of fresh) tally(await deliverClaimedAlert(id, ctx, now));
  } finally {
    ctx.close();
  }
  return report;
}

/** The scheduler's minute step: never throws (a failure is logged and the next minute tries again). */
export async function runScheduledAlerts(clock: Clock = systemClock): Promise<void> {
  try {
    const r = await runAlertsTick(clock());
    if (r.sent || r.retry) console.log(`[inkan] alerts: ${r.sent} sent, ${r.retry} to retry`);
  } catch (err) {
    console.error("[inkan] alerts: the check failed; will retry next minute:", err instanceof Error ? err.message : err);
  }
}
