import { expect, type Page } from "@playwright/test";

export class TokensPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/ra/tokens");
    await expect(this.page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  }

  /** Creates a token and returns the secret, which the page shows only once. */
  async create(name: string, role: "ADMIN" | "OPERATOR" | "AUDITOR"): Promise<string> {
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Role").selectOption(role);
    await this.page.getByRole("button", { name: "Create token" }).click();
    const secret = this.page.getByTestId("new-token");
    await expect(secret).not.toBeEmpty();
    return (await secret.textContent())!.trim();
  }
}
