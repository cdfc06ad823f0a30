// Layout for the chart and legend, and for paper: only the report prints (no console chrome,
// no form or buttons), tables do not split rows, and bar colours are kept.
const CSS = `
.report-legend { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; padding: 0; margin: 4px 0 8px; }
.report-swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
.report-chart-scroll { overflow-x: auto; }
.report-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.report-print-only { display: none; }
@media print {
  nav, header, aside, .report-no-print { display: none !important; }
  .report-print-only { display: block; }
  .report-chart svg { width: 100% !important; height: auto !important; }
  .report-chart rect { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .report-chart-scroll, .table-scroll { overflow: visible !important; }
  .report-table tr { break-inside: avoid; }
  .report-table thead { display: table-header-group; }
  .panel { box-shadow: none !important; border: 0 !important; }
}
`;

export function ReportPrintStyle() {
  return <style>{CSS}</style>;
}
