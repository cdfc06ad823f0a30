/** Small statistics helpers: summaries of samples and bootstrap intervals for ratios. */

export interface Summary {
  n: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  p90: number;
  stdev: number;
}

export function mean(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : NaN;
}

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  if (lo === hi || s[lo] === s[hi]) return s[lo];
  if (!Number.isFinite(s[hi])) return s[hi];
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

export function summarize(xs: number[]): Summary {
  const m = mean(xs);
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  return {
    n: xs.length,
    mean: m,
    median: median(xs),
    min: Math.min(...xs),
    max: Math.max(...xs),
    p90: quantile(xs, 0.9),
    stdev: xs.length > 1 ? Math.sqrt(v / (xs.length - 1)) : 0,
  };
}

/** Deterministic PRNG (mulberry32) so bootstrap intervals are reproducible for the same samples. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 95% bootstrap interval of stat(a) / (stat(b) - stat(c)): "ours / (OpenSSL raw - process
 * start)". All three samples are resampled; a resample whose denominator is ≤ 0 (start cost
 * at least as large as the whole command) counts as an infinite ratio.
 */
export function bootstrapRatio(
  a: number[],
  b: number[],
  c: number[] = [],
  stat: (xs: number[]) => number = mean,
  rounds = 2000,
): { lo: number; hi: number } {
  if (a.length < 2 || b.length < 2) return { lo: NaN, hi: NaN };
  const rand = rng(0x1badcafe);
  const resample = (xs: number[]) => {
    const out = new Array<number>(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = xs[Math.floor(rand() * xs.length)];
    return out;
  };
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const denom = stat(resample(b)) - (c.length ? stat(resample(c)) : 0);
    ratios.push(denom > 0 ? stat(resample(a)) / denom : Infinity);
  }
  return { lo: quantile(ratios, 0.025), hi: quantile(ratios, 0.975) };
}
