import { z } from "zod";
import { advanceTestClock, clockFor } from "@/lib/clock";
import { recordStandaloneEvent, type Actor } from "@/lib/audit";
import { InkanError } from "@/lib/errors";
import { findUa } from "./data";
import { uaNameSchema } from "./schema";

// Everything a UA decides by time (sign-in lock, session expiry, download window) reads this
// clock, so an end-to-end spec can shift one UA's time without touching other specs' UAs.
const scope = (ua: string) => `ua:${ua}`;

/** Now, as the UA named `ua` sees it (the wall clock unless a test shifted it). */
export function uaNow(ua: string): Date {
  return clockFor(scope(ua))();
}

const advanceSchema = z.object({ ua: uaNameSchema, minutes: z.number().int().min(1).max(525_600) });

/** Test clock only: moves one UA's clock forward by whole minutes. The caller is an ADMIN; audited. */
export async function advanceUaClock(input: unknown, actor: Actor): Promise<{ ua: string; shiftMinutes: number; now: string }> {
  const parsed = advanceSchema.safeParse(input);
  if (!parsed.success) throw new InkanError("VALIDATION", {
      en: `Send { "ua": "<name>", "minutes": <1-525600> }: ${parsed.error.issues[0].message}`,
      ja: `{ "ua": "<名前>", "minutes": <1-525600> } を送ってください: ${parsed.error.issues[0].message}`,
    });
  const { ua, minutes } = parsed.data;
  if (!(await findUa(ua))) throw new InkanError("NOT_FOUND", { en: `No UA named "${ua}".`, ja: `UA「${ua}」はありません。` });
  const { shiftMinutes } = advanceTestClock(scope(ua), minutes);
  await recordStandaloneEvent({ actor, action: "testclock.advance", target: { type: "ua", id: ua }, details: { minutes, shiftMinutes } });
  return { ua, shiftMinutes, now: uaNow(ua).toISOString() };
}
