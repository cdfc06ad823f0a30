import { expect, type Locator, type Page } from "@playwright/test";

/** /ra/authorities/<slug>: a CA's certificate fields, CRL, downloads and actions. */
export class AuthorityPage {
  readonly title: Locator;
  readonly info: Locator;
  readonly crlInfo: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId("ca-title");
    this.info = page.getByTestId("ca-info");
    this.crlInfo = page.getByTestId("crl-info");
  }

  async goto(slug: string) {
    await this.page.goto(`/ra/authorities/${slug}`);
    await expect(this.title).toContainText(slug);
  }

  detail(term: string): Locator {
    return this.info.locator("dt").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
  }

  crl(term: string): Locator {
    return this.crlInfo.locator("dt").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
  }

  /** "Publish CRL now" through its confirmation dialog; returns the number announced. */
  async publishCrl(slug: string): Promise<number> {
    await this.page.getByTestId(`publish-${slug}`).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toContainText(`Sign and publish a new CRL for ${slug} now?`);
    await dialog.getByTestId(`publish-${slug}-confirm`).click();
    const result = this.page.getByTestId("publish-result");
    await expect(result).toHaveText(/^CRL #\d+ published\.$/);
    return Number(/#(\d+)/.exec((await result.textContent()) ?? "")![1]);
  }
}

/** /ra/authorities/new: the create-CA form (root, or intermediate with a parent). */
export class NewAuthorityPage {
  readonly form: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId("create-ca-form");
    this.error = page.getByTestId("form-error");
  }

  async goto(parent?: string) {
    await this.page.goto(`/ra/authorities/new${parent ? `?parent=${parent}` : ""}`);
    await expect(this.form).toBeVisible();
  }

  async fill(ca: { slug: string; subject: string; parent?: string; keyAlgorithm?: string; validityDays?: number }) {
    await this.form.getByLabel("Name (used in /crl/<name>.pem)").fill(ca.slug);
    await this.form.getByLabel("Subject").fill(ca.subject);
    if (ca.parent !== undefined) await this.form.getByLabel("Parent CA").selectOption(ca.parent);
    await this.form.getByLabel("Key algorithm").selectOption(ca.keyAlgorithm ?? "ECDSA-P256");
    if (ca.validityDays) await this.form.getByLabel("Validity (days)").fill(String(ca.validityDays));
  }

  async create(ca: { slug: string; subject: string; parent?: string; keyAlgorithm?: string; validityDays?: number }) {
    await this.fill(ca);
    await this.form.getByRole("button", { name: "Create CA" }).click();
    await expect(this.page).toHaveURL(new RegExp(`/ra/authorities/${ca.slug}$`));
  }
}
