import { test, expect } from "./fixtures";

// The dashboard: counts by status, the weekly expiry chart with its table fallback, CRL
// freshness per CA and recent activity, reacting to a newly issued and revoked certificate.

test("the dashboard counts a new certificate, charts it by expiry week and shows the activity", async ({ page, api, uniqueName }) => {
  await page.goto("/ra");
  const valid = page.getByTestId("stat-valid");
  const revoked = page.getByTestId("stat-revoked");
  await expect(valid).toHaveText(/^\d+$/);
  const before = { valid: Number(await valid.textContent()), revoked: Number(await revoked.textContent()) };

  const name = uniqueName("dash");
  expect((await api.post("/api/v1/accounts", { data: { kind: "user", name } })).status()).toBe(201);
  const issued = await api.post("/api/v1/certificates", { data: { account: name, keyAlgorithm: "ECDSA-P256" } });
  expect(issued.status()).toBe(201);
  const { serial } = await issued.json();
  expect((await api.post(`/api/v1/certificates/${serial}/revoke`, { data: { reason: "superseded" } })).status()).toBe(200);

  await page.reload();
  // Other specs issue in parallel: the counts only grow.
  expect(Number(await revoked.textContent())).toBeGreaterThanOrEqual(before.revoked + 1);

  const chart = page.getByRole("img", { name: "Certificates expiring per week (next 90 days)" });
  await expect(chart).toBeVisible();
  await expect(chart.locator("rect[data-count]")).toHaveCount(13);
  await page.getByTestId("expiry-chart").locator("summary").click();
  const table = page.getByTestId("expiry-table");
  await expect(table).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(13);
  await expect(table.locator("thead th")).toHaveText(["Week starting", "Expiring"]);

  const ia1 = page.getByTestId("crl-ia1");
  await expect(ia1).toHaveAttribute("data-warning", "false");
  await expect(ia1.getByRole("cell").nth(3)).toHaveText(/^\d+d \d+h \(\d+%\)$/);

  await expect(page.getByTestId("recent-activity")).toContainText(serial);
});

test.describe("in Japanese", () => {
  test.use({ locale: "ja-JP" });

  test("the dashboard is in Japanese for a Japanese browser", async ({ page }) => {
    await page.goto("/ra");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ダッシュボード");
    await expect(page.getByRole("heading", { name: "失効リストの鮮度" })).toBeVisible();
    await expect(page.getByRole("img", { name: "週ごとの有効期限到来数 (今後 90 日)" })).toBeVisible();
  });
});
