import { test, expect } from "./fixtures";
import { AlertsPage } from "./pages/alerts-page";
import { startSmtpServer, type TestSmtp } from "../tests/alerts/support";

// The alert settings are one row for the whole server: these tests run one after another.
test.describe.configure({ mode: "serial" });

const PASSWORD = "e2e-smtp-password-never-shown";

test.describe("RA alerts page", () => {
  let smtp: TestSmtp;
  test.beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  test.afterAll(async () => {
    await smtp?.close();
  });

  test("an administrator saves SMTP settings, the password is never shown back, and a test e-mail reaches the SMTP server", async ({ page }) => {
    const alerts = new AlertsPage(page);
    await alerts.goto();
    await expect(page.getByRole("heading", { level: 2, name: "Upcoming expiry warnings (next 90 days)" })).toBeVisible();
    await expect(page.getByTestId("upcoming-empty")).toBeVisible();

    await alerts.saveSmtp({ host: "127.0.0.1", port: smtp.port, user: "inkan", password: PASSWORD, from: "inkan@e2e.inkan.test", admins: "pki@e2e.inkan.test" });
    await expect(page.getByTestId("alert-settings-saved")).toHaveText("Saved.");

    await page.reload();
    const form = alerts.settings;
    await expect(form.getByLabel("Password", { exact: true })).toHaveValue("");
    await expect(form.getByText("A password is stored. Leave empty to keep it.")).toBeVisible();
    await expect(form.getByLabel("SMTP server")).toHaveValue("127.0.0.1");
    expect(await page.content()).not.toContain(PASSWORD);

    await alerts.sendTestEmail("me@e2e.inkan.test");
    await expect(page.getByTestId("test-email-sent")).toContainText("me@e2e.inkan.test");
    await expect.poll(() => smtp.mails.length).toBe(1);
    expect(smtp.mails[0]).toMatchObject({ envelopeTo: ["me@e2e.inkan.test"], auth: { username: "inkan", password: PASSWORD } });
    expect(smtp.mails[0].subject).toContain("Test e-mail from Inkan");
  });

  test("bad settings are refused with the reason next to the field, and the SMTP refusal of a test e-mail is shown", async ({ page }) => {
    const alerts = new AlertsPage(page);
    await alerts.goto();
    const form = alerts.settings;
    await form.getByLabel("POST alerts to a webhook").check();
    await form.getByLabel("Webhook URL (https:// or http://)").fill("ftp://hooks.e2e.inkan.test/");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("alert-settings-error")).toContainText("The webhook URL must start with https:// or http://.");
    await expect(form.getByLabel("Webhook URL (https:// or http://)")).toHaveAttribute("aria-invalid", "true");

    smtp.failing = true;
    try {
      await alerts.sendTestEmail("me@e2e.inkan.test");
      await expect(page.getByTestId("test-email-error")).toContainText("did not accept the test e-mail");
    } finally {
      smtp.failing = false;
    }
  });

  test("the page is in Japanese for a Japanese browser", async ({ browser, baseURL, storageState }) => {
    const context = await browser.newContext({ baseURL, locale: "ja-JP", storageState: storageState as string });
    const page = await context.newPage();
    await page.goto("/ra/alerts");
    await expect(page.getByRole("heading", { level: 1, name: "通知" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "今後の期限通知 (90 日以内)" })).toBeVisible();
    await context.close();
  });
});
