// Refusals in the reader's language: a Japanese-locale administrator sees the server's
// refusal in Japanese, as does an end user of a UA portal; machines get English unless
// they ask for Japanese.
import { test, expect } from "./fixtures";
import { UaSettingsPage } from "./pages/ua-settings";

test.use({ locale: "ja-JP" });

test("a Japanese-locale administrator creating a duplicate account reads the refusal and the field error in Japanese", async ({ page, api, uniqueName }) => {
  const name = uniqueName("dup");
  expect((await api.post("/api/v1/accounts", { data: { kind: "user", name } })).status()).toBe(201);

  await page.goto("/ra/accounts/new");
  const form = page.getByTestId("account-form");
  await form.locator('input[name="name"]').fill(name);
  await form.locator('button[type="submit"]').click();
  await expect(page.getByTestId("form-error")).toHaveText(`アカウント「${name}」はすでにあります。別のユーザIDを選ぶか、既存のアカウントを開いてください。`);

  await form.locator('input[name="name"]').fill("has space");
  await form.locator('button[type="submit"]').click();
  await expect(page.getByTestId("form-error")).toHaveText("英数字と . _ @ - だけを使ってください(URLや証明書のサブジェクトの一部になります)。");
});

test("the REST API answers in English by default and in Japanese when Accept-Language prefers it", async ({ api, uniqueName }) => {
  const name = uniqueName("dup-api");
  expect((await api.post("/api/v1/accounts", { data: { kind: "user", name } })).status()).toBe(201);
  const english = await api.post("/api/v1/accounts", { data: { kind: "user", name } });
  expect(english.status()).toBe(409);
  expect(english.headers()["content-language"]).toBe("en");
  expect((await english.json()).detail).toBe(`An account named "${name}" already exists. Choose another user ID or open the existing account.`);
  const japanese = await api.post("/api/v1/accounts", { data: { kind: "user", name }, headers: { "accept-language": "ja-JP,ja;q=0.9,en;q=0.5" } });
  expect(japanese.status()).toBe(409);
  expect(japanese.headers()["content-language"]).toBe("ja");
  expect((await japanese.json()).detail).toBe(`アカウント「${name}」はすでにあります。別のユーザIDを選ぶか、既存のアカウントを開いてください。`);
});

test("a UA end user in Japanese is refused a second import in Japanese, on the page and in the server's answer", async ({ browser, baseURL, storageState, api, uniqueName }) => {
  const admin = await browser.newContext({ storageState, baseURL, locale: "en-US" });
  const ua = uniqueName("ja-once");
  await new UaSettingsPage(await admin.newPage()).create(ua, { checks: ["importOnce"] });
  await admin.close();
  const user = uniqueName("hanako");
  const password = "ua-e2e-password-1";
  expect((await api.post("/api/v1/accounts", { data: { kind: "user", name: user, uaPassword: password } })).status()).toBe(201);
  const issued = await api.post("/api/v1/certificates", { data: { account: user, keyAlgorithm: "ECDSA-P256" } });
  expect(issued.status()).toBe(201);
  const { serial } = (await issued.json()) as { serial: string };

  // Two signed-in browsers: the first imports, the second is refused.
  const signedIn = async () => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL, locale: "ja-JP", acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`/${ua}/ua`);
    await page.getByLabel("ユーザID").fill(user);
    await page.getByLabel("パスワード").fill(password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page.getByTestId("ua-user")).toContainText(user);
    return { context, page };
  };
  const first = await signedIn();
  const second = await signedIn();
  const download = first.page.waitForEvent("download");
  await first.page.getByTestId(`ua-cert-${serial}`).getByTestId("ua-import").click();
  await download;
  await expect(first.page.getByTestId("ua-signed-out")).toBeVisible();

  await second.page.getByTestId(`ua-cert-${serial}`).getByTestId("ua-import").click();
  await expect(second.page.getByTestId("ua-deliver-error")).toHaveText("インポート済みです。この証明書は再度インポートできません。");
  const replay = await second.context.request.post(`/${ua}/ua/deliver/${serial}?platform=windows`, { headers: { accept: "application/json", "accept-language": "ja-JP,ja;q=0.9" } });
  expect(replay.status()).toBe(409);
  expect(replay.headers()["content-language"]).toBe("ja");
  expect(await replay.json()).toMatchObject({ reason: "already-imported", detail: "インポート済みです。この証明書は再度インポートできません。" });
  await first.context.close();
  await second.context.close();
});
