import { test, expect } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { NewAccountPage } from "./pages/new-account-page";
import { GroupPage } from "./pages/group-page";
import { TemplatePage } from "./pages/template-page";

const SSL_GROUP = "SSL server certificate";

// Each test walks several pages (group, template, account) with server actions in between.
test.beforeEach(() => test.slow());

test("a server account outside the role group \"SSL server certificate\" is refused a server certificate until it is added back", async ({ page, uniqueName }) => {
  const name = uniqueName("web");
  const host = `${name}.e2e.inkan.test`;
  const account = new AccountPage(page);
  const groupInfo = page.getByTestId("group-info");

  await test.step("a new server account is in the role group", async () => {
    await new NewAccountPage(page).createServer({ name, hostnames: [host] });
    await expect(groupInfo.getByTestId("role-groups")).toContainText(SSL_GROUP);
    await expect(page.getByTestId("template-info-table")).toContainText(host);
  });

  await test.step("remove it from the role group on the account page (with confirmation)", async () => {
    const row = groupInfo.getByTestId(`member-of-${SSL_GROUP}`);
    await row.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByRole("dialog")).toContainText(`Remove this account from the group "${SSL_GROUP}"?`);
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await expect(groupInfo.getByTestId("role-groups")).toContainText("None");
    await expect(page.getByTestId("server-rule-warning")).toBeVisible();
  });

  await test.step("issuing is refused with how to fix it", async () => {
    await account.fillPkcs12({ password: "e2e-p12-password" });
    await account.submitPkcs12();
    await expect(account.pkcs12Error).toContainText(`is not in the role group "${SSL_GROUP}"`);
    await expect(account.pkcs12Error).toContainText(`Add the account to the role group "${SSL_GROUP}" on the account page`);
    await account.expectNoCertificates();
  });

  await test.step("add it back from the account page; issuing works", async () => {
    await groupInfo.getByTestId("join-role-select").selectOption({ label: SSL_GROUP });
    await groupInfo.getByTestId("join-role").click();
    await expect(groupInfo.getByTestId("role-groups")).toContainText(SSL_GROUP);
    await expect(page.getByTestId("server-rule-warning")).toHaveCount(0);
    const { serial } = await account.issuePkcs12({ password: "e2e-p12-password" });
    await expect(account.historyRow(serial)).toBeVisible();
  });
});

test("a template with O attached to a user group shows in the member's template info, with the group's name", async ({ page, api, uniqueName }) => {
  const templateName = uniqueName("Org template");
  const groupName = uniqueName("Sales");
  const user = uniqueName("hanako");
  const org = `Example ${uniqueName("Org")}`;
  const groups = new GroupPage(page);

  await test.step("create a template with O and a user group carrying it", async () => {
    await new TemplatePage(page).create({ name: templateName, required: { O: [org], DC: ["local", "example"] }, validityDays: 90 });
    await groups.create({ name: groupName, kind: "User group", template: templateName });
    await groups.gotoList();
    await expect(groups.table.getByTestId(`group-row-${groupName}`)).toContainText(templateName);
    await expect(groups.table.getByTestId(`group-row-${SSL_GROUP}`)).toContainText("Role group");
  });

  await test.step("add a user to the group from the group page", async () => {
    // The account itself is not under test here: the REST API creates it faster than the form.
    expect((await api.post("/api/v1/accounts", { data: { kind: "user", name: user, email: `${user}@e2e.inkan.test` } })).status()).toBe(201);
    await groups.open(groupName);
    await groups.addMember(user);
    await expect(page.getByText("Members (1)")).toBeVisible();
  });

  await test.step("the account page shows the group and the template info with where each value came from", async () => {
    await new AccountPage(page).goto(user);
    await expect(page.getByTestId("group-info").getByTestId("user-groups")).toContainText(groupName);
    const info = page.getByTestId("template-info-table");
    await expect(info.locator("thead th")).toHaveText(["Type", "Required values", "Optional values", "From"]);
    await expect(info.getByTestId("template-row-CN")).toContainText(user);
    await expect(info.getByTestId("template-row-O")).toContainText(org);
    await expect(info.getByTestId("template-row-O")).toContainText(groupName);
    await expect(info.getByTestId("template-row-DC")).toContainText("local, example");
    await expect(page.getByTestId("template-settings")).toContainText("90");
  });

  await test.step("removing the member on the group page asks first and keeps the account", async () => {
    await groups.open(groupName);
    await groups.removeMember(user);
    await new AccountPage(page).goto(user);
    await expect(page.getByTestId("template-info-table").getByTestId("template-row-O")).toHaveCount(0);
  });
});

test("a built-in group cannot be deleted; a new group can, and its accounts stay", async ({ page, api, uniqueName }) => {
  const groups = new GroupPage(page);
  await groups.open(SSL_GROUP);
  await expect(page.getByText("Built-in groups cannot be deleted.")).toBeVisible();
  await expect(page.getByTestId("group-delete")).toHaveCount(0);

  const name = uniqueName("Temp");
  const user = uniqueName("member");
  expect((await api.post("/api/v1/accounts", { data: { kind: "user", name: user } })).status()).toBe(201);
  await groups.create({ name, kind: "User group" });
  await groups.addMember(user);
  await page.getByTestId("group-delete").click();
  await page.getByTestId("group-delete-confirm").click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await expect(groups.table.getByTestId(`group-row-${name}`)).toHaveCount(0);
  await new AccountPage(page).goto(user);
});

test("bulk issuance gives every member a certificate, with a confirmation naming the count, and a re-run skips them", async ({ page, api, uniqueName }) => {
  const groupName = uniqueName("Bulk");
  const users = [uniqueName("bulk-a"), uniqueName("bulk-b"), uniqueName("bulk-c")];
  const groups = new GroupPage(page);
  await groups.create({ name: groupName, kind: "User group" });
  for (const user of users) {
    expect((await api.post("/api/v1/accounts", { data: { kind: "user", name: user, email: `${user}@e2e.inkan.test` } })).status()).toBe(201);
    await groups.addMember(user);
  }
  const panel = page.getByTestId("bulk-issue");
  await panel.getByTestId("bulk-issue-run").click();
  await expect(page.getByText(`Issue a certificate to each of the 3 members of "${groupName}"`)).toBeVisible();
  await page.getByTestId("bulk-issue-run-confirm").click();
  await expect(panel.getByTestId("bulk-issue-done")).toHaveText("Finished: 3 issued, 0 skipped, 0 failed.");
  for (const user of users) {
    const serial = (await (await api.get(`/api/v1/certificates?account=${user}`)).json()) as { items: { serial: string }[] };
    expect(serial.items, `${user} has one certificate`).toHaveLength(1);
  }
  // "Only members without a valid certificate" is on by default: nothing more is issued.
  await page.reload();
  await panel.getByTestId("bulk-issue-run").click();
  await page.getByTestId("bulk-issue-run-confirm").click();
  await expect(panel.getByTestId("bulk-issue-done")).toHaveText("Finished: 0 issued, 3 skipped, 0 failed.");
});
