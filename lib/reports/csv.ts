// The report as CSV (RFC 4180, CRLF), one line per (period, CA, template) with a column per
// revocation reason. Spreadsheets run cells that start with = + - @ as formulas, and CA and
// template names are typed by administrators, so such cells get a leading apostrophe.
import type { IssuanceReport } from "./types";
import { reportFilterToQuery } from "./schema";

function cell(value: string | number): string {
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (values: (string | number)[]) => values.map(cell).join(",") + "\r\n";

export function reportCsv(report: IssuanceReport): string {
  const reasons = report.reasons;
  let out = line(["period_start", "ca", "template", "issued", "revoked", ...reasons.map((r) => `revoked_${r}`), "expired", "delivered"]);
  for (const r of report.rows) {
    out += line([r.bucket.toISOString().slice(0, 10), r.ca, r.template, r.issued, r.revokedTotal, ...reasons.map((x) => r.revoked[x] ?? 0), r.expired, r.delivered]);
  }
  const t = report.totals;
  out += line(["total", "", "", t.issued, t.revokedTotal, ...reasons.map((x) => t.revoked[x] ?? 0), t.expired, t.delivered]);
  return out;
}

export function reportFilename(report: IssuanceReport): string {
  const q = reportFilterToQuery(report.filter);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_");
  return ["inkan-issuance", q.period, q.from, q.to, q.ca, q.template].filter(Boolean).map((s) => safe(s!)).join("-") + ".csv";
}
