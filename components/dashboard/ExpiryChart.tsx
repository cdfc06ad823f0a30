import type { CaMessages } from "@/lib/ca/messages";

export interface ExpiryBar {
  /** The week's first day as shown (YYYY/MM/DD). */
  label: string;
  count: number;
}

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { top: 16, right: 8, bottom: 36, left: 40 };

/**
 * Certificates expiring per week as a plain SVG bar chart. Screen readers get the title,
 * a one-sentence summary and the same numbers as a table.
 */
export function ExpiryChart({ bars, t, summary }: { bars: ExpiryBar[]; t: CaMessages["dashboard"]; summary: string }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(4, slot * 0.7);
  return (
    <figure style={{ margin: 0 }} className="panel" data-testid="expiry-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby="expiry-chart-title expiry-chart-desc">
        <title id="expiry-chart-title">{t.chartTitle}</title>
        <desc id="expiry-chart-desc">{summary}</desc>
        <line x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} stroke="#8a939e" />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" fontSize="11" fill="#5b6470">{max}</text>
        <text x={PAD.left - 6} y={PAD.top + plotH} textAnchor="end" fontSize="11" fill="#5b6470">0</text>
        {bars.map((b, i) => {
          const h = (b.count / max) * plotH;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g key={b.label}>
              <rect x={x} y={PAD.top + plotH - h} width={barW} height={h} fill="#2f6fdb" data-count={b.count}>
                <title>{`${b.label}: ${b.count}`}</title>
              </rect>
              {b.count > 0 && <text x={x + barW / 2} y={PAD.top + plotH - h - 3} textAnchor="middle" fontSize="11" fill="#22272e">{b.count}</text>}
              {i % 2 === 0 && <text x={x + barW / 2} y={HEIGHT - 18} textAnchor="middle" fontSize="10" fill="#5b6470">{b.label.slice(5)}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption>{summary}</figcaption>
      <details>
        <summary>{t.chartTitle}</summary>
        <table className="data" data-testid="expiry-table">
          <thead><tr><th scope="col">{t.chartWeek}</th><th scope="col">{t.chartCount}</th></tr></thead>
          <tbody>
            {bars.map((b) => <tr key={b.label}><td>{b.label}</td><td>{b.count}</td></tr>)}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
