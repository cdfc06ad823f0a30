import { expect, type Locator, type Page } from "@playwright/test";

/** The UA's registration application form at /<ua>/ua/apply. */
export class ApplyPage {
  constructor(readonly page: Page, readonly ua: string) {}

  /** From the UA's sign-in page, through its link, as an applicant finds it. */
  async openFromSignIn() {
    await this.page.goto(`/${this.ua}/ua`);
    await this.page.getByTestId("ua-apply-link").click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Apply for an account" })).toBeVisible();
  }

  async fill(a: { userId: string; displayName: string; email: string; password: string; confirm?: string; note?: string }) {
    const form = this.page.getByTestId("apply-form");
    await form.getByLabel("User ID").fill(a.userId);
    await form.getByLabel("Your name").fill(a.displayName);
    await form.getByLabel("E-mail").fill(a.email);
    await form.getByLabel("Password for this site", { exact: true }).fill(a.password);
    await form.getByLabel("Password again", { exact: true }).fill(a.confirm ?? a.password);
    if (a.note) await form.getByLabel("Note to the administrator (optional)").fill(a.note);
    await form.getByTestId("apply-submit").click();
  }
}

/** RA: /ra/applications and one application's page. */
export class ApplicationsPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId("application-table");
  }

  async goto(status?: "pending" | "approved" | "rejected" | "all") {
    await this.page.goto(status ? `/ra/applications?status=${status}` : "/ra/applications");
    await expect(this.page.getByRole("heading", { level: 1, name: "Applications" })).toBeVisible();
  }

  row(userId: string): Locator {
    return this.table.locator(`tr[data-application="${userId}"]`);
  }

  async open(userId: string) {
    await this.row(userId).getByRole("link", { name: userId, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(`Application: ${userId}`);
  }

  async approve() {
    await this.page.getByTestId("application-approve").click();
    await this.page.getByTestId("application-approve-confirm").click();
    await expect(this.page.getByTestId("application-detail-status")).toHaveText("Approved");
  }

  async reject(reason: string) {
    await this.page.getByTestId("application-reject").click();
    const dialog = this.page.getByTestId("application-reject-dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Reason (kept with the application)").fill(reason);
    await dialog.getByTestId("application-reject-confirm").click();
    await expect(this.page.getByTestId("application-detail-status")).toHaveText("Rejected");
  }
}
