import { expect, type Locator, type Page } from "@playwright/test";

/** /ra/admins: add administrators, change roles, require two-factor, the sign-in policy. */
export class AdminsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/ra/admins");
    await expect(this.page.getByRole("heading", { level: 1, name: "Administrators" })).toBeVisible();
  }

  row(email: string): Locator {
    return this.page.getByTestId(`admin-row-${email}`);
  }

  async add(email: string, role: "ADMIN" | "OPERATOR" | "AUDITOR", password: string) {
    const form = this.page.getByRole("form", { name: "Add administrator" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("Role").selectOption(role);
    await form.getByLabel(/Initial password/).fill(password);
    await form.getByRole("button", { name: "Add administrator" }).click();
    await expect(this.page.getByText(`Administrator added. ${email}`)).toBeVisible();
    await expect(this.row(email)).toBeVisible();
  }

  /** Invites through the form and returns the link shown once. */
  async invite(email: string, role: "ADMIN" | "OPERATOR" | "AUDITOR", opts: { requireTotp?: boolean } = {}): Promise<string> {
    const form = this.page.getByRole("form", { name: "Invite an administrator" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("Role").selectOption(role);
    if (opts.requireTotp) await form.getByLabel("Require two-factor sign-in for this administrator").check();
    await form.getByRole("button", { name: "Invite", exact: true }).click();
    await expect(form.getByTestId("invitation-result")).toContainText(`Invitation created for ${email}.`);
    await expect(this.row(email)).toBeVisible();
    return form.getByTestId("invitation-link").inputValue();
  }

  async requireTwoFactor(email: string) {
    const box = this.row(email).getByLabel("Require two-factor");
    await box.check();
    await expect(this.row(email).getByText("Saved.")).toBeVisible();
  }
}
