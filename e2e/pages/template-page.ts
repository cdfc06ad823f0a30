import { expect, type Locator, type Page } from "@playwright/test";

/** /ra/templates/new and /ra/templates/<id>. */
export class TemplatePage {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId("template-form");
  }

  /** Creates a template with required subject values; creation opens the template's page. */
  async create(t: { name: string; usage?: "Client certificate" | "Server certificate"; required?: Partial<Record<"O" | "OU" | "DC" | "C" | "L" | "ST", string[]>>; validityDays?: number }) {
    await this.page.goto("/ra/templates/new");
    await this.form.getByLabel("Name", { exact: true }).fill(t.name);
    if (t.usage) await this.form.getByLabel("Usage").selectOption({ label: t.usage });
    for (const [key, values] of Object.entries(t.required ?? {})) await this.form.getByTestId(`subject-${key}-required`).fill(values.join("\n"));
    if (t.validityDays) await this.form.getByLabel("Validity (days)").fill(String(t.validityDays));
    await this.form.getByRole("button", { name: "Create template" }).click();
    await expect(this.page.getByTestId("template-title")).toContainText(t.name);
  }
}
