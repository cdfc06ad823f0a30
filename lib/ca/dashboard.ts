import { getDb } from "@/lib/db";

const DAY = 86_400_000;
export const EXPIRY_HORIZON_DAYS = 90;
/** A CRL is shown red when less than this share of its validity is left. */
export const CRL_WARNING_FRACTION = 0.25;

export interface ExpiryWeek {
  /** Start of the week (inclusive) and its end (exclusive; the last week stops at the horizon). */
  from: Date;
  to: Date;
  count: number;
}

export interface CertificateCounts {
  valid: number;
  expired: number;
  revoked: number;
  /** Valid certificates expiring within 30 days. */
  expiringSoon: number;
}

export interface CrlFreshness {
  slug: string;
  number: number | null;
  thisUpdate: Date | null;
  nextUpdate: Date | null;
  /** Milliseconds until nextUpdate (negative once past). */
  remainingMs: number | null;
  /** Share of the CRL's validity still left, 0..1 (0 when past nextUpdate). */
  remainingFraction: number | null;
  /** Red: no CRL, past nextUpdate, or under 25% of its validity left. */
  warning: boolean;
}

const dayOf = (t: Date) => Math.floor(t.getTime() / DAY);

/**
 * Valid, expired and revoked counts from CertificateCount (certificates per status and UTC day
 * of notAfter, kept by triggers in the transactions that write certificates): revoked is its
 * REVOKED total; expired is the ISSUED days before today plus today's part up to `now`, counted
 * exactly on the (status, notAfter) index (a day of certificates); valid is the ISSUED rest.
 * Expiry needs no writer: a certificate's day bucket passes from valid to expired with time.
 * expiringSoon stays an index range count (30 days of certificates).
 */
export async function certificateCounts(now: Date): Promise<CertificateCounts> {
  const db = getDb();
  const today = dayOf(now);
  const [totals, expiredDays, expiredToday, expiringSoon] = await Promise.all([
    db.certificateCount.groupBy({ by: ["status"], _sum: { count: true } }),
    db.certificateCount.aggregate({ where: { status: "ISSUED", expiryDay: { lt: today } }, _sum: { count: true } }),
    db.certificate.count({ where: { status: "ISSUED", notAfter: { gte: new Date(today * DAY), lte: now } } }),
    db.certificate.count({ where: { status: "ISSUED", notAfter: { gt: now, lte: new Date(now.getTime() + 30 * DAY) } } }),
  ]);
  const total = (status: string) => totals.find((t) => t.status === status)?._sum.count ?? 0;
  const expired = (expiredDays._sum.count ?? 0) + expiredToday;
  return { valid: total("ISSUED") - expired, expired, revoked: total("REVOKED"), expiringSoon };
}

/**
 * Valid certificates expiring in each week from `now` over the next 90 days (13 weeks, the
 * last one 6 days long). Counting each week separately keeps every query an index range.
 */
export async function expiringPerWeek(now: Date, horizonDays = EXPIRY_HORIZON_DAYS): Promise<ExpiryWeek[]> {
  const end = now.getTime() + horizonDays * DAY;
  const weeks: { from: Date; to: Date }[] = [];
  for (let start = now.getTime(); start < end; start += 7 * DAY) weeks.push({ from: new Date(start), to: new Date(Math.min(start + 7 * DAY, end)) });
  const counts = await Promise.all(
    weeks.map((w) => getDb().certificate.count({ where: { status: "ISSUED", notAfter: { gte: w.from, lt: w.to } } })),
  );
  return weeks.map((w, i) => ({ ...w, count: counts[i] }));
}

/** How long each CA's current CRL stays valid; red under a quarter of its validity. */
export async function crlFreshness(now: Date): Promise<CrlFreshness[]> {
  const cas = await getDb().certificateAuthority.findMany({
    orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
    select: { slug: true, crls: { orderBy: { number: "desc" }, take: 1, select: { number: true, thisUpdate: true, nextUpdate: true } } },
  });
  return cas.map(({ slug, crls: [crl] }) => {
    if (!crl) return { slug, number: null, thisUpdate: null, nextUpdate: null, remainingMs: null, remainingFraction: null, warning: true };
    const remainingMs = crl.nextUpdate.getTime() - now.getTime();
    const validity = crl.nextUpdate.getTime() - crl.thisUpdate.getTime();
    const remainingFraction = Math.max(0, Math.min(1, remainingMs / validity));
    return { slug, number: crl.number, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, remainingMs, remainingFraction, warning: remainingFraction < CRL_WARNING_FRACTION };
  });
}
