import { expect, type Download, type Locator, type Page } from "@playwright/test";

export const HISTORY_COLUMNS = ["#", "Serial", "Start", "Expiry", "Status", "Revocation date", "Key type"];

export class AccountPage {
  readonly title: Locator;
  readonly info: Locator;
  readonly attributes: Locator;
  readonly history: Locator;
  readonly historyRows: Locator;
  readonly pkcs12Form: Locator;
  readonly pkcs12Error: Locator;
  readonly pkcs12Done: Locator;
  readonly csrForm: Locator;
  readonly csrError: Locator;
  readonly csrPreview: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId("account-title");
    this.info = page.getByRole("region", { name: "Account information" });
    this.attributes = page.getByRole("region", { name: "Attributes" });
    this.history = page.getByTestId("history-table");
    this.historyRows = this.history.locator("tbody tr");
    this.pkcs12Form = page.getByTestId("issue-pkcs12-form");
    this.pkcs12Error = page.getByTestId("issue-error");
    this.pkcs12Done = page.getByTestId("issue-done");
    this.csrForm = page.getByTestId("issue-csr-form");
    this.csrError = page.getByTestId("csr-error");
    this.csrPreview = page.getByTestId("csr-preview");
  }

  async goto(name: string) {
    await this.page.goto(`/ra/accounts/${encodeURIComponent(name)}`);
    await expect(this.title).toContainText(name);
  }

  /** The value shown for a term of a <dl> panel. */
  detail(panel: Locator, term: string): Locator {
    return panel.locator("dt").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
  }

  historyRow(serial: string): Locator {
    return this.historyRows.filter({ has: this.page.getByRole("link", { name: serial, exact: true }) });
  }

  async expectNoCertificates() {
    await expect(this.historyRows).toHaveCount(1);
    await expect(this.historyRows.first()).toHaveText("No certificates have been issued.");
  }

  async fillPkcs12(p: { password: string; confirm?: string; encryption?: "legacy" | "aes256"; keyAlgorithm?: string }) {
    const form = this.pkcs12Form;
    if (p.keyAlgorithm) await form.getByLabel("Key algorithm").selectOption(p.keyAlgorithm);
    await form.getByLabel("PKCS#12 password").fill(p.password);
    await form.getByLabel("Confirm password").fill(p.confirm ?? p.password);
    await form.getByLabel("Encryption").selectOption(p.encryption ?? "legacy");
  }

  submitPkcs12() {
    return this.pkcs12Form.getByRole("button", { name: "Issue and download .p12" }).click();
  }

  /** Issues with a server-side key and returns the browser download of the PKCS#12 and the serial shown. */
  async issuePkcs12(p: { password: string; encryption?: "legacy" | "aes256"; keyAlgorithm?: string }): Promise<{ download: Download; serial: string }> {
    await this.fillPkcs12(p);
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.submitPkcs12()]);
    await expect(this.pkcs12Done).toBeVisible();
    const serial = (await this.pkcs12Done.getByRole("link").textContent())?.trim() ?? "";
    return { download, serial };
  }

  async chooseCsr(file: string | { name: string; mimeType: string; buffer: Buffer }, confirm: boolean) {
    await this.csrForm.getByLabel("CSR file (PEM or DER)").setInputFiles(file);
    await this.csrForm.getByLabel("Confirm CSR content before issuing").setChecked(confirm);
  }

  submitCsr() {
    return this.csrForm.getByRole("button", { name: "Issue", exact: true }).click();
  }

  /** The account page's operations panel: edit, disable/enable, delete. */
  operations(): Locator {
    return this.page.getByTestId("account-operations");
  }

  async openEdit(): Promise<Locator> {
    await expect(this.operations().getByRole("heading", { name: "Edit account" })).toBeVisible();
    const form = this.page.getByTestId("edit-account-form");
    await expect(form).toBeVisible();
    return form;
  }

  async editHostnames(hostnames: string): Promise<Locator> {
    const form = await this.openEdit();
    await form.getByLabel("Host names").fill(hostnames);
    await form.getByRole("button", { name: "Save" }).click();
    return form;
  }

  async disable() {
    await this.page.getByTestId("disable-account").click();
    await expect(this.page.getByRole("dialog")).toContainText("It can no longer sign in at a UA or get new certificates");
    await this.page.getByTestId("disable-account-confirm").click();
    await expect(this.page.getByTestId("account-status")).toHaveText("Disabled");
  }

  async enable() {
    await this.page.getByTestId("enable-account").click();
    await expect(this.page.getByTestId("account-status")).toHaveText("Active");
  }

  /** Opens the delete dialog (which states what happens to the certificates) without confirming. */
  async openDelete(): Promise<Locator> {
    await this.page.getByTestId("delete-account").click();
    const dialog = this.page.getByTestId("delete-account-dialog");
    await expect(dialog).toBeVisible();
    return dialog;
  }

  confirmCsrIssue() {
    return this.csrPreview.getByRole("button", { name: "Issue with this content" }).click();
  }
}
