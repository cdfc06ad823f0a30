import { expect, type Locator, type Page } from "@playwright/test";

/** /ra/groups (list and create) and /ra/groups/<id> (settings and members). */
export class GroupPage {
  readonly table: Locator;
  readonly form: Locator;
  readonly members: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId("groups-table");
    this.form = page.getByTestId("group-form");
    this.members = page.getByTestId("members-table");
  }

  async gotoList() {
    await this.page.goto("/ra/groups");
    await expect(this.page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  }

  /** Creates a group from the list page; creation opens the group's page. */
  async create(g: { name: string; kind: "User group" | "Role group"; template?: string }) {
    await this.gotoList();
    await this.form.getByLabel("Name").fill(g.name);
    await this.form.getByLabel("Kind").selectOption({ label: g.kind });
    if (g.template) await this.form.getByLabel("Template").selectOption({ label: g.template });
    await this.form.getByRole("button", { name: "Create group" }).click();
    await expect(this.page.getByTestId("group-title")).toContainText(g.name);
  }

  async open(name: string) {
    await this.gotoList();
    // The first cell links to the group (the template cell may carry the same name).
    await this.table.getByTestId(`group-row-${name}`).locator("td").first().getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByTestId("group-title")).toContainText(name);
  }

  async addMember(account: string) {
    const form = this.page.getByTestId("add-member-form");
    await form.getByLabel("User ID or server name").fill(account);
    await form.getByRole("button", { name: "Add" }).click();
    await expect(this.members.getByTestId(`member-${account}`)).toBeVisible();
  }

  async removeMember(account: string) {
    await this.page.getByTestId(`remove-${account}`).click();
    await this.page.getByTestId(`remove-${account}-confirm`).click();
    await expect(this.members.getByTestId(`member-${account}`)).toHaveCount(0);
  }
}
