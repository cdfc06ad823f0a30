import { getConfig } from "@/lib/config";
import { InkanError } from "@/lib/errors";

// Time is a parameter everywhere below this; this is the one place that reads the wall clock.
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

// Test-only clock shifts. End-to-end specs must see a download window expire without sleeping,
// while other specs run in parallel on the same server: so a shift applies to one scope (a
// UA's name), never to the whole server, and only moves forward. Shifts exist only when the
// server runs with INKAN_TEST_CLOCK=on, which lib/config.ts refuses unless the public URL is a
// loopback address. globalThis, because Next.js may load this module once per route bundle.
const SHIFTS = Symbol.for("inkan.testClockShifts");
type WithShifts = typeof globalThis & { [SHIFTS]?: Map<string, number> };

function shifts(): Map<string, number> {
  const g = globalThis as WithShifts;
  return (g[SHIFTS] ??= new Map());
}

/** Whether this server runs with the test clock (INKAN_TEST_CLOCK=on); its route is 404 otherwise. */
export function testClockEnabled(): boolean {
  return getConfig().testClock;
}

/** The clock of one scope: the wall clock, plus the scope's test shift when the test clock is on. */
export function clockFor(scope: string): Clock {
  if (!getConfig().testClock) return systemClock;
  return () => new Date(Date.now() + (shifts().get(scope) ?? 0));
}

/** Test clock only: moves one scope's clock forward; returns the scope's total shift. */
export function advanceTestClock(scope: string, minutes: number): { scope: string; shiftMinutes: number } {
  if (!getConfig().testClock) throw new InkanError("NOT_FOUND", { en: "There is no test clock on this server.", ja: "このサーバにはテスト用の時計がありません。" });
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 525_600) throw new InkanError("VALIDATION", { en: "minutes must be a whole number from 1 to 525600.", ja: "minutes は 1 から 525600 までの整数です。" });
  const total = (shifts().get(scope) ?? 0) + minutes * 60_000;
  shifts().set(scope, total);
  return { scope, shiftMinutes: total / 60_000 };
}
