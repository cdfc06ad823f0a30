/** In-process timing: wall clock (performance.now) and process CPU (all threads, process.cpuUsage). */

export interface Sample {
  wallMs: number;
  /** User + system CPU of the whole process (main thread, libuv pool, GC threads). */
  cpuMs: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Times one call. */
export async function timeOnce<T>(fn: () => T | Promise<T>): Promise<Sample & { value: T }> {
  const c0 = cpuMs();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  return { wallMs, cpuMs: cpuMs() - c0, value };
}

export interface RateResult {
  ops: number;
  wallMs: number;
  cpuMs: number;
  /** Operations per wall-clock second. */
  perSecond: number;
  /** Wall-clock milliseconds per operation. */
  msPerOp: number;
  /** CPU milliseconds per operation (all threads). */
  cpuMsPerOp: number;
}

export interface RateOptions {
  /** Keep going until this much wall time has passed ... */
  minMs: number;
  /** ... and at least this many operations ran. */
  minOps?: number;
  maxOps?: number;
  /** Operations in flight at once (1 = strictly sequential). */
  concurrency?: number;
  /** Untimed calls first, so the JIT and caches are warm. */
  warmup?: number;
}

/** Runs `fn` repeatedly (sequentially or with N in flight) and reports the rate. */
export async function measureRate(fn: () => unknown | Promise<unknown>, opts: RateOptions): Promise<RateResult> {
  const concurrency = opts.concurrency ?? 1;
  for (let i = 0; i < (opts.warmup ?? 0); i++) await fn();
  const minOps = opts.minOps ?? 1;
  const maxOps = opts.maxOps ?? Number.MAX_SAFE_INTEGER;
  let ops = 0;
  const c0 = cpuMs();
  const t0 = performance.now();
  const deadline = t0 + opts.minMs;
  const lane = async () => {
    while (ops < maxOps && (performance.now() < deadline || ops < minOps)) {
      ops++;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const wallMs = performance.now() - t0;
  const cpu = cpuMs() - c0;
  return { ops, wallMs, cpuMs: cpu, perSecond: (ops * 1000) / wallMs, msPerOp: wallMs / ops, cpuMsPerOp: cpu / ops };
}
