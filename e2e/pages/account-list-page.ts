import { expect, type Locator, type Page } from "@playwright/test";

/** The RA account list (/ra/accounts): search, filters, sort, keyset pages. */
export class AccountListPage {
  readonly filters: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.filters = page.getByTestId("account-filters");
    this.table = page.getByTestId("account-table");
    this.rows = this.table.locator("tbody tr");
    this.empty = page.getByTestId("account-list-empty");
  }

  async goto(query = "") {
    await this.page.goto(`/ra/accounts${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  }

  async search(p: { q?: string; kind?: "" | "user" | "server"; status?: "" | "active" | "disabled" | "deleted"; valid?: boolean; sort?: "created" | "name" | "expiry" }) {
    if (p.q !== undefined) await this.filters.getByRole("searchbox").fill(p.q);
    if (p.kind !== undefined) await this.filters.getByLabel("Kind").selectOption(p.kind);
    if (p.status !== undefined) await this.filters.getByLabel("Status").selectOption(p.status);
    if (p.valid !== undefined) await this.filters.getByLabel("Has a valid certificate").setChecked(p.valid);
    if (p.sort !== undefined) await this.filters.getByLabel("Sort").selectOption(p.sort);
    // Submitting with Enter in the search box: the form is usable from the keyboard alone.
    await this.filters.getByRole("searchbox").press("Enter");
    await this.page.waitForURL(/\/ra\/accounts\?/);
  }

  /** User IDs of the rows shown, in order. */
  async names(): Promise<string[]> {
    if (await this.empty.isVisible()) return [];
    return this.rows.locator("th a").allTextContents();
  }

  async expectNames(names: string[]) {
    if (names.length === 0) await expect(this.empty).toBeVisible();
    else await expect(this.rows.locator("th a")).toHaveText(names);
  }
}
