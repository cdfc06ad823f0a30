import { expect, type Download, type Locator, type Page } from "@playwright/test";

/** The auditor's page /ra/audit and its event detail. */
export class AuditPage {
  readonly rows: Locator;
  readonly verifyResult: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId("audit-row");
    this.verifyResult = page.getByTestId("verify-result");
  }

  async goto() {
    await this.page.goto("/ra/audit");
  }

  async expectLoaded() {
    await expect(this.page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(this.page.getByTestId("audit-filters")).toBeVisible();
  }

  /** Fills the filters a test names and searches (the URL then carries them). */
  async filter(f: { action?: string; actor?: string; targetType?: string; targetId?: string; ip?: string; q?: string; from?: string; to?: string }) {
    const form = this.page.getByTestId("audit-filters");
    if (f.from) await form.getByLabel("From (UTC)").fill(f.from);
    if (f.to) await form.getByLabel("To (UTC)").fill(f.to);
    if (f.actor) await form.getByLabel("Actor", { exact: true }).fill(f.actor);
    if (f.action) await form.getByLabel("Action").selectOption(f.action);
    if (f.targetType) await form.getByLabel("Target type").selectOption(f.targetType);
    if (f.targetId) await form.getByLabel(/^Target \(/).fill(f.targetId);
    if (f.ip) await form.getByLabel("IP address").fill(f.ip);
    if (f.q) await form.getByLabel("Free text").fill(f.q);
    await form.getByRole("button", { name: "Search" }).click();
    await this.page.waitForURL(/\/ra\/audit\?/);
  }

  /** Opens the event in the given row of the table. */
  async openRow(index: number) {
    const link = this.rows.nth(index).getByRole("link").first();
    const seq = (await link.textContent())!.trim();
    await link.click();
    await expect(this.page.getByRole("heading", { level: 1, name: `Audit event ${seq}` })).toBeVisible();
    return Number(seq);
  }

  async exportCsv(): Promise<Download> {
    const download = this.page.waitForEvent("download");
    await this.page.getByTestId("export-csv").click();
    return download;
  }

  async exportJsonl(): Promise<Download> {
    const download = this.page.waitForEvent("download");
    await this.page.getByTestId("export-jsonl").click();
    return download;
  }

  async runVerification() {
    await this.page.getByTestId("verify-run").click();
  }
}
