import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures";

// The issuance history report as an auditor would use it at a review: this month's issued and
// revoked counts include what the test just did, and the CSV export carries the same figures.

test("the issuance report counts this month's issuance and revocation and exports them as CSV", async ({ page, api, uniqueName, workDir }) => {
  const user = uniqueName("report");
  expect((await api.post("/api/v1/accounts", { data: { kind: "user", name: user, email: `${user}@e2e.inkan.test` } })).status()).toBe(201);
  const issued = await api.post("/api/v1/certificates", { data: { account: user, keyAlgorithm: "ECDSA-P256" } });
  expect(issued.status()).toBe(201);
  const { serial } = (await issued.json()) as { serial: string };
  expect((await api.post(`/api/v1/certificates/${serial}/revoke`, { data: { reason: "superseded" } })).status()).toBe(200);

  await page.goto("/ra/reports?period=month");
  await expect(page.getByRole("heading", { level: 1, name: "Issuance history" })).toBeVisible();
  await expect(page.getByTestId("report-chart")).toBeVisible();
  await expect(page.getByTestId("report-table")).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-export-csv").click()]);
  const file = `${workDir}/report.csv`;
  await download.saveAs(file);
  const csv = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const header = csv[0].split(",");
  const month = new Date().toISOString().slice(0, 7);
  const rows = csv.slice(1).filter((line) => line.startsWith(month) && line.includes(",ia1,")).map((line) => line.split(","));
  expect(rows.length, `a row for ${month} and ia1`).toBeGreaterThan(0);
  const sum = (column: string) => rows.reduce((n, r) => n + Number(r[header.indexOf(column)]), 0);
  expect(sum("issued")).toBeGreaterThanOrEqual(1);
  expect(sum("revoked_superseded")).toBeGreaterThanOrEqual(1);
});
