import { expect, type Locator, type Page } from "@playwright/test";

/** CSV onboarding (/ra/accounts/import): preview, import with progress, per-row results. */
export class AccountImportPage {
  readonly form: Locator;
  readonly summary: Locator;
  readonly rows: Locator;
  readonly run: Locator;
  readonly done: Locator;
  readonly nothing: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId("import-form");
    this.summary = page.getByTestId("import-summary");
    this.rows = page.getByTestId("import-rows").locator("tbody tr");
    this.run = page.getByTestId("import-run");
    this.done = page.getByTestId("import-done");
    this.nothing = page.getByTestId("import-nothing");
  }

  async goto() {
    await this.page.goto("/ra/accounts/import");
    await expect(this.page.getByRole("heading", { level: 1, name: "Import accounts (CSV)" })).toBeVisible();
  }

  async preview(name: string, csv: string | Buffer) {
    await this.form.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.isBuffer(csv) ? csv : Buffer.from(csv, "utf8") });
    await this.form.getByRole("button", { name: "Preview" }).click();
    await expect(this.summary).toBeVisible();
  }

  row(line: number): Locator {
    return this.page.getByTestId("import-rows").locator(`tbody tr[data-line="${line}"]`);
  }
}
