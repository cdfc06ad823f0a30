import { getDb, isUniqueViolation } from "@/lib/db";

/**
 * A named lease decided by one conditional UPDATE: the row is taken only when it is free or
 * expired, so among instances sharing the database (SQLite file or PostgreSQL, where the
 * UPDATE re-checks its WHERE after waiting on the row lock) exactly one wins. An instance that
 * dies keeps the lease only until it expires.
 */
export async function acquireLease(name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await getDb().deployLease.updateMany({
    where: { name, OR: [{ expiresAt: { lte: now } }, { holder }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await getDb().deployLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false; // held by another instance
    throw err;
  }
}

/** Whether some holder has the lease at `now` (a lease past its expiry is free). */
export async function leaseHeld(name: string, now: Date): Promise<boolean> {
  return (await getDb().deployLease.count({ where: { name, expiresAt: { gt: now } } })) > 0;
}

export async function releaseLease(name: string, holder: string): Promise<void> {
  await getDb().deployLease.deleteMany({ where: { name, holder } });
}

/**
 * Keeps a held lease alive while its holder works: renewed every third of its time to live, so
 * a live holder keeps it while a dead one (a crashed process renews nothing) loses it within
 * ttlMs. renew() also says whether the lease is still this holder's: false once another
 * holder took it over (this process stalled past the expiry) and the work must stop.
 */
export function keepLease(name: string, holder: string, ttlMs: number, clock: () => Date): { renew(): Promise<boolean>; stop(): void } {
  const renew = () => acquireLease(name, holder, ttlMs, clock());
  const timer = setInterval(() => void renew().catch(() => undefined), Math.max(1_000, Math.floor(ttlMs / 3)));
  timer.unref();
  return { renew, stop: () => clearInterval(timer) };
}
