import { expect, type Locator, type Page } from "@playwright/test";

export class LoginPage {
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.error = page.getByTestId("login-error");
  }

  async goto() {
    await this.page.goto("/ra/login");
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("E-mail").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** Signs in and waits for the console, as a user would see it. */
  async signInAndWait(email: string, password: string) {
    await this.signIn(email, password);
    await expect(this.page.getByTestId("signed-in-as")).toContainText(email);
  }
}
