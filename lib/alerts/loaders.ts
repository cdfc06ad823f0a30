import { requireActor } from "@/lib/auth/guard";
import { ADMIN_ONLY } from "@/lib/auth";
import { systemClock } from "@/lib/clock";
import { getAlertSettings, listAlerts, listUpcomingWarnings } from "./data";

/** RA → Alerts (ADMIN only): the settings (no secrets), upcoming warnings and a page of sent alerts. */
export async function loadAlertsPage(opts: { cursor?: string }) {
  const actor = await requireActor(ADMIN_ONLY);
  const now = systemClock();
  const [settings, upcoming, sent] = await Promise.all([getAlertSettings(), listUpcomingWarnings(now, { days: 90 }), listAlerts({ cursor: opts.cursor })]);
  return { settings, upcoming, sent, adminEmail: actor.label };
}
