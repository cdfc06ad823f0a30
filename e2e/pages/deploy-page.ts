import { expect, type Locator, type Page } from "@playwright/test";

export interface TargetFields {
  name: string;
  /** The CAs in the bundle (default: the form's preselection, ia1). */
  caSlugs?: string[];
  region: string;
  bucket: string;
  prefix: string;
  trustStoreName: string;
  accessKeyId: string;
  secretAccessKey: string;
  s3Endpoint: string;
  elbv2Endpoint: string;
  acmEndpoint: string;
}

/** RA → Deploy: the targets list with its "add target" form, and one target's page. */
export class DeployPage {
  readonly form: Locator;
  readonly formError: Locator;
  readonly status: Locator;
  readonly runs: Locator;
  readonly result: Locator;
  readonly plan: Locator;
  readonly policy: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId("deploy-target-form");
    this.formError = page.getByTestId("deploy-target-error");
    this.status = page.getByTestId("trust-store-status");
    this.runs = page.getByTestId("deploy-runs").locator("tbody tr");
    this.result = page.getByTestId("deploy-result");
    this.plan = page.getByTestId("deploy-plan");
    this.policy = page.getByTestId("iam-policy");
  }

  async goto() {
    await this.page.goto("/ra/deploy");
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  async addTarget(f: TargetFields) {
    await this.page.getByTestId("target-name").fill(f.name);
    await this.page.getByTestId("target-region").fill(f.region);
    await this.page.getByTestId("target-bucket").fill(f.bucket);
    await this.page.getByTestId("target-prefix").fill(f.prefix);
    if (f.caSlugs) {
      for (const box of await this.form.locator('input[name="caSlugs"]').all()) {
        await box.setChecked(f.caSlugs.includes(await box.getAttribute("value") ?? ""));
      }
    } else {
      await this.page.getByTestId("target-ca-ia1").check();
    }
    await this.page.getByTestId("target-store-name").fill(f.trustStoreName);
    await this.page.getByTestId("target-cred-stored").check();
    await this.page.getByTestId("target-access-key").fill(f.accessKeyId);
    await this.page.getByTestId("target-secret-key").fill(f.secretAccessKey);
    await this.form.locator("summary").click();
    await this.page.getByTestId("target-s3-endpoint").fill(f.s3Endpoint);
    await this.page.getByTestId("target-elbv2-endpoint").fill(f.elbv2Endpoint);
    await this.page.getByTestId("target-acm-endpoint").fill(f.acmEndpoint);
    await this.page.getByTestId("target-add").click();
    await this.page.waitForURL(`**/ra/deploy/${f.name}`);
  }

  async gotoTarget(name: string) {
    await this.page.goto(`/ra/deploy/${name}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toContainText(name);
  }

  /** From a target's page to its edit form. */
  async openEdit(name: string) {
    await this.page.getByTestId("target-edit").click();
    await this.page.waitForURL(`**/ra/deploy/${name}/edit`);
    await expect(this.form).toBeVisible();
  }

  /** On the edit form: tick exactly these CAs, save, and land on the target's page. */
  async saveBundle(name: string, caSlugs: string[]) {
    for (const box of await this.form.locator('input[name="caSlugs"]').all()) {
      await box.setChecked(caSlugs.includes(await box.getAttribute("value") ?? ""));
    }
    await this.page.getByTestId("target-save").click();
    await this.page.waitForURL(`**/ra/deploy/${name}`);
  }

  /** "Delete target": opens the dialog and returns it, unconfirmed. */
  async askDelete(): Promise<Locator> {
    await this.page.getByTestId("target-delete").click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** The history row of the run that gave the trust store a new bundle with this operation. */
  runWithBundle(operation: "CreateTrustStore" | "ModifyTrustStore"): Locator {
    return this.page.locator('[data-testid="deploy-runs"] tbody tr').filter({ has: this.page.getByTestId("run-bundle").filter({ hasText: operation }) }).first();
  }

  async dryRun() {
    await this.page.getByTestId("deploy-dry-run").click();
    await expect(this.plan).toBeVisible();
  }

  async deployNow() {
    await this.page.getByTestId("deploy-now").click();
    await expect(this.result).toBeVisible({ timeout: 60_000 });
  }

  /** The history row of the newest run with this trigger (MANUAL, REVOCATION, ...). */
  runWithTrigger(trigger: string): Locator {
    return this.page.locator(`[data-testid="deploy-runs"] tbody tr[data-trigger="${trigger}"]`).first();
  }

  /** A history row's cells: RevocationIds added and removed, and who or which schedule ran it. */
  runCells(row: Locator) {
    return { added: row.getByTestId("run-added"), removed: row.getByTestId("run-removed"), actor: row.getByTestId("run-actor"), bundle: row.getByTestId("run-bundle") };
  }
}
