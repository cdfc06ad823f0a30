import { getConfig } from "@/lib/config";
import { refreshDueCrls } from "@/lib/ca";

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
    } finally {
      running = false;
    }
  };
  void tick();
  timer = setInterval(tick, TICK_MS);
  timer.unref();
}
