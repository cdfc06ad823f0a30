import { expect, type Page } from "@playwright/test";

/** RA console: create a UA with some settings switched on. */
export class UaSettingsPage {
  constructor(readonly page: Page) {}

  async create(name: string, options: { checks?: string[]; unchecks?: string[]; profileName?: string; profileIdentifier?: string; downloadWindowMinutes?: number }) {
    await this.page.goto("/ra/enrollment");
    const form = this.page.getByTestId("ua-settings-form");
    await form.getByLabel("Name (URL: /<name>/ua)").fill(name);
    for (const c of options.checks ?? []) await form.getByTestId(`ua-${c}`).check();
    for (const c of options.unchecks ?? []) await form.getByTestId(`ua-${c}`).uncheck();
    if (options.downloadWindowMinutes !== undefined) await form.getByLabel("Download period (minutes, 0 = unlimited)").fill(String(options.downloadWindowMinutes));
    await form.getByLabel("Name (shown on the device)").fill(options.profileName ?? `Profile ${name}`);
    await form.getByLabel("Identifier (e.g. com.example.profile)").fill(options.profileIdentifier ?? `test.inkan.${name}`);
    await form.getByTestId("ua-save").click();
    await expect(this.page).toHaveURL(new RegExp(`/ra/enrollment/${name}$`));
  }
}
