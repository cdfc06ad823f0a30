import { expect, type Locator, type Page } from "@playwright/test";

/** /ra/certificates: search, selection and bulk revoke. */
export class CertificatesListPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly searchForm: Locator;
  readonly selectedCount: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId("certificate-table");
    this.rows = this.table.locator("tbody tr");
    this.searchForm = page.getByTestId("certificate-search");
    this.selectedCount = page.getByTestId("selected-count");
    this.result = page.getByTestId("bulk-result");
  }

  async goto(query: Record<string, string> = {}) {
    await this.page.goto(`/ra/certificates?${new URLSearchParams(query)}`);
    await expect(this.searchForm).toBeVisible();
  }

  /** Types into the search box and submits with the keyboard. */
  async search(q: string, status?: "valid" | "expired" | "revoked") {
    if (status) await this.searchForm.getByLabel("Status").selectOption(status);
    const box = this.searchForm.getByRole("searchbox");
    await box.fill(q);
    await box.press("Enter");
    await expect(this.page).toHaveURL(new RegExp(`q=${encodeURIComponent(q)}`));
  }

  row(serial: string): Locator {
    return this.table.locator(`tbody tr[data-serial="${serial}"]`);
  }

  async select(serial: string) {
    await this.row(serial).getByRole("checkbox").check();
  }

  /** Opens the confirmation, checks it names the count and reason, and confirms. */
  async bulkRevoke(reason: string, expectedCount: number) {
    await this.page.getByLabel("Reason", { exact: true }).selectOption(reason);
    await this.page.getByTestId("bulk-revoke").click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toContainText(`Revoke ${expectedCount} certificates with reason ${reason}? This cannot be undone.`);
    await dialog.getByTestId("bulk-revoke-confirm").click();
    await expect(dialog).toBeHidden();
  }
}
