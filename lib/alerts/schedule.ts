// When an expiry warning is due and when a served CRL is too old: pure functions of dates.
//
// The expiry rule is the one of the seed (Ocean Bridge, ISL Conference Proxy; seeds/003):
//   warning mails go out 60 days and 30 days before the expiry, then every day from 15 days
//   before it; they only apply once the remaining validity is at most one third of the
//   certificate's lifetime ("90-day certificate: from 30 days before; 365-day: from 60 days
//   before").
// Made exact here:
//   - A "step" is a number of days d before notAfter: 60, 30, 15, 14, ..., 1. A day is 24 hours
//     counted back from notAfter (not a calendar day), so the schedule does not depend on time
//     zones: step d is due at notAfter − d·24h.
//   - Step d applies to a certificate iff d·24h ≤ (notAfter − notBefore) / 3 ("1/3 以下": equal
//     counts). Integer milliseconds, so 90 days / 3 = 30 days exactly is included.
//   - There is no step 0: at notAfter the certificate has expired and a warning is too late.
//   - At a given moment only the most urgent step whose time has come is due (the smallest d
//     with notAfter − now ≤ d·24h). After downtime the missed earlier steps are not sent in a
//     burst: "60 days left" is stale news once 29 days are left.
//   - Nothing is due before the first applicable step, after expiry, or for a certificate
//     whose lifetime is not positive.
export const DAY_MS = 86_400_000;

/** The seed's steps, in days before expiry, most distant first. */
export const EXPIRY_WARNING_STEPS: readonly number[] = [60, 30, ...Array.from({ length: 15 }, (_, i) => 15 - i)];

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

/** The steps (days before expiry) that apply to a certificate of this validity, most distant first. */
export function applicableWarningSteps(v: Validity): number[] {
  const lifetime = v.notAfter.getTime() - v.notBefore.getTime();
  if (!(lifetime > 0)) return [];
  return EXPIRY_WARNING_STEPS.filter((d) => 3 * d * DAY_MS <= lifetime);
}

/** Every warning of the certificate with the moment it becomes due, in time order. */
export function warningSchedule(v: Validity): Array<{ step: number; dueAt: Date }> {
  return applicableWarningSteps(v).map((step) => ({ step, dueAt: new Date(v.notAfter.getTime() - step * DAY_MS) }));
}

/** The step due at `now` (the most urgent one whose time has come), or null when none is. */
export function dueWarningStep(v: Validity, now: Date): number | null {
  const remaining = v.notAfter.getTime() - now.getTime();
  if (remaining <= 0) return null;
  let due: number | null = null;
  for (const step of applicableWarningSteps(v)) if (step * DAY_MS >= remaining) due = step;
  return due;
}

/** Once less than this share of a CRL's validity is left, it alerts (see crlNeedsAlert). */
export const CRL_FRESHNESS_SHARE = 0.25;

/**
 * True when the served CRL has less than 25% of its validity (nextUpdate − thisUpdate) left,
 * or is already past nextUpdate. The scheduler republishes at half-life, so this only happens
 * when publishing is failing or stopped, and soon after nextUpdate IIS rejects every client
 * certificate (seeds/001 §5.2: IIS treats nextUpdate as the CRL's expiry).
 */
export function crlNeedsAlert(crl: { thisUpdate: Date; nextUpdate: Date }, now: Date): boolean {
  const validity = crl.nextUpdate.getTime() - crl.thisUpdate.getTime();
  const left = crl.nextUpdate.getTime() - now.getTime();
  if (!(validity > 0)) return true; // a CRL without a positive validity is never fresh
  return left < validity * CRL_FRESHNESS_SHARE;
}
