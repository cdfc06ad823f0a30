// The issuance history report on SQLite and PostgreSQL: certificates issued, revoked by
// reason, expired and delivered per UTC period, CA and template, with fixed dates; the CA and
// template filters, the filter's validation, and the CSV export's exact content.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, expectInkanError, makeCsr, useServiceEnvironment } from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import { issueFromCsr, revokeCertificate } from "../../lib/ca";
import { recordStandaloneEvent } from "../../lib/audit";
import { buildIssuanceReport, parseReportFilter, reportCsv, reportFilename, reportFilterToQuery, type IssuanceReport } from "../../lib/reports";
import type { RevocationReason } from "../../lib/pki";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { en as reportEn, ja as reportJa } from "../../lib/reports/messages";
import { ReportChart } from "../../components/reports/ReportChart";
import { ReportTable } from "../../components/reports/ReportTable";

useServiceEnvironment();
const at = (iso: string) => new Date(iso);
// The report's "now": mid-June 2027, so the default range is July 2026 – June 2027.
const NOW = at("2027-06-15T12:00:00Z");

/** The rows as compact strings, e.g. "2027-01|ia1|(none)|i1 r{} e1 d2". */
function rows(report: IssuanceReport) {
  return report.rows.map((r) => {
    const reasons = Object.entries(r.revoked).sort().map(([k, n]) => `${k}:${n}`).join(",");
    return `${r.bucket.toISOString().slice(0, 10)}|${r.ca}|${r.template}|i${r.issued} r{${reasons}} e${r.expired} d${r.delivered}`;
  });
}

describe.each(PROVIDERS)("issuance history report on %s", (provider) => {
  const t = withTestDatabase(provider);
  const serials: Record<string, string> = {};

  /** Issues with the clock at `when`; the row's createdAt is set to it too (the column defaults to the database's clock). */
  async function issue(label: string, ca: string, when: string, template?: string) {
    const now = at(when);
    const c = await issueFromCsr({ account: "ivan", csr: makeCsr("p256").pem, ca }, TEST_ACTOR, now);
    const templateId = template ? (await t.db.template.findUniqueOrThrow({ where: { name: template } })).id : null;
    await t.db.certificate.update({ where: { id: c.id }, data: { createdAt: now, templateId } });
    serials[label] = c.serial;
  }
  const revoke = (label: string, reason: RevocationReason, when: string) => revokeCertificate({ serial: serials[label], reason }, TEST_ACTOR, at(when));
  const deliver = (serial: string, ua: string, when: string, outcome: "SUCCESS" | "FAILURE" = "SUCCESS") =>
    recordStandaloneEvent({ actor: { kind: "anonymous", label: "ivan" }, action: outcome === "SUCCESS" ? "delivery.deliver" : "delivery.refuse", outcome, target: { type: "certificate", id: serial }, details: { ua, platform: "windows" } }, at(when));

  beforeAll(async () => {
    await t.reset();
    const ia1 = await createTestAuthority({ now: at("2025-12-01T00:00:00Z") });
    const ia2 = await createTestAuthority({ slug: "ia2", now: at("2025-12-01T00:00:00Z") });
    await createAccount({ kind: "user", name: "ivan", email: "ivan@example.test" }, TEST_ACTOR);
    await t.db.template.create({ data: { name: "vpn-users", usage: "CLIENT" } });
    await t.db.enrollmentAuthority.create({ data: { name: "ua1", caId: ia1.id } });
    await t.db.enrollmentAuthority.create({ data: { name: "ua2", caId: ia2.id } });
    // Leaves are valid 365 days from issuance.
    await issue("E", "ia1", "2026-01-01T10:00:00Z"); // expires 2027-01-01: expired in January 2027
    await issue("F", "ia1", "2026-02-10T10:00:00Z"); // expires 2027-02-10, but revoked before: not "expired"
    await revoke("F", "keyCompromise", "2026-05-01T09:00:00Z"); // before the range
    await issue("G", "ia2", "2026-06-20T10:00:00Z"); // expires 2027-06-20, after NOW: not yet expired
    await issue("A", "ia1", "2027-01-10T08:00:00Z");
    await deliver(serials.A, "ua1", "2027-01-11T08:00:00Z");
    await deliver(serials.A, "ua1", "2027-01-11T08:00:00Z"); // a second download counts again (same instant: the keyset breaks the tie by seq)
    await issue("B", "ia1", "2027-01-20T08:00:00Z", "vpn-users");
    await deliver(serials.B, "ua1", "2027-01-21T08:00:00Z");
    await revoke("A", "keyCompromise", "2027-02-03T08:00:00Z");
    await issue("C", "ia1", "2027-02-05T08:00:00Z");
    await deliver(serials.C, "ua1", "2027-02-06T08:00:00Z", "FAILURE"); // a refused delivery is not counted
    await revoke("B", "superseded", "2027-02-10T08:00:00Z");
    await issue("D", "ia2", "2027-03-01T08:00:00Z");
    await revoke("D", "superseded", "2027-03-02T08:00:00Z");
    // A delivery whose certificate is gone: counted under the UA's CA, template (none).
    await deliver("00deadbeef", "ua2", "2027-03-05T08:00:00Z");
    await deliver(serials.C, "ua1", "2027-07-02T08:00:00Z"); // after the range
  });

  it("by default counts the last 12 months by month: issued, revoked by reason, expired and delivered per CA and template", async () => {
    const report = await buildIssuanceReport(parseReportFilter({}, NOW), NOW);
    expect(report.filter).toMatchObject({ period: "month", from: at("2026-07-01T00:00:00Z"), to: at("2027-07-01T00:00:00Z") });
    expect(rows(report)).toEqual([
      "2027-01-01|ia1|(none)|i1 r{} e1 d2",
      "2027-01-01|ia1|vpn-users|i1 r{} e0 d1",
      "2027-02-01|ia1|(none)|i1 r{keyCompromise:1} e0 d0",
      "2027-02-01|ia1|vpn-users|i0 r{superseded:1} e0 d0",
      "2027-03-01|ia2|(none)|i1 r{superseded:1} e0 d1",
    ]);
    expect(report.buckets.map((b) => b.bucket.toISOString().slice(0, 7))).toEqual([
      "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06",
    ]);
    expect(report.buckets.map((b) => b.issued)).toEqual([0, 0, 0, 0, 0, 0, 2, 1, 1, 0, 0, 0]);
    expect(report.buckets.map((b) => b.revokedTotal)).toEqual([0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0]);
    expect(report.buckets.map((b) => b.delivered)).toEqual([0, 0, 0, 0, 0, 0, 3, 0, 1, 0, 0, 0]);
    expect(report.totals).toEqual({ issued: 4, revoked: { keyCompromise: 1, superseded: 2 }, revokedTotal: 3, expired: 1, delivered: 4 });
    expect(report.reasons).toEqual(["keyCompromise", "superseded"]);
  });

  it("gives the same report when rows are read in keyset batches of one or two", async () => {
    const filter = parseReportFilter({}, NOW);
    const whole = await buildIssuanceReport(filter, NOW);
    for (const batchSize of [1, 2]) expect(await buildIssuanceReport(filter, NOW, { batchSize })).toEqual(whole);
  });

  it("counts a certificate as expired only once its end of validity has passed", async () => {
    const filter = parseReportFilter({ from: "2026-12-01", to: "2027-06-30" });
    expect((await buildIssuanceReport(filter, at("2026-12-31T00:00:00Z"))).totals.expired).toBe(0);
    expect((await buildIssuanceReport(filter, at("2027-01-01T10:00:01Z"))).totals.expired).toBe(1);
    // G expires 2027-06-20: inside the range, counted once that day has passed.
    expect((await buildIssuanceReport(filter, at("2027-06-21T00:00:00Z"))).totals.expired).toBe(2);
  });

  it("filters by CA and by template, (none) meaning no template", async () => {
    expect(rows(await buildIssuanceReport(parseReportFilter({ ca: "ia2" }, NOW), NOW))).toEqual(["2027-03-01|ia2|(none)|i1 r{superseded:1} e0 d1"]);
    expect(rows(await buildIssuanceReport(parseReportFilter({ template: "vpn-users" }, NOW), NOW))).toEqual([
      "2027-01-01|ia1|vpn-users|i1 r{} e0 d1",
      "2027-02-01|ia1|vpn-users|i0 r{superseded:1} e0 d0",
    ]);
    expect(rows(await buildIssuanceReport(parseReportFilter({ ca: "ia1", template: "(none)" }, NOW), NOW))).toEqual([
      "2027-01-01|ia1|(none)|i1 r{} e1 d2",
      "2027-02-01|ia1|(none)|i1 r{keyCompromise:1} e0 d0",
    ]);
    await expectInkanError(buildIssuanceReport(parseReportFilter({ ca: "nope" }, NOW), NOW), "VALIDATION", /There is no CA "nope"/);
    await expectInkanError(buildIssuanceReport(parseReportFilter({ template: "nope" }, NOW), NOW), "VALIDATION", /There is no template "nope"/);
  });

  it("buckets by ISO week (Monday) and by day in UTC, widening the range to whole periods", async () => {
    const weeks = await buildIssuanceReport(parseReportFilter({ period: "week", from: "2027-01-01", to: "2027-01-31" }), NOW);
    expect(weeks.buckets.map((b) => b.bucket.toISOString().slice(0, 10))).toEqual(["2026-12-28", "2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"]);
    expect(rows(weeks)).toEqual([
      "2026-12-28|ia1|(none)|i0 r{} e1 d0",
      "2027-01-04|ia1|(none)|i1 r{} e0 d0",
      "2027-01-11|ia1|(none)|i0 r{} e0 d2",
      "2027-01-18|ia1|vpn-users|i1 r{} e0 d1",
    ]);
    const days = await buildIssuanceReport(parseReportFilter({ period: "day", from: "2027-03-01", to: "2027-03-05" }), NOW);
    expect(days.buckets).toHaveLength(5);
    expect(days.buckets.map((b) => [b.issued, b.revokedTotal, b.delivered])).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 0], [0, 0, 1]]);
    expect(reportFilterToQuery(days.filter)).toEqual({ period: "day", from: "2027-03-01", to: "2027-03-05" });
  });

  it("refuses a bad period, a malformed or reversed range and more than 400 periods", async () => {
    expect(() => parseReportFilter({ period: "year" })).toThrowError(/period: The period is day, week or month/);
    expect(() => parseReportFilter({ from: "2027-02-30" })).toThrowError(/from: Not a date \(use YYYY-MM-DD\)/);
    expect(() => parseReportFilter({ from: "2027-03-01", to: "2027-02-01" })).toThrowError(/after its end/);
    expect(() => parseReportFilter({ period: "day", from: "2025-01-01", to: "2027-01-01" })).toThrowError(/731 day periods; at most 400/);
  });

  it("exports the report as CSV: one line per period, CA and template, a column per reason, and a total", async () => {
    const report = await buildIssuanceReport(parseReportFilter({ from: "2027-01-01", to: "2027-03-31" }, NOW), NOW);
    expect(reportCsv(report)).toBe([
      "period_start,ca,template,issued,revoked,revoked_keyCompromise,revoked_superseded,expired,delivered",
      "2027-01-01,ia1,(none),1,0,0,0,1,2",
      "2027-01-01,ia1,vpn-users,1,0,0,0,0,1",
      "2027-02-01,ia1,(none),1,1,1,0,0,0",
      "2027-02-01,ia1,vpn-users,0,1,0,1,0,0",
      "2027-03-01,ia2,(none),1,1,0,1,0,1",
      "total,,,4,3,1,2,1,4",
      "",
    ].join("\r\n"));
    expect(reportFilename(report)).toBe("inkan-issuance-month-2027-01-01-2027-03-31.csv");
  });

  it("renders an accessible chart with four bars per period and a table row per line, in both languages", async () => {
    const report = await buildIssuanceReport(parseReportFilter({}, NOW), NOW);
    for (const m of [reportEn, reportJa]) {
      const chart = renderToStaticMarkup(createElement(ReportChart, { m, buckets: report.buckets, period: "month", from: "2026-07-01", to: "2027-06-30" }));
      expect(chart).toContain('role="img"');
      expect(chart).toContain(`<title id="report-chart-title">${m.chart.title}</title>`);
      expect(chart.match(/<rect /g)).toHaveLength(12 * 4);
      expect(chart).toContain(`<title>2027-01 · ${m.columns.delivered}: 3</title>`);
      const table = renderToStaticMarkup(createElement(ReportTable, { m, report, period: "month" }));
      expect(table.match(/data-testid="report-row"/g)).toHaveLength(5);
      expect(table).toContain(m.reasons.keyCompromise);
    }
    const empty = await buildIssuanceReport(parseReportFilter({ from: "2026-08-01", to: "2026-08-31" }, NOW), NOW);
    expect(renderToStaticMarkup(createElement(ReportTable, { m: reportJa, report: empty, period: "month" }))).toContain(reportJa.table.empty);
  });

  it("quotes CSV cells and defuses spreadsheet formulas in template names", async () => {
    await t.db.template.create({ data: { name: "=HYPERLINK(\"x\"),y", usage: "CLIENT" } });
    await issue("H", "ia1", "2027-04-02T08:00:00Z", "=HYPERLINK(\"x\"),y");
    const report = await buildIssuanceReport(parseReportFilter({ from: "2027-04-01", to: "2027-04-30" }, NOW), NOW);
    expect(reportCsv(report).split("\r\n")[1]).toBe(`2027-04-01,ia1,"'=HYPERLINK(""x""),y",1,0,0,0`);
  });
});

describe("report messages", () => {
  it("define the same keys in English and Japanese, none empty", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? (v.trim() ? [prefix + k] : []) : keys(v as object, `${prefix}${k}.`))).sort();
    expect(keys(reportJa)).toEqual(keys(reportEn));
  });
});
