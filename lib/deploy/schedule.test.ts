import { describe, expect, it } from "vitest";
import { DEPLOY_SCHEDULE, refreshReason, staleCrls } from "./schedule";

const now = new Date("2026-01-13T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const owned = [{ caSlug: "ia1", revocationId: 4, crlNumber: 10, key: "k", entries: 2 }];
const base = { owned, lastSuccessAt: ago(3_600_000), lastRun: { status: "SUCCEEDED", finishedAt: ago(3_600_000), startedAt: ago(3_600_001) }, now };

describe("when the schedule refreshes a target", () => {
  it("not while the deployed CRL is the newest and the last success is under a day old", () => {
    expect(refreshReason({ ...base, latest: [{ caSlug: "ia1", number: 10, thisUpdate: ago(7_200_000), entries: 2 }] })).toBeNull();
  });

  it("after a revocation, once the burst has been quiet for a minute (within 5 minutes)", () => {
    const latest = (age: number) => [{ caSlug: "ia1", number: 11, thisUpdate: ago(age), entries: 3 }];
    expect(refreshReason({ ...base, latest: latest(30_000) })).toBeNull();
    expect(refreshReason({ ...base, latest: latest(DEPLOY_SCHEDULE.quietMs) })).toBe("REVOCATION");
    expect(DEPLOY_SCHEDULE.quietMs + 60_000).toBeLessThanOrEqual(5 * 60_000);
  });

  it("a republished CRL with the same entries (half-life, before nextUpdate) is a scheduled refresh", () => {
    expect(refreshReason({ ...base, latest: [{ caSlug: "ia1", number: 11, thisUpdate: ago(120_000), entries: 2 }] })).toBe("SCHEDULE");
  });

  it("daily; a target never deployed waits for its first, manual deploy", () => {
    const latest = [{ caSlug: "ia1", number: 10, thisUpdate: ago(7_200_000), entries: 2 }];
    expect(refreshReason({ ...base, latest, lastSuccessAt: ago(DEPLOY_SCHEDULE.dailyMs - 1) })).toBeNull();
    expect(refreshReason({ ...base, latest, lastSuccessAt: ago(DEPLOY_SCHEDULE.dailyMs) })).toBe("SCHEDULE");
    expect(refreshReason({ ...base, owned: [], latest, lastSuccessAt: null, lastRun: null })).toBeNull();
  });

  it("backs off for five minutes after a failed run", () => {
    const latest = [{ caSlug: "ia1", number: 11, thisUpdate: ago(600_000), entries: 3 }];
    expect(refreshReason({ ...base, latest, lastRun: { status: "FAILED", finishedAt: ago(60_000), startedAt: ago(61_000) } })).toBeNull();
    expect(refreshReason({ ...base, latest, lastRun: { status: "FAILED", finishedAt: ago(DEPLOY_SCHEDULE.failureBackoffMs), startedAt: ago(DEPLOY_SCHEDULE.failureBackoffMs + 1) } })).toBe("REVOCATION");
  });
});

describe("which trust stores hold a stale CRL", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  const owned = [{ caSlug: "ia1", crlNumber: 7, revocationId: 3, entries: 2, key: "k" }];
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);

  it("none while the deployed CRL is current, or the new one is younger than the alert delay", () => {
    expect(staleCrls({ owned, latest: [{ caSlug: "ia1", number: 7, thisUpdate: at(600) }], now })).toEqual([]);
    expect(staleCrls({ owned, latest: [{ caSlug: "ia1", number: 8, thisUpdate: at(29) }], now })).toEqual([]);
  });

  it("names the CA, the deployed and the current number once the delay has passed", () => {
    expect(staleCrls({ owned, latest: [{ caSlug: "ia1", number: 8, thisUpdate: at(31) }, { caSlug: "ia2", number: 2, thisUpdate: at(90) }], now })).toEqual([
      { caSlug: "ia1", deployed: 7, current: 8, since: at(31) },
      { caSlug: "ia2", deployed: null, current: 2, since: at(90) },
    ]);
    expect(DEPLOY_SCHEDULE.staleAlertMs).toBe(30 * 60_000);
  });

  it("is stale from exactly the alert delay on, judged by the newest list of the CA in the store", () => {
    const both = [...owned, { caSlug: "ia1", crlNumber: 8, revocationId: 5, entries: 3, key: "k8" }];
    expect(staleCrls({ owned: both, latest: [{ caSlug: "ia1", number: 8, thisUpdate: at(300) }], now })).toEqual([]);
    expect(staleCrls({ owned: both, latest: [{ caSlug: "ia1", number: 9, thisUpdate: at(30) }], now })).toEqual([{ caSlug: "ia1", deployed: 8, current: 9, since: at(30) }]);
    expect(staleCrls({ owned, latest: [{ caSlug: "ia1", number: 8, thisUpdate: new Date(now.getTime() - DEPLOY_SCHEDULE.staleAlertMs + 1) }], now })).toEqual([]);
  });

  it("follows the schedule it is given, and ignores lists of other CAs", () => {
    const schedule = { ...DEPLOY_SCHEDULE, staleAlertMs: 5 * 60_000 };
    const latest = [{ caSlug: "ia2", number: 3, thisUpdate: at(6) }];
    expect(staleCrls({ owned, latest, now, schedule })).toEqual([{ caSlug: "ia2", deployed: null, current: 3, since: at(6) }]);
    expect(staleCrls({ owned, latest, now })).toEqual([]);
  });
});
