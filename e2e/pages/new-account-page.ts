import { expect, type Page } from "@playwright/test";

export class NewAccountPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/ra/accounts/new");
  }

  async createUser(a: { name: string; displayName?: string; email?: string }) {
    await this.goto();
    await this.page.getByLabel("User", { exact: true }).check();
    await this.fillCommon(a);
    if (a.email) await this.page.getByLabel("E-mail").fill(a.email);
    await this.submit(a.name);
  }

  async createServer(a: { name: string; displayName?: string; hostnames: string[] }) {
    await this.goto();
    await this.page.getByLabel("Server", { exact: true }).check();
    await this.fillCommon(a);
    await this.page.getByLabel("Host names").fill(a.hostnames.join("\n"));
    await this.submit(a.name);
  }

  private async fillCommon(a: { name: string; displayName?: string }) {
    await this.page.getByLabel("User ID / server name").fill(a.name);
    if (a.displayName) await this.page.getByLabel("Display name").fill(a.displayName);
  }

  /** Creating an account opens its page. */
  private async submit(name: string) {
    await this.page.getByRole("button", { name: "Create account" }).click();
    await expect(this.page.getByTestId("account-title")).toHaveText(new RegExp(`: ${name.replace(/[.]/g, "\\.")}$`));
  }
}
