import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { raiseDeployAlert } from "@/lib/alerts";
import { lastRunOf, latestCrlHeads, parseOwned } from "./data";
import { deployTarget, targetLock, type DeployOptions } from "./deploy";
import { acquireLease, keepLease, leaseHeld, releaseLease } from "./lease";
import type { OwnedRevocation } from "./plan";
import type { DeployRunView } from "./types";

export const DEPLOY_SCHEDULE = {
  /** A new CRL waits this long for more revocations, so a burst makes one deploy (well within 5 minutes). */
  quietMs: 60_000,
  /** Every target is refreshed at least daily. */
  dailyMs: 24 * 3_600_000,
  /** After a failed run the schedule waits this long before trying again. */
  failureBackoffMs: 5 * 60_000,
  /**
   * The scheduler lease: renewed while the pass runs (however long a slow run takes), so it
   * only needs to outlive a renewal; an instance that dies mid-pass holds it for at most this.
   */
  leaseMs: 60_000,
  /** A trust store still behind the current CRL this long after it was published raises an alert. */
  staleAlertMs: 30 * 60_000,
} as const;

export type DeploySchedule = { [K in keyof typeof DEPLOY_SCHEDULE]: number };

/**
 * Why a target needs a refresh now, or null. A CRL newer than the one deployed covers "after
 * every revocation" and "before nextUpdate" (CAs republish at half-life); the daily refresh
 * covers everything else (a list removed by hand, a changed bundle).
 */
export function refreshReason(input: {
  owned: readonly OwnedRevocation[];
  latest: ReadonlyArray<{ caSlug: string; number: number; thisUpdate: Date; entries: number }>;
  lastSuccessAt: Date | null;
  lastRun: { status: string; finishedAt: Date | null; startedAt: Date } | null;
  now: Date;
  schedule?: DeploySchedule;
}): "REVOCATION" | "SCHEDULE" | null {
  const s = input.schedule ?? DEPLOY_SCHEDULE;
  const now = input.now.getTime();
  // The first deploy is the operator's (the IAM policy must be in place); the schedule keeps it fresh after.
  if (!input.lastSuccessAt) return null;
  if (input.lastRun?.status === "FAILED" && now - (input.lastRun.finishedAt ?? input.lastRun.startedAt).getTime() < s.failureBackoffMs) return null;
  let reason: "REVOCATION" | "SCHEDULE" | null = null;
  for (const crl of input.latest) {
    const deployed = input.owned.filter((o) => o.caSlug === crl.caSlug).sort((a, b) => b.crlNumber - a.crlNumber)[0];
    if (deployed && deployed.crlNumber >= crl.number) continue;
    if (now - crl.thisUpdate.getTime() < s.quietMs) continue; // debounce: let a burst settle
    if (!deployed || deployed.entries !== crl.entries) return "REVOCATION";
    reason = "SCHEDULE";
  }
  if (reason) return reason;
  if (now - input.lastSuccessAt.getTime() >= s.dailyMs) return "SCHEDULE";
  return null;
}

/**
 * The CAs whose current CRL a target's trust store still lacks, long after it was published:
 * the schedule should have deployed it by then (a failing run, a lost credential), so an
 * administrator is told (issue 6: "a trust store holds a CRL older than the current one").
 */
export function staleCrls(input: {
  owned: readonly OwnedRevocation[];
  latest: ReadonlyArray<{ caSlug: string; number: number; thisUpdate: Date }>;
  now: Date;
  schedule?: DeploySchedule;
}): Array<{ caSlug: string; deployed: number | null; current: number; since: Date }> {
  const s = input.schedule ?? DEPLOY_SCHEDULE;
  return input.latest.flatMap((crl) => {
    const deployed = input.owned.filter((o) => o.caSlug === crl.caSlug).sort((a, b) => b.crlNumber - a.crlNumber)[0];
    if (deployed && deployed.crlNumber >= crl.number) return [];
    if (input.now.getTime() - crl.thisUpdate.getTime() < s.staleAlertMs) return [];
    return [{ caSlug: crl.caSlug, deployed: deployed?.crlNumber ?? null, current: crl.number, since: crl.thisUpdate }];
  });
}

const SCHEDULER_LEASE = "deploy-scheduler";

/**
 * The minute tick's deploy pass: under one lease shared by every instance on this database,
 * refreshes each target that needs it. Returns the runs made (empty when another instance
 * holds the lease).
 *
 * The lease is a row taken by a conditional UPDATE (lease.ts), not pg_try_advisory_lock: it
 * works on SQLite too, and it belongs to no connection, so a pooled connection handed to
 * another query (or dropped and reopened by the pool) neither keeps nor loses it; the
 * transaction-scoped advisory lock would instead hold a transaction open across the AWS calls.
 * It is short and renewed while the pass runs, so a crashed instance blocks the schedule for at
 * most leaseMs; a pass that stalled past its lease and was taken over stops before its next
 * target. tests/deploy/scheduler-instances.test.ts races separate processes on both providers.
 */
export async function refreshDueTargets(now = new Date(), options: { holder?: string; schedule?: DeploySchedule; deploy?: DeployOptions; actorLabel?: string } = {}): Promise<DeployRunView[]> {
  const schedule = options.schedule ?? DEPLOY_SCHEDULE;
  const holder = options.holder ?? `instance-${randomUUID()}`;
  if (!(await acquireLease(SCHEDULER_LEASE, holder, schedule.leaseMs, now))) return [];
  // The pass's clock for leases: `now` moving forward with real time.
  const offset = now.getTime() - Date.now();
  const clock = () => new Date(Date.now() + offset);
  const lease = keepLease(SCHEDULER_LEASE, holder, schedule.leaseMs, clock);
  const runs: DeployRunView[] = [];
  try {
    const targets = await getDb().deployTarget.findMany({ orderBy: { name: "asc" } });
    for (const target of targets) {
      if (!(await lease.renew())) {
        console.error(`[inkan] scheduled deploy pass stalled past its lease and another instance took over; stopped before ${target.name}.`);
        break;
      }
      const owned = parseOwned(target.revocations);
      const latest = await latestCrlHeads(JSON.parse(target.caSlugs) as string[]);
      if (target.lastSuccessAt) {
        for (const stale of staleCrls({ owned, latest, now, schedule })) {
          // The message names the CRL number, so each stale CRL alerts once (lib/alerts dedups).
          await raiseDeployAlert({
            target: target.name, kind: "stale-crl",
            message: `The trust store holds CRL #${stale.deployed ?? "none"} of ${stale.caSlug}; the current one is #${stale.current}, published ${stale.since.toISOString()}. Check the target's run history.`,
          }, now).catch((err) => console.error(`[inkan] stale CRL alert for ${target.name} not raised:`, err instanceof Error ? err.message : err));
        }
      }
      const reason = refreshReason({
        owned,
        latest,
        lastSuccessAt: target.lastSuccessAt,
        lastRun: await lastRunOf(target.id),
        now,
        schedule,
      });
      // A run of this target is under way (an operator's deploy): the next tick looks again,
      // rather than recording a refused run every minute while it lasts.
      if (!reason || (await leaseHeld(targetLock(target.id), clock()))) continue;
      try {
        const outcome = await deployTarget(target.name, { ...SYSTEM_ACTOR, label: options.actorLabel ?? "scheduler" }, { ...options.deploy, trigger: reason });
        if (outcome.kind === "run") runs.push(outcome.run);
      } catch (err) {
        // One target's bad configuration must not stop the others.
        console.error(`[inkan] scheduled deploy of ${target.name} failed:`, err instanceof Error ? err.message : err);
      }
    }
  } finally {
    lease.stop();
    await releaseLease(SCHEDULER_LEASE, holder);
  }
  return runs;
}
