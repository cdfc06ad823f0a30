import { expect, type Download, type Locator, type Page } from "@playwright/test";

export class CertificatePage {
  readonly heading: Locator;
  readonly info: Locator;
  readonly serial: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.info = page.getByTestId("certificate-info");
    this.serial = page.getByTestId("serial");
  }

  async goto(serial: string) {
    await this.page.goto(`/ra/certificates/${serial}`);
    await expect(this.serial).toHaveText(serial);
  }

  detail(term: string): Locator {
    return this.info.locator("dt").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
  }

  async expectStatus(status: "Valid" | "Revoked") {
    await expect(this.heading.locator(".badge")).toHaveText(status);
  }

  /** Revokes through the confirmation dialog, as an operator would. */
  async revoke(reason: string) {
    await this.page.getByLabel("Reason").selectOption(reason);
    await this.page.getByTestId("revoke").click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toContainText("Revoke this certificate?");
    await dialog.getByTestId("revoke-confirm").click();
    await expect(dialog).toBeHidden();
  }

  async downloadPem(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId("download-pem").click()]);
    return download;
  }
}
