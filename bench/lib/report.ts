/** Result rows, formatting, the console table and the Markdown rendering. */

export type Verdict = "PASS" | "MISS" | "info";

export interface Row {
  /** What is measured, e.g. "RSA-2048" or "build 1,000,000". */
  case: string;
  /** Our figure, formatted. */
  ours: string;
  /** The comparison figure (OpenSSL unless the row says otherwise), formatted. */
  reference: string;
  /** Ratio as the target reads it, formatted (e.g. "0.97× openssl"). */
  ratio: string;
  target: string;
  verdict: Verdict;
  /** Qualifies the verdict, e.g. "inconclusive" when the sample cannot settle it. */
  verdictNote?: string;
  /** Raw numbers behind the row, for the JSON file. */
  data?: Record<string, unknown>;
}

export interface SuiteResult {
  suite: string;
  title: string;
  /** Column header of the reference figure. */
  referenceHeader: string;
  rows: Row[];
  notes: string[];
  elapsedMs?: number;
  /** Raw samples and intermediate figures. */
  raw?: Record<string, unknown>;
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function fmtUs(us: number): string {
  if (!Number.isFinite(us)) return "n/a";
  return us >= 10 ? `${us.toFixed(1)} µs` : `${us.toFixed(2)} µs`;
}

export function fmtRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return "n/a";
  const digits = perSecond >= 100 ? 0 : perSecond >= 10 ? 1 : 2;
  return `${perSecond.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })}/s`;
}

export function fmtMiB(kib: number): string {
  return Number.isFinite(kib) ? `${(kib / 1024).toFixed(0)} MiB` : "n/a";
}

export function fmtRatio(r: number, what = ""): string {
  if (r === Infinity) return what ? `∞× ${what}` : "∞×";
  if (!Number.isFinite(r)) return "n/a";
  const s = r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toFixed(3);
  return what ? `${s}× ${what}` : `${s}×`;
}

export function fmtPct(r: number): string {
  return Number.isFinite(r) ? `${(r * 100).toFixed(r < 0.1 ? 1 : 0)}%` : "n/a";
}

export function fmtCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function verdict(ok: boolean): Verdict {
  return ok ? "PASS" : "MISS";
}

const HEADERS = ["Case", "Ours", "REF", "Ratio", "Target", "Result"];

function cells(row: Row): string[] {
  const v = row.verdict === "info" ? "–" : row.verdictNote ? `${row.verdict} (${row.verdictNote})` : row.verdict;
  return [row.case, row.ours, row.reference, row.ratio, row.target, v];
}

/** Plain-text table for the console. */
export function renderConsole(s: SuiteResult): string {
  const headers = HEADERS.map((h) => (h === "REF" ? s.referenceHeader : h));
  const body = s.rows.map(cells);
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cols: string[]) => cols.map((c, i) => c.padEnd(widths[i])).join("  ");
  const out = [`\n== ${s.title} ==`, line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)];
  for (const n of s.notes) out.push(`  * ${n}`);
  return out.join("\n");
}

/** Markdown table (used to write docs/BENCHMARKS.md). */
export function renderMarkdown(s: SuiteResult): string {
  const headers = HEADERS.map((h) => (h === "REF" ? s.referenceHeader : h));
  const esc = (c: string) => c.replace(/\|/g, "\\|");
  const out = [`### ${s.title}`, "", `| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`];
  for (const r of s.rows) {
    const c = cells(r).map(esc);
    if (r.verdict !== "info") c[5] = `**${c[5]}**`;
    out.push(`| ${c.join(" | ")} |`);
  }
  if (s.notes.length) out.push("", ...s.notes.map((n) => `- ${n}`));
  return out.join("\n");
}
