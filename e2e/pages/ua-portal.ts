import { expect, type Page } from "@playwright/test";

/** The end user's UA portal at /<ua>/ua. */
export class UaPortalPage {
  constructor(readonly page: Page, readonly ua: string) {}

  async goto() {
    await this.page.goto(`/${this.ua}/ua`);
  }

  async signIn(userId: string, password: string) {
    await this.page.getByLabel("User ID").fill(userId);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await expect(this.page.getByTestId("ua-user")).toContainText(userId);
  }

  certificateRow(serial: string) {
    return this.page.getByTestId(`ua-cert-${serial}`);
  }
}
