import type { Browser, BrowserContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import { AdminsPage } from "./pages/admins-page";
import { ApplicationsPage, ApplyPage } from "./pages/applications";
import { GroupPage } from "./pages/group-page";
import { LoginPage } from "./pages/login-page";
import { UaPortalPage } from "./pages/ua-portal";
import { UaSettingsPage } from "./pages/ua-settings";

// Registration applications (登録申請書): an administrator opens a UA to applications, a person
// without an account applies there in a browser of their own, an operator decides in the RA.
// Each test sets up its own UA, group and staff through the console, hence the longer budget.
test.describe.configure({ timeout: 150_000 });

const STAFF_PASSWORD = "e2e-apps-Pa55word-0123";
const APPLICANT_PASSWORD = "chosen-by-applicant-42";

let ipSeq = 0;
/** A browser with no session, seen from an address of its own (the per-IP limit stays per test). */
async function applicantContext(browser: Browser, baseURL: string | undefined, workerIndex: number): Promise<BrowserContext> {
  return browser.newContext({
    baseURL, locale: "en-US", storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-for": `198.18.${workerIndex}.${++ipSeq + Math.floor(Math.random() * 200)}` },
  });
}

async function operatorContext(browser: Browser, baseURL: string | undefined, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: "en-US", storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await new LoginPage(page).goto();
  await new LoginPage(page).signInAndWait(email, STAFF_PASSWORD);
  await page.close();
  return context;
}

/** As the ADMIN of the fixture: a UA and a group; then the UA is opened to applications joining that group. */
async function uaTakingApplications(page: import("@playwright/test").Page, ua: string, group: string) {
  await new GroupPage(page).create({ name: group, kind: "User group" });
  await new UaSettingsPage(page).create(ua, {});
  // Closed by default: no link on the sign-in page, and the form's address does not exist.
  expect((await page.request.get(`/${ua}/ua/apply`)).status()).toBe(404);
  await page.goto(`/${ua}/ua`);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("ua-apply-link")).toHaveCount(0);

  await page.goto(`/ra/enrollment/${ua}`);
  const form = page.getByTestId("ua-settings-form");
  await form.getByTestId("ua-acceptApplications").check();
  await form.getByTestId("ua-application-groups").getByLabel(group, { exact: true }).check();
  await form.getByTestId("ua-save").click();
  await expect(page.getByTestId("ua-settings-saved")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("ua-acceptApplications")).toBeChecked();
}

test("an applicant applies at a UA, an operator approves, and the applicant signs in with the password they chose", async ({ page, browser, baseURL, uniqueName }, testInfo) => {
  const ua = uniqueName("apply");
  const group = uniqueName("applicants");
  await uaTakingApplications(page, ua, group);
  const operator = `${uniqueName("op")}@e2e.inkan.test`;
  const admins = new AdminsPage(page);
  await admins.goto();
  await admins.add(operator, "OPERATOR", STAFF_PASSWORD);

  // The applicant, in a browser of their own.
  const applicant = await applicantContext(browser, baseURL, testInfo.parallelIndex);
  const applyPage = new ApplyPage(await applicant.newPage(), ua);
  const userId = uniqueName("hanako");
  await applyPage.openFromSignIn();
  await applyPage.fill({ userId, displayName: "Hanako Yamada", email: `${userId}@example.test`, password: APPLICANT_PASSWORD, confirm: "not-the-same-password", note: "Joining the Osaka office" });
  await expect(applyPage.page.getByTestId("apply-error")).toHaveText("Check the highlighted fields.");
  await expect(applyPage.page.getByText("The two passwords differ. Type the same password twice.")).toBeVisible();
  await expect(applyPage.page.getByLabel("User ID")).toHaveValue(userId);
  await applyPage.fill({ userId, displayName: "Hanako Yamada", email: `${userId}@example.test`, password: APPLICANT_PASSWORD, note: "Joining the Osaka office" });
  await expect(applyPage.page.getByTestId("apply-submitted")).toContainText("Your application has been submitted");
  // Before approval the applicant cannot sign in.
  const portal = new UaPortalPage(applyPage.page, ua);
  await portal.goto();
  await applyPage.page.getByLabel("User ID").fill(userId);
  await applyPage.page.getByLabel("Password").fill(APPLICANT_PASSWORD);
  await applyPage.page.getByRole("button", { name: "Sign in" }).click();
  await expect(applyPage.page.getByTestId("ua-signin-error")).toHaveText("The user ID or password is wrong.");

  // The operator sees it pending in the navigation and the list, and approves it.
  const staff = await operatorContext(browser, baseURL, operator);
  const opPage = await staff.newPage();
  const apps = new ApplicationsPage(opPage);
  await apps.goto();
  await expect(opPage.getByTestId("nav-applications-pending")).toHaveText(/^[1-9]\d*$/);
  await expect(apps.row(userId)).toContainText("Hanako Yamada");
  await expect(apps.row(userId).getByTestId("application-status")).toHaveText("Pending");
  await apps.open(userId);
  await expect(opPage.getByTestId("application-detail")).toContainText("Joining the Osaka office");
  await expect(opPage.getByTestId("application-detail-groups")).toHaveText(group);
  await expect(opPage.getByTestId("application-detail")).not.toContainText(APPLICANT_PASSWORD);
  await apps.approve();
  await expect(opPage.getByTestId("application-account")).toHaveText(userId);
  await opPage.getByTestId("application-account").click();
  await expect(opPage.getByRole("heading", { level: 1 })).toContainText(userId);
  await expect(opPage.getByRole("link", { name: group, exact: true })).toBeVisible();
  await apps.goto("approved");
  await expect(apps.row(userId).getByTestId("application-status")).toHaveText("Approved");

  // The applicant signs in with the password they chose.
  await portal.goto();
  await portal.signIn(userId, APPLICANT_PASSWORD);
  await applicant.close();
  await staff.close();
});

test("a second application is rejected with a reason, shows as rejected, and its user ID was never created", async ({ page, browser, baseURL, uniqueName }, testInfo) => {
  const ua = uniqueName("apply");
  await uaTakingApplications(page, ua, uniqueName("grp"));
  const applicant = await applicantContext(browser, baseURL, testInfo.parallelIndex);
  const applyPage = new ApplyPage(await applicant.newPage(), ua);
  const first = uniqueName("taro");
  const second = uniqueName("jiro");
  for (const userId of [first, second]) {
    await applyPage.openFromSignIn();
    await applyPage.fill({ userId, displayName: `Name ${userId}`, email: `${userId}@example.test`, password: APPLICANT_PASSWORD });
    await expect(applyPage.page.getByTestId("apply-submitted")).toBeVisible();
  }
  // The same user ID again, while it is pending: refused without saying why.
  await applyPage.openFromSignIn();
  await applyPage.fill({ userId: second, displayName: "Someone else", email: "else@example.test", password: APPLICANT_PASSWORD });
  await expect(applyPage.page.getByTestId("apply-error")).toHaveText("This user ID cannot be used. Choose another one.");

  // The administrator rejects the second one through the dialog (Cancel first changes nothing).
  const apps = new ApplicationsPage(page);
  await apps.goto();
  await apps.open(second);
  await page.getByTestId("application-reject").click();
  await page.getByTestId("application-reject-dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("application-detail-status")).toHaveText("Pending");
  await apps.reject("No such person in the staff directory.");
  await expect(page.getByTestId("application-detail-reason")).toHaveText("No such person in the staff directory.");
  await expect(page.getByTestId("application-approve")).toHaveCount(0);

  await apps.goto("rejected");
  await expect(apps.row(second).getByTestId("application-status")).toHaveText("Rejected");
  await expect(apps.row(first)).toHaveCount(0);
  await apps.goto("pending");
  await expect(apps.row(first)).toBeVisible();
  await expect(apps.row(second)).toHaveCount(0);
  expect((await page.request.get(`/ra/accounts/${second}`)).status()).toBe(404);

  const portal = new UaPortalPage(applyPage.page, ua);
  await portal.goto();
  await applyPage.page.getByLabel("User ID").fill(second);
  await applyPage.page.getByLabel("Password").fill(APPLICANT_PASSWORD);
  await applyPage.page.getByRole("button", { name: "Sign in" }).click();
  await expect(applyPage.page.getByTestId("ua-signin-error")).toHaveText("The user ID or password is wrong.");
  await applicant.close();
});
