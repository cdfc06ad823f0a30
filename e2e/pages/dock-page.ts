import { expect, type Locator, type Page } from "@playwright/test";

/** The dock (/ra/dock) and its line in the console layout ("Dock: accounts (N), certificates (N)"). */
export class DockPage {
  readonly link: Locator;
  readonly accounts: Locator;
  readonly certificates: Locator;
  readonly accountsResult: Locator;
  readonly certificatesResult: Locator;

  constructor(readonly page: Page) {
    this.link = page.getByTestId("dock-link");
    this.accounts = page.getByTestId("dock-accounts");
    this.certificates = page.getByTestId("dock-certificates");
    this.accountsResult = page.getByTestId("dock-accounts-result");
    this.certificatesResult = page.getByTestId("dock-certificates-result");
  }

  async expectCounts(accounts: number, certificates: number) {
    await expect(this.link).toHaveText(`Dock: accounts (${accounts}), certificates (${certificates})`);
  }

  /** Opens the dock from the layout's link, as a user would. */
  async open() {
    await this.link.click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Dock" })).toBeVisible();
  }

  accountRow(name: string): Locator {
    return this.accounts.locator(`tbody tr[data-account="${name}"]`);
  }

  certificateRow(serial: string): Locator {
    return this.certificates.locator(`tbody tr[data-serial="${serial}"]`);
  }

  /** "Put in dock" on an account or certificate page. */
  async putFromRecordPage() {
    await this.page.getByTestId("put-in-dock").click();
    await expect(this.page.getByTestId("in-dock")).toBeVisible();
    await expect(this.page.getByTestId("remove-from-dock")).toBeVisible();
  }

  /** "Put selected in dock" under a list's selection; checks the message. */
  async putSelection(count: number) {
    await this.page.getByTestId("dock-put-selected").click();
    await expect(this.page.getByTestId("dock-put-result")).toHaveText(`${count} put in the dock.`);
  }
}
