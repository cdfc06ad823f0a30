import type { ReportPeriod } from "@/lib/reports/schema";
import type { BucketTotals } from "@/lib/reports/types";
import { fill, type ReportMessages } from "@/lib/reports/messages";
import { bucketLabel } from "./bucket-label";

const SERIES = [
  { key: "issued", color: "#2563eb" },
  { key: "revokedTotal", color: "#dc2626" },
  { key: "expired", color: "#a16207" },
  { key: "delivered", color: "#059669" },
] as const;

const HEIGHT = 220;
const TOP = 16;
const BOTTOM = 48;
const LEFT = 44;
const BAR = 6;
const GAP = 10;

/** Grouped bars per period in plain SVG; the table below holds the same numbers for screen readers and print. */
export function ReportChart(props: { m: ReportMessages; buckets: BucketTotals[]; period: ReportPeriod; from: string; to: string }) {
  const { m, buckets, period } = props;
  const max = Math.max(1, ...buckets.flatMap((b) => SERIES.map((s) => b[s.key])));
  const groupWidth = SERIES.length * BAR + GAP;
  const width = LEFT + buckets.length * groupWidth + GAP;
  const plot = HEIGHT - TOP - BOTTOM;
  const y = (n: number) => TOP + plot - (n / max) * plot;
  const label = (key: (typeof SERIES)[number]["key"]) => (key === "revokedTotal" ? m.columns.revoked : m.columns[key]);
  // Label every nth bucket so the axis stays legible with a year of days.
  const every = Math.max(1, Math.ceil(buckets.length / 24));
  const caption = fill(m.chart.caption, { from: props.from, to: props.to });
  return (
    <figure className="panel report-chart" data-testid="report-chart">
      <h2>{m.chart.title}</h2>
      <ul className="report-legend" aria-hidden="true">
        {SERIES.map((s) => (
          <li key={s.key}><span className="report-swatch" style={{ background: s.color }} />{label(s.key)}</li>
        ))}
      </ul>
      <div className="report-chart-scroll">
        <svg role="img" aria-labelledby="report-chart-title report-chart-desc" viewBox={`0 0 ${width} ${HEIGHT}`} width={Math.max(width, 320)} height={HEIGHT}>
          <title id="report-chart-title">{m.chart.title}</title>
          <desc id="report-chart-desc">{caption}</desc>
          <line x1={LEFT} x2={width} y1={y(0)} y2={y(0)} stroke="currentColor" strokeOpacity={0.4} />
          <line x1={LEFT} x2={width} y1={y(max)} y2={y(max)} stroke="currentColor" strokeOpacity={0.15} strokeDasharray="3 3" />
          <text x={LEFT - 6} y={y(max) + 4} textAnchor="end" fontSize={10} fill="currentColor">{max}</text>
          <text x={LEFT - 6} y={y(0) + 4} textAnchor="end" fontSize={10} fill="currentColor">0</text>
          {buckets.map((b, i) => {
            const x0 = LEFT + GAP + i * groupWidth;
            const name = bucketLabel(b.bucket, period);
            return (
              <g key={name} data-testid="report-chart-bucket" data-bucket={name}>
                {SERIES.map((s, j) => (
                  <rect key={s.key} x={x0 + j * BAR} y={y(b[s.key])} width={BAR - 1} height={y(0) - y(b[s.key])} fill={s.color} data-series={s.key} data-value={b[s.key]}>
                    <title>{`${name} · ${label(s.key)}: ${b[s.key]}`}</title>
                  </rect>
                ))}
                {i % every === 0 && (
                  <text x={x0} y={HEIGHT - BOTTOM + 14} fontSize={10} fill="currentColor" transform={`rotate(35 ${x0} ${HEIGHT - BOTTOM + 14})`}>{name}</text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="help">{caption}</figcaption>
    </figure>
  );
}
