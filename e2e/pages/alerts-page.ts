import { expect, type Page } from "@playwright/test";

/** RA → Alerts: settings, test e-mail, upcoming and sent alerts. */
export class AlertsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/ra/alerts");
    await expect(this.page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  }

  get settings() {
    return this.page.getByTestId("alert-settings-form");
  }

  async saveSmtp(opts: { host: string; port: number; user?: string; password?: string; from: string; admins?: string }) {
    const form = this.settings;
    await form.getByLabel("Send alerts by e-mail").check();
    await form.getByLabel("SMTP server").fill(opts.host);
    await form.getByLabel("Port", { exact: true }).fill(String(opts.port));
    await form.getByLabel("User name (empty: no authentication)").fill(opts.user ?? "");
    await form.getByLabel("Password", { exact: true }).fill(opts.password ?? "");
    await form.getByLabel("From address").fill(opts.from);
    await form.getByLabel(/Administrators' addresses/).fill(opts.admins ?? "");
    await form.getByRole("button", { name: "Save" }).click();
  }

  async sendTestEmail(to: string) {
    const form = this.page.getByTestId("test-email-form");
    await form.getByLabel("Send to").fill(to);
    await form.getByRole("button", { name: "Send test e-mail" }).click();
  }
}
