import { describe, expect, it } from "vitest";
import {
  applicableWarningSteps, crlNeedsAlert, DAY_MS, dueWarningStep, EXPIRY_WARNING_STEPS, warningSchedule,
} from "./schedule";

const HOUR = 3_600_000;
const T0 = new Date("2027-01-01T00:00:00Z");
const DAILY = [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

/** A certificate valid for exactly `ms` from T0 (plus an optional backdating of notBefore, as issuance does). */
function cert(ms: number, backdateMs = 0) {
  return { notBefore: new Date(T0.getTime() - backdateMs), notAfter: new Date(T0.getTime() + ms) };
}
const at = (c: { notAfter: Date }, daysBefore: number, extraMs = 0) => new Date(c.notAfter.getTime() - daysBefore * DAY_MS + extraMs);

describe("the seed's expiry warning steps", () => {
  it("are 60 and 30 days before expiry, then every day from 15 days before", () => {
    expect(EXPIRY_WARNING_STEPS).toEqual([60, 30, ...DAILY]);
  });

  it("a 90-day certificate is warned from 30 days before (the seed's first example)", () => {
    expect(applicableWarningSteps(cert(90 * DAY_MS))).toEqual([30, ...DAILY]);
    expect(applicableWarningSteps(cert(90 * DAY_MS, 60_000))).toEqual([30, ...DAILY]);
  });

  it("a 365-day certificate is warned from 60 days before (the seed's second example)", () => {
    expect(applicableWarningSteps(cert(365 * DAY_MS, 60_000))).toEqual([60, 30, ...DAILY]);
  });

  it("a 2-year certificate gets every step", () => {
    expect(applicableWarningSteps(cert(730 * DAY_MS, 60_000))).toEqual([60, 30, ...DAILY]);
  });

  it.each([
    // [lifetime, first applicable step]: a step applies when it is at most a third of the lifetime, equality included.
    [180 * DAY_MS, 60],
    [180 * DAY_MS - 1, 30],
    [90 * DAY_MS, 30],
    [90 * DAY_MS - 1, 15],
    [45 * DAY_MS, 15],
    [45 * DAY_MS - 1, 14],
    [6 * DAY_MS, 2],
    [3 * DAY_MS, 1],
  ])("a lifetime of %d ms starts the warnings at %d days", (lifetime, first) => {
    const steps = applicableWarningSteps(cert(lifetime));
    expect(steps[0]).toBe(first);
    expect(steps).toEqual(EXPIRY_WARNING_STEPS.filter((s) => s <= first));
  });

  it("a certificate shorter than 3 days, or with no positive lifetime, gets no warning", () => {
    expect(applicableWarningSteps(cert(3 * DAY_MS - 1))).toEqual([]);
    expect(applicableWarningSteps(cert(0))).toEqual([]);
    expect(applicableWarningSteps({ notBefore: T0, notAfter: new Date(T0.getTime() - DAY_MS) })).toEqual([]);
    expect(dueWarningStep(cert(2 * DAY_MS), at(cert(2 * DAY_MS), 1))).toBeNull();
  });

  it("the schedule lists each step with the moment it becomes due, 24-hour days counted back from notAfter", () => {
    const c = cert(365 * DAY_MS, 60_000);
    const schedule = warningSchedule(c);
    expect(schedule.map((s) => s.step)).toEqual([60, 30, ...DAILY]);
    for (const s of schedule) expect(s.dueAt.getTime()).toBe(c.notAfter.getTime() - s.step * DAY_MS);
  });
});

describe("the warning due at a moment", () => {
  const year = cert(365 * DAY_MS, 60_000);

  it("nothing before the first step; the step exactly at its due moment, not a millisecond earlier", () => {
    expect(dueWarningStep(year, T0)).toBeNull();
    expect(dueWarningStep(year, at(year, 60, -1))).toBeNull();
    expect(dueWarningStep(year, at(year, 60))).toBe(60);
    expect(dueWarningStep(year, at(year, 30, -1))).toBe(60);
    expect(dueWarningStep(year, at(year, 30))).toBe(30);
    expect(dueWarningStep(year, at(year, 15, -1))).toBe(30);
    expect(dueWarningStep(year, at(year, 15))).toBe(15);
    expect(dueWarningStep(year, at(year, 14, -HOUR))).toBe(15);
    expect(dueWarningStep(year, at(year, 14, HOUR))).toBe(14);
  });

  it("the last warning is 1 day before; at and after notAfter nothing is due", () => {
    expect(dueWarningStep(year, at(year, 1))).toBe(1);
    expect(dueWarningStep(year, new Date(year.notAfter.getTime() - 1))).toBe(1);
    expect(dueWarningStep(year, year.notAfter)).toBeNull();
    expect(dueWarningStep(year, new Date(year.notAfter.getTime() + DAY_MS))).toBeNull();
  });

  it("after downtime only the most urgent step is due, not the missed ones", () => {
    // Down from 61 days before expiry until 29 days before: 60 and 30 both passed; 30 is what is due.
    expect(dueWarningStep(year, at(year, 29, HOUR))).toBe(30);
    expect(dueWarningStep(year, at(year, 5, -HOUR))).toBe(6);
  });

  it("a 90-day certificate has nothing due at 60 days before (the step does not apply)", () => {
    const short = cert(90 * DAY_MS, 60_000);
    expect(dueWarningStep(short, at(short, 60))).toBeNull();
    expect(dueWarningStep(short, at(short, 45))).toBeNull();
    expect(dueWarningStep(short, at(short, 30))).toBe(30);
  });

  it("a certificate not yet valid has nothing due", () => {
    const future = { notBefore: new Date(T0.getTime() + 10 * DAY_MS), notAfter: new Date(T0.getTime() + 400 * DAY_MS) };
    expect(dueWarningStep(future, T0)).toBeNull();
  });

  it("walking hour by hour through every lifetime from 1 to 800 days, each applicable step becomes due exactly once, at its moment, in order", () => {
    for (let days = 1; days <= 800; days++) {
      const c = cert(days * DAY_MS, 60_000);
      const seen: Array<{ step: number; at: number }> = [];
      let previous: number | null = null;
      // Only the last 61 days can hold a step (earlier hours: checked silent below); hours count back from notAfter.
      const from = c.notAfter.getTime() - 61 * DAY_MS;
      for (let t = from; t <= c.notAfter.getTime() + HOUR; t += HOUR) {
        const due = dueWarningStep(c, new Date(t));
        if (due !== null && due !== previous) seen.push({ step: due, at: t });
        previous = due;
      }
      const expected = warningSchedule(c);
      expect(seen, `lifetime ${days} days`).toEqual(expected.map((s) => ({ step: s.step, at: s.dueAt.getTime() })));
      expect(seen.map((s) => s.step), `lifetime ${days} days`).toEqual(EXPIRY_WARNING_STEPS.filter((s) => 3 * s <= days));
      expect(dueWarningStep(c, new Date(from - HOUR))).toBeNull();
    }
  });
});

describe("CRL freshness", () => {
  const crl = { thisUpdate: T0, nextUpdate: new Date(T0.getTime() + 168 * HOUR) };

  it("alerts once less than 25% of the validity is left, not at exactly 25%", () => {
    expect(crlNeedsAlert(crl, T0)).toBe(false);
    expect(crlNeedsAlert(crl, new Date(T0.getTime() + 84 * HOUR))).toBe(false); // half-life: republished here normally
    expect(crlNeedsAlert(crl, new Date(T0.getTime() + 126 * HOUR))).toBe(false); // exactly 42 h (25%) left
    expect(crlNeedsAlert(crl, new Date(T0.getTime() + 126 * HOUR + 1))).toBe(true);
  });

  it("alerts for a CRL past its nextUpdate and for one with no positive validity", () => {
    expect(crlNeedsAlert(crl, new Date(crl.nextUpdate.getTime() + 1))).toBe(true);
    expect(crlNeedsAlert({ thisUpdate: T0, nextUpdate: T0 }, T0)).toBe(true);
  });
});
