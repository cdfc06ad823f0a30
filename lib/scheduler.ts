import { getConfig } from "@/lib/config";
import { refreshDueCrls } from "@/lib/ca";
import { DEPLOY_SCHEDULE, refreshDueTargets } from "@/lib/deploy";
import { runScheduledAlerts } from "@/lib/alerts";

const TICK_MS = 60_000;
let timer: NodeJS.Timeout | undefined;
let running = false;

/** Checks every minute (and at once on start) that each CA's CRL is fresh; see refreshDueCrls. */
export function startScheduler(): void {
  if (timer || !getConfig().schedulerEnabled) return;
  const tick = async () => {
    if (running) return; // a slow run (a huge CRL) is never overlapped by the next tick
    running = true;
    try {
      const refreshed = await refreshDueCrls();
      if (refreshed.length) console.log(`[inkan] scheduler republished CRLs: ${refreshed.join(", ")}`);
    } catch (err) {
      console.error("[inkan] scheduler: CRL refresh failed; will retry next minute:", err instanceof Error ? err.message : err);
    }
    try {
      // After the CRLs: a CRL republished just now reaches the trust stores on a later tick (debounced).
      const debounce = getConfig().deployDebounceMs;
      const runs = await refreshDueTargets(new Date(), debounce === undefined ? {} : { schedule: { ...DEPLOY_SCHEDULE, quietMs: debounce } });
      for (const run of runs) console.log(`[inkan] scheduler deployed ${run.targetName}: ${run.status}${run.errorCode ? ` (${run.errorCode})` : ""}`);
    } catch (err) {
      console.error("[inkan] scheduler: deploy refresh failed; will retry next minute:", err instanceof Error ? err.message : err);
    } finally {
      await runScheduledAlerts(); // expiry warnings and CRL freshness; never throws, runs even when the steps above failed
      running = false;
    }
  };
  void tick();
  timer = setInterval(tick, TICK_MS);
  timer.unref();
}
