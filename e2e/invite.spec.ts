import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { AdminsPage } from "./pages/admins-page";

// Inviting administrators (/ra/admins → /ra/invite/<token>) and the confirmations before a
// role change or a revoked invitation. The invitee always opens the link in a fresh browser
// context, as on another machine.

const PASSWORD = "e2e-invitee-Pa55word-0123";

async function freshPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "en-US", storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

test("an ADMIN invites an operator, who sets a password from the link, is signed in and sees an operator's menus only", async ({ page, browser, baseURL, uniqueName }) => {
  const email = `${uniqueName("inv")}@e2e.inkan.test`;
  const admins = new AdminsPage(page);
  await admins.goto();
  const link = await admins.invite(email, "OPERATOR");
  expect(link).toMatch(new RegExp(`^${baseURL}/ra/invite/[A-Za-z0-9_-]{43}$`));
  await expect(page.getByTestId("invitation-result")).toContainText("shown only this once");
  await expect(admins.row(email).getByTestId(`invitation-${email}`)).toContainText("Invited (expires");

  const invitee = await freshPage(browser, baseURL);
  // Until the invitation is accepted, no password signs in as them.
  const login = new LoginPage(invitee);
  await login.goto();
  await login.signIn(email, PASSWORD);
  await expect(login.error).toHaveText("The e-mail or password is wrong.");

  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1, name: "Join the Inkan RA console" })).toBeVisible();
  await expect(invitee.getByText(`You were invited as OPERATOR (${email}).`)).toBeVisible();
  await invitee.getByLabel("Your name").fill("Taro Invitee");
  await invitee.getByLabel("Password (12+ characters)").fill(PASSWORD);
  await invitee.getByLabel("Password again").fill(PASSWORD + "-typo");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee.getByTestId("invite-accept-error")).toHaveText("The two passwords differ: type the same password twice.");
  await invitee.getByLabel("Password again").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();

  await expect(invitee.getByTestId("signed-in-as")).toHaveText(`${email} (OPERATOR)`);
  const nav = invitee.getByRole("navigation", { name: "RA" });
  await expect(nav.getByRole("link", { name: "New account" })).toBeVisible();
  for (const adminOnly of ["Administrators", "API tokens", "Deploy (AWS)", "Alerts", "Audit log"]) {
    await expect(nav.getByRole("link", { name: adminOnly })).toHaveCount(0);
  }

  // The link works once.
  const again = await freshPage(browser, baseURL);
  await again.goto(link);
  await expect(again.getByTestId("invitation-used")).toContainText("This invitation link was already used.");
  await expect(again.getByLabel("Your name")).toHaveCount(0);

  await page.reload();
  await expect(admins.row(email)).toContainText("Active");
  await expect(admins.row(email)).toContainText("Taro Invitee");
  await invitee.context().close();
  await again.context().close();
});

test("an invitee who must use two-factor sign-in is told so, and sets it up before reaching the console", async ({ page, browser, baseURL, uniqueName }) => {
  const email = `${uniqueName("invtfa")}@e2e.inkan.test`;
  const admins = new AdminsPage(page);
  await admins.goto();
  const link = await admins.invite(email, "AUDITOR", { requireTotp: true });

  const invitee = await freshPage(browser, baseURL);
  await invitee.goto(link);
  await expect(invitee.getByTestId("invite-totp-next")).toContainText("Two-factor sign-in is required for your account");
  await invitee.getByLabel("Your name").fill("Hanako Invitee");
  await invitee.getByLabel("Password (12+ characters)").fill(PASSWORD);
  await invitee.getByLabel("Password again").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee).toHaveURL(/\/ra\/security$/);
  await expect(invitee.getByTestId("totp-pending")).toBeVisible();
  await expect(invitee.getByRole("button", { name: "Set up two-factor sign-in" })).toBeVisible();
  await invitee.goto("/ra/certificates");
  await expect(invitee).toHaveURL(/\/ra\/security$/);
  await invitee.context().close();
});

test("a role change asks first, naming the administrator and both roles; Cancel and Esc change nothing", async ({ page, uniqueName }) => {
  const email = `${uniqueName("role")}@e2e.inkan.test`;
  const admins = new AdminsPage(page);
  await admins.goto();
  await admins.add(email, "OPERATOR", PASSWORD);
  const select = admins.row(email).getByLabel(`Role: ${email}`);
  const dialog = page.getByTestId(`role-confirm-${email}`);

  await select.selectOption("AUDITOR");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Change the role of ${email} from OPERATOR to AUDITOR?`);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(select).toHaveValue("OPERATOR");

  await select.selectOption("ADMIN");
  await expect(dialog).toContainText("from OPERATOR to ADMIN?");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(select).toHaveValue("OPERATOR");

  // Disabling asks too, naming them; Cancel has the focus, so Enter alone would not confirm.
  await admins.row(email).getByTestId(`disable-${email}`).click();
  const disable = page.getByRole("dialog", { name: `Disable ${email}? They can no longer sign in, and every action they try is refused at once.` });
  await expect(disable.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(disable).toBeHidden();
  await expect(admins.row(email)).toContainText("Active");

  await select.selectOption("AUDITOR");
  await dialog.getByRole("button", { name: "Change role" }).click();
  await expect(admins.row(email).getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(select).toHaveValue("AUDITOR");

  // The signed-in ADMIN's own row cannot change its role or disable itself.
  const self = admins.row("admin@e2e.inkan.test");
  await expect(self.getByLabel("Role: admin@e2e.inkan.test")).toBeDisabled();
  await expect(self.getByTestId("disable-admin@e2e.inkan.test")).toBeDisabled();
});

test("resend replaces the link and revoking (after confirming) withdraws it: both old links show why they no longer work", async ({ page, browser, baseURL, uniqueName }) => {
  const email = `${uniqueName("rev")}@e2e.inkan.test`;
  const admins = new AdminsPage(page);
  await admins.goto();
  const first = await admins.invite(email, "AUDITOR");

  await admins.row(email).getByTestId(`resend-${email}`).click();
  await expect(admins.row(email).getByText("New invitation created; the previous link no longer works.")).toBeVisible();
  const second = await admins.row(email).getByTestId("invitation-link").inputValue();
  expect(second).not.toBe(first);

  await admins.row(email).getByTestId(`revoke-${email}`).click();
  await expect(page.getByText(`Revoke the invitation of ${email}? The link stops working and the invited administrator is removed.`)).toBeVisible();
  await page.getByTestId(`revoke-${email}-confirm`).click();
  await expect(admins.row(email)).toHaveCount(0);

  const invitee = await freshPage(browser, baseURL);
  for (const link of [first, second]) {
    await invitee.goto(link);
    await expect(invitee.getByTestId("invitation-revoked")).toContainText("This invitation link was withdrawn");
  }
  await invitee.goto(`${baseURL}/ra/invite/not-a-real-token`);
  await expect(invitee.getByTestId("invitation-unknown")).toContainText("This invitation link is not valid.");
  await invitee.context().close();
});
