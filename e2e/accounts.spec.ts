import type { APIRequestContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import { AccountListPage } from "./pages/account-list-page";
import { AccountPage } from "./pages/account-page";

async function createAccount(api: APIRequestContext, data: Record<string, unknown>) {
  const response = await api.post("/api/v1/accounts", { data });
  expect(response.status(), await response.text()).toBe(201);
}

async function issueWithServerKey(api: APIRequestContext, account: string): Promise<string> {
  const response = await api.post("/api/v1/certificates", { data: { account, keyAlgorithm: "ECDSA-P256" } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { serial: string }).serial;
}

test("the account list searches user ID, name, e-mail and host name, filters by kind and status, and keeps its state in the URL", async ({ page, api, uniqueName }) => {
  // Eleven page loads: more than the default minute on a busy machine.
  test.slow();
  const tag = uniqueName("lst");
  const user = `${tag}-alice`;
  const server = `${tag}-web`;
  const disabled = `${tag}-bob`;
  await createAccount(api, { kind: "user", name: user, displayName: `Alice ${tag}`, email: `${user}@e2e.inkan.test` });
  await createAccount(api, { kind: "server", name: server, hostnames: [`www.${tag}.e2e.test`, `api.${tag}.e2e.test`] });
  await createAccount(api, { kind: "user", name: disabled });
  expect((await api.patch(`/api/v1/accounts/${disabled}`, { data: { status: "DISABLED" } })).status()).toBe(200);

  const list = new AccountListPage(page);
  await list.goto();
  await list.search({ q: tag, sort: "name" });
  await list.expectNames([user, disabled, server]);
  expect(page.url()).toContain(`q=${tag}`);

  await list.search({ q: `API.${tag.toUpperCase()}.E2E` });
  await list.expectNames([server]);
  await list.search({ q: `alice ${tag}` });
  await list.expectNames([user]);
  await list.search({ q: tag, kind: "server" });
  await list.expectNames([server]);
  await list.search({ q: tag, kind: "", status: "disabled" });
  await list.expectNames([disabled]);
  await list.search({ q: `${tag}-nobody`, status: "" });
  await expect(list.empty).toHaveText("No account matches these conditions.");

  // The URL alone reproduces a state: open it fresh.
  await list.goto(`?q=${tag}&kind=user&sort=name`);
  await list.expectNames([user, disabled]);
  await expect(list.filters.getByLabel("Kind")).toHaveValue("user");
  // A bad parameter is reported, not guessed.
  await list.goto(`?q=${tag}&sort=size`);
  await expect(page.getByTestId("list-problems")).toContainText("sort must be one of created, name, expiry.");

  // Keyset pages through the API: two per page, no repeats, same set.
  const seen: string[] = [];
  let after = "";
  for (let i = 0; i < 5; i++) {
    const res = await api.get(`/api/v1/accounts?q=${tag}&sort=name&limit=2${after ? `&after=${after}` : ""}`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { items: Array<{ name: string }>; nextCursor: string | null };
    seen.push(...body.items.map((a) => a.name));
    if (!body.nextCursor) break;
    after = body.nextCursor;
  }
  expect(seen).toEqual([user, disabled, server]);
});

test("an administrator edits a server account's host names: validated, lowercased, and used for the next certificate", async ({ page, api, uniqueName }) => {
  const name = uniqueName("edit");
  await createAccount(api, { kind: "server", name, hostnames: [`old.${name}.e2e.test`] });
  const account = new AccountPage(page);
  await account.goto(name);

  const form = await account.editHostnames(`bad_host!.e2e.test`);
  await expect(form.getByRole("alert")).toContainText("Host names use letters, digits, hyphens and dots");
  await expect(page.getByTestId("hostnames")).toHaveText(`old.${name}.e2e.test`);

  await account.editHostnames(`WWW.${name}.E2E.test\napi.${name}.e2e.test`);
  await expect(page.getByTestId("edit-done")).toHaveText("Saved.");
  await expect(page.getByTestId("hostnames")).toHaveText(`www.${name}.e2e.test, api.${name}.e2e.test`);

  const serial = await issueWithServerKey(api, name);
  const cert = (await (await api.get(`/api/v1/certificates/${serial}`)).json()) as { sans: string[] };
  expect(cert.sans).toEqual([`DNS:www.${name}.e2e.test`, `DNS:api.${name}.e2e.test`]);
});

test("disabling an account after confirmation hides issuance and refuses it through the API; enabling restores it", async ({ page, api, uniqueName }) => {
  const name = uniqueName("dis");
  await createAccount(api, { kind: "user", name, email: `${name}@e2e.inkan.test` });
  const account = new AccountPage(page);
  await account.goto(name);
  await expect(account.pkcs12Form).toBeVisible();

  // Cancelling the confirmation changes nothing.
  await page.getByTestId("disable-account").click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("account-status")).toHaveText("Active");

  await account.disable();
  await expect(account.pkcs12Form).toHaveCount(0);
  const refused = await api.post("/api/v1/certificates", { data: { account: name, keyAlgorithm: "ECDSA-P256" } });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { detail: string }).detail).toMatch(/disabled/);

  await account.enable();
  await expect(account.pkcs12Form).toBeVisible();
});

test("deleting an account asks what happens to its certificates; with revoke they are revoked and the account is marked deleted", async ({ page, api, uniqueName }) => {
  const name = uniqueName("del");
  await createAccount(api, { kind: "user", name, email: `${name}@e2e.inkan.test` });
  const serial = await issueWithServerKey(api, name);
  const account = new AccountPage(page);
  await account.goto(name);

  const dialog = await account.openDelete();
  await expect(dialog).toContainText(`Delete the account ${name}?`);
  await expect(dialog).toContainText("This account has 1 valid certificate(s), 1 in total.");
  await expect(dialog.getByLabel(/Revoke them/)).toBeChecked();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("account-status")).toHaveText("Active");

  await account.openDelete();
  await dialog.getByTestId("delete-account-confirm").click();
  await expect(page.getByTestId("deleted-banner")).toContainText("This account was deleted on");
  await expect(page.getByTestId("account-status")).toHaveText("Deleted");
  await expect(account.historyRow(serial)).toContainText("Revoked");
  await expect(page.getByTestId("account-operations")).toHaveCount(0);

  const cert = (await (await api.get(`/api/v1/certificates/${serial}`)).json()) as { status: string; revocationReason: string };
  expect(cert).toMatchObject({ status: "REVOKED", revocationReason: "cessationOfOperation" });
  // The deleted account is out of the default list and found under "Deleted".
  const list = new AccountListPage(page);
  await list.goto(`?q=${name}`);
  await list.expectNames([]);
  await list.goto(`?q=${name}&status=deleted`);
  await list.expectNames([name]);
});

test("the REST API deletes with keep (certificates stay valid) and answers bad requests with problem+json", async ({ api, uniqueName }) => {
  const name = uniqueName("keep");
  await createAccount(api, { kind: "server", name, hostnames: [`${name}.e2e.test`] });
  const serial = await issueWithServerKey(api, name);

  const noChoice = await api.delete(`/api/v1/accounts/${name}`);
  expect(noChoice.status()).toBe(400);
  expect(noChoice.headers()["content-type"]).toContain("application/problem+json");
  expect(((await noChoice.json()) as { detail: string }).detail).toContain("?certificates=revoke");
  const badPatch = await api.patch(`/api/v1/accounts/${name}`, { data: { hostnames: [] } });
  expect(badPatch.status()).toBe(400);
  expect(((await badPatch.json()) as { detail: string }).detail).toContain("A server account needs at least one host name.");
  expect((await api.get(`/api/v1/accounts?expiring=soon`)).status()).toBe(400);

  const deleted = await api.delete(`/api/v1/accounts/${name}?certificates=keep`);
  expect(deleted.status(), await deleted.text()).toBe(200);
  expect(await deleted.json()).toEqual({ name, certificates: "keep", revoked: [], kept: 1 });
  expect(((await (await api.get(`/api/v1/certificates/${serial}`)).json()) as { status: string }).status).toBe("ISSUED");
  expect((await api.delete(`/api/v1/accounts/${name}?certificates=keep`)).status()).toBe(409);
  expect((await api.get(`/api/v1/accounts/${name}`)).status()).toBe(200);
  expect((await api.get(`/api/v1/accounts/${name}-missing`)).status()).toBe(404);
});
