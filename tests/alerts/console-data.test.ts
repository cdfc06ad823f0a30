// What the RA → Alerts page lists: upcoming warnings (next 90 days, not yet sent) and the
// sent alerts, keyset-paginated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "../helpers/database";
import { createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { listAlerts, listUpcomingWarnings, raiseDeployAlert } from "../../lib/alerts";
import { startSmtpServer, type TestSmtp } from "./support";
import { DAY, configureAlerts, issueWithLifetime, schedulerTick } from "./fixtures";

useServiceEnvironment();

const T0 = new Date("2028-01-10T00:00:00Z");

describe("the alerts console data", () => {
  const t = withTestDatabase("sqlite");
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    await createTestAuthority({ now: new Date(T0.getTime() - 800 * DAY) });
    await configureAlerts(smtp, null);
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it("upcoming warnings are the unsent steps due within 90 days, soonest first, and a sent step leaves the list", async () => {
    const soon = await issueWithLifetime(t.db, "soon", new Date(T0.getTime() + 40 * DAY), 365);
    const late = await issueWithLifetime(t.db, "late", new Date(T0.getTime() + 140 * DAY), 365); // its 60-day step is at T0 + 80 days
    const far = await issueWithLifetime(t.db, "far", new Date(T0.getTime() + 200 * DAY), 365); // first step at T0 + 140 days: outside
    const upcoming = await listUpcomingWarnings(T0, { days: 90 });
    const rows = upcoming.map((u) => [u.serial, u.step]);
    // Soonest first: soon's 60-day step, passed unsent (no tick ran) and so due now; its 30-day step (T0 + 10 days),
    // its daily steps (T0 + 25..39 days), late's 60-day step (T0 + 80 days).
    expect(rows).toEqual([[soon.serial, 60], [soon.serial, 30], ...[15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((d) => [soon.serial, d]), [late.serial, 60]]);
    expect(rows.some(([s]) => s === far.serial)).toBe(false);
    expect(upcoming.map((u) => u.dueAt.getTime())).toEqual([...upcoming.map((u) => u.dueAt.getTime())].sort((a, b) => a - b));

    // Once the 30-day warning is sent it is no longer upcoming; the daily ones still are.
    const step30 = new Date(soon.notAfter.getTime() - 30 * DAY);
    await schedulerTick(step30);
    const after = (await listUpcomingWarnings(step30, { days: 90 })).filter((u) => u.serial === soon.serial).map((u) => u.step);
    expect(after).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it("sent alerts page newest first with a keyset cursor, every alert exactly once", async () => {
    for (let i = 0; i < 7; i++) await raiseDeployAlert({ target: `target-${i}`, kind: "failure", message: `run ${i} failed`, runId: `r${i}` }, new Date(T0.getTime() + 20 * DAY + i * 60_000));
    const total = await t.db.alert.count();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listAlerts({ cursor, limit: 3 });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((a) => a.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const first = await listAlerts({ limit: 1 });
    expect(first.items[0]).toMatchObject({ kind: "DEPLOY_FAILURE", target: "target-6", status: "SENT", message: "run 6 failed", certificate: null });
  });
});
