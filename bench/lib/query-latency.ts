/**
 * Server-time latency of page queries, as the console and audit benchmarks report it: each
 * query warms up three times, then runs `samples` times with fresh random parameters.
 */
export type TimedQuery = [name: string, run: () => Promise<unknown>];

/** p50 / p95 / max by the nearest-rank method (no interpolation: every figure was observed). */
export function latencyStats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { p50: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

/** Times each query and prints one line per query, flagging a p95 over `budgetMs`. */
export async function timeQueries(title: string, queries: TimedQuery[], samples: number, budgetMs: number) {
  console.log(`${title.padEnd(46)}   p50 ms   p95 ms   max ms`);
  for (const [name, run] of queries) {
    for (let i = 0; i < 3; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    const r = latencyStats(times);
    console.log(`${name.padEnd(46)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}${r.p95 > budgetMs ? `   > ${budgetMs} ms` : ""}`);
  }
}
