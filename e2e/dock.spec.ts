import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import { AdminsPage } from "./pages/admins-page";
import { LoginPage } from "./pages/login-page";
import { AccountListPage } from "./pages/account-list-page";
import { AccountPage } from "./pages/account-page";
import { CertificatePage } from "./pages/certificate-page";
import { CertificatesListPage } from "./pages/certificates-list";
import { GroupPage } from "./pages/group-page";
import { DockPage } from "./pages/dock-page";
import { crlEntries, opensslOk, saveFile } from "./support/openssl";

// The dock (seed 001's ドック): an operator collects accounts and certificates from different
// pages, sees the counts in the layout, and acts on them together from /ra/dock.

const PASSWORD = "e2e-dock-Pa55word-0123";

async function userAccount(api: APIRequestContext, name: string) {
  const response = await api.post("/api/v1/accounts", { data: { kind: "user", name, email: `${name}@e2e.inkan.test` } });
  expect(response.status(), await response.text()).toBe(201);
}

async function issue(api: APIRequestContext, account: string): Promise<string> {
  const response = await api.post("/api/v1/certificates", { data: { account, keyAlgorithm: "ECDSA-P256" } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).serial;
}

/** A new administrator with `role`, signed in in a browser context of their own. */
async function staffContext(browser: Browser, baseURL: string | undefined, admins: AdminsPage, email: string, role: "OPERATOR" | "AUDITOR"): Promise<BrowserContext> {
  await admins.goto();
  await admins.add(email, role, PASSWORD);
  const context = await browser.newContext({ baseURL, locale: "en-US", storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await new LoginPage(page).goto();
  await new LoginPage(page).signInAndWait(email, PASSWORD);
  return context;
}

test("an operator docks two accounts and two certificates from four pages, adds the accounts to a group and revokes the certificates from the dock", async ({ page, browser, baseURL, api, request, uniqueName, workDir }) => {
  const stamp = uniqueName("dock");
  const [alpha, beta] = [`${stamp}-alpha`, `${stamp}-beta`];
  await userAccount(api, alpha);
  await userAccount(api, beta);
  const [first, second] = [await issue(api, alpha), await issue(api, beta)];
  const group = `${stamp} team`;
  await new GroupPage(page).create({ name: group, kind: "User group" });

  const context = await staffContext(browser, baseURL, new AdminsPage(page), `${stamp}-op@e2e.inkan.test`, "OPERATOR");
  const op = await context.newPage();
  const dock = new DockPage(op);

  await test.step("the account list: select one account and put it in the dock", async () => {
    const list = new AccountListPage(op);
    await list.goto();
    await list.search({ q: stamp });
    await list.expectNames([beta, alpha]);
    await dock.expectCounts(0, 0);
    await list.rows.filter({ hasText: alpha }).getByRole("checkbox", { name: `Select ${alpha}` }).check();
    await expect(op.getByTestId("dock-selected-count")).toHaveText("1 selected");
    await dock.putSelection(1);
    await dock.expectCounts(1, 0);
  });

  await test.step("the other account's page: Put in dock", async () => {
    await new AccountPage(op).goto(beta);
    await dock.putFromRecordPage();
    await dock.expectCounts(2, 0);
  });

  await test.step("a certificate's page: Put in dock", async () => {
    await new CertificatePage(op).goto(first);
    await dock.putFromRecordPage();
    await dock.expectCounts(2, 1);
  });

  await test.step("the certificate list: the bulk-revoke selection puts the other one in the dock", async () => {
    const list = new CertificatesListPage(op);
    await list.goto({ q: beta });
    await list.select(second);
    await dock.putSelection(1);
    await expect(list.selectedCount).toHaveText("0 selected");
    await dock.expectCounts(2, 2);
  });

  await test.step("the dock lists both kinds, kept after signing in again elsewhere", async () => {
    await dock.open();
    await expect(dock.accounts.locator("tbody tr")).toHaveCount(2);
    await expect(dock.accountRow(alpha).getByRole("link", { name: alpha })).toHaveAttribute("href", `/ra/accounts/${alpha}`);
    await expect(dock.certificates.locator("tbody tr")).toHaveCount(2);
    await expect(dock.certificateRow(first).getByTestId("dock-certificate-status")).toHaveText("Valid");
  });

  await test.step("select both accounts (keyboard) and add them to the group", async () => {
    const selectAll = dock.accounts.getByRole("checkbox", { name: "Select all (Accounts)" });
    await selectAll.focus();
    await op.keyboard.press("Space");
    await expect(op.getByTestId("dock-accounts-selected")).toHaveText("2 selected");
    await op.getByTestId("dock-accounts-bar").getByLabel("Group").selectOption({ label: group });
    await op.getByTestId("dock-add-to-group").focus();
    await op.keyboard.press("Enter");
    await expect(dock.accountsResult).toHaveText(`Added to "${group}": 2.`);
    const groups = new GroupPage(op);
    await groups.open(group);
    await expect(groups.members.getByTestId(`member-${alpha}`)).toBeVisible();
    await expect(groups.members.getByTestId(`member-${beta}`)).toBeVisible();
  });

  await test.step("select both certificates and revoke them after the confirmation naming the count", async () => {
    await dock.open();
    await dock.certificates.getByRole("checkbox", { name: "Select all (Certificates)" }).check();
    await op.getByLabel("Reason", { exact: true }).selectOption("superseded");
    await op.getByTestId("bulk-revoke").click();
    const dialog = op.getByRole("dialog");
    await expect(dialog).toContainText("Revoke 2 certificates with reason superseded? This cannot be undone.");
    await dialog.getByTestId("bulk-revoke-confirm").click();
    await expect(dock.certificatesResult).toHaveText("2 revoked; CRL republished.");
    await expect(dock.certificateRow(first).getByTestId("dock-certificate-status")).toHaveText("Revoked");
    await expect(dock.certificateRow(second).getByTestId("dock-certificate-status")).toHaveText("Revoked");
  });

  await test.step("the CRL lists both as Superseded", async () => {
    const crl = saveFile(workDir, "ia1_crl.pem", await (await request.get("/crl/ia1_crl.pem")).body());
    const entries = crlEntries(opensslOk(["crl", "-in", crl, "-noout", "-text"]));
    expect(entries.get(first)).toBe("Superseded");
    expect(entries.get(second)).toBe("Superseded");
  });

  await test.step("disable one docked account after the confirmation", async () => {
    await dock.accountRow(alpha).getByRole("checkbox", { name: `Select ${alpha}` }).check();
    await op.getByTestId("dock-disable").click();
    await expect(op.getByRole("dialog")).toContainText("Disable 1 accounts? They can no longer sign in at a UA or get new certificates");
    await op.getByTestId("dock-disable-confirm").click();
    await expect(dock.accountsResult).toHaveText("Disabled: 1.");
    await expect(dock.accountRow(alpha).getByTestId("dock-account-status")).toHaveText("Disabled");
    await expect(dock.accountRow(beta).getByTestId("dock-account-status")).toHaveText("Active");
  });

  await test.step("take one out, then empty the dock after a confirmation; the empty states say how to fill it", async () => {
    await dock.certificateRow(first).getByRole("button", { name: `Remove ${first}` }).click();
    await expect(dock.certificateRow(first)).toHaveCount(0);
    await dock.expectCounts(2, 1);
    await op.getByTestId("dock-clear").click();
    await expect(op.getByRole("dialog")).toContainText("Take all 2 accounts and 1 certificates out of your dock?");
    await op.getByTestId("dock-clear-confirm").click();
    await expect(op.getByTestId("dock-accounts-empty")).toContainText("No accounts in your dock.");
    await expect(op.getByTestId("dock-certificates-empty")).toContainText("No certificates in your dock.");
    await dock.expectCounts(0, 0);
    // The accounts themselves stay as they were.
    await new AccountPage(op).goto(beta);
    await expect(op.getByTestId("account-status")).toHaveText("Active");
    await expect(op.getByTestId("put-in-dock")).toBeVisible();
  });
  await context.close();
});

test("Japanese layout uses the seed's words; an auditor has no dock", async ({ page, browser, baseURL, uniqueName }) => {
  const stamp = uniqueName("dockrole");
  const admins = new AdminsPage(page);
  const ja = await staffContext(browser, baseURL, admins, `${stamp}-op@e2e.inkan.test`, "OPERATOR");
  const jaPage = await ja.newPage();
  await jaPage.goto("/ra/dock");
  await expect(jaPage.getByTestId("dock-link")).toHaveText("Dock: accounts (0), certificates (0)");
  await jaPage.getByTestId("locale-switch").selectOption("ja");
  await expect(jaPage.getByTestId("dock-link")).toHaveText("ドック: アカウント (0), 証明書 (0)");
  await expect(jaPage.getByRole("heading", { level: 1, name: "ドック" })).toBeVisible();
  await expect(jaPage.getByTestId("dock-accounts-empty")).toContainText("ドックにアカウントはありません。");
  await ja.close();

  const auditor = await staffContext(browser, baseURL, admins, `${stamp}-aud@e2e.inkan.test`, "AUDITOR");
  const audPage = await auditor.newPage();
  await audPage.goto("/ra/accounts");
  await expect(audPage.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  await expect(audPage.getByTestId("dock-link")).toHaveCount(0);
  await expect(audPage.getByTestId("dock-bar")).toHaveCount(0);
  const response = await audPage.goto("/ra/dock");
  expect(response?.status()).toBe(403);
  await auditor.close();
});
