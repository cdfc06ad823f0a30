// The UA portal as an end user sees it: a desktop browser with import-once (sign in, import,
// forced sign-out, no second import) and an emulated iPhone 14 (profile download, then
// "Downloaded"). Window expiry under a moved clock is covered by tests/enrollment.
import { readFileSync } from "node:fs";
import path from "node:path";
import { devices, type APIRequestContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import { openssl, opensslOk } from "./support/openssl";
import { UaPortalPage } from "./pages/ua-portal";
import { UaSettingsPage } from "./pages/ua-settings";

const PASSWORD = "ua-e2e-password-1";

async function userWithCertificate(api: APIRequestContext, name: string): Promise<string> {
  expect((await api.post("/api/v1/accounts", { data: { kind: "user", name, email: `${name}@example.test`, uaPassword: PASSWORD } })).status()).toBe(201);
  const issued = await api.post("/api/v1/certificates", { data: { account: name, keyAlgorithm: "ECDSA-P256" } });
  expect(issued.status()).toBe(201);
  return ((await issued.json()) as { serial: string }).serial;
}

test.describe("desktop user", () => {

  test("the default UA exists out of the box and names unknown UAs clearly", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL, locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/default/ua");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await page.goto("/no-such-ua/ua");
    await expect(page.getByTestId("ua-unknown")).toBeVisible();
    await context.close();
  });

  test("import-once: sign in, import, forced log-out, no second import by any route", async ({ page: adminPage, browser, baseURL, api, uniqueName, workDir }) => {
    const ua = uniqueName("once");
    await new UaSettingsPage(adminPage).create(ua, { checks: ["importOnce"] });
    const user = uniqueName("alice");
    const serial = await userWithCertificate(api, user);

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL, locale: "en-US", acceptDownloads: true });
    const page = await context.newPage();
    const portal = new UaPortalPage(page, ua);
    await portal.goto();
    await page.getByLabel("User ID").fill(user);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("ua-signin-error")).toHaveText("The user ID or password is wrong.");
    await portal.signIn(user, PASSWORD);
    await expect(page.getByTestId("ua-root-thumbprint")).toHaveText(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);

    const second = await context.newPage(); // a second tab, signed in with the same cookie
    await second.goto(`/${ua}/ua`);
    await expect(second.getByTestId("ua-import")).toBeVisible();

    const download = page.waitForEvent("download");
    await portal.certificateRow(serial).getByTestId("ua-import").click();
    const file = path.join(workDir, "delivered.p12");
    await (await download).saveAs(file);
    const otp = (await page.getByTestId("ua-otp").textContent()) ?? "";
    await expect(page.getByTestId("ua-signed-out")).toBeVisible();
    expect(opensslOk(["pkcs12", "-in", file, "-passin", `pass:${otp}`, "-nodes", "-legacy"])).toContain("BEGIN PRIVATE KEY");

    // The second tab still shows the button, but the server refuses (its session ended too).
    await second.getByTestId("ua-import").click();
    await expect(second.getByTestId("ua-deliver-error")).toContainText("Sign in to the UA first.");

    // Signed out: the page asks to sign in; after signing in again there is no import button.
    await portal.goto();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await portal.signIn(user, PASSWORD);
    await expect(portal.certificateRow(serial).getByTestId("ua-imported")).toBeVisible();
    await expect(page.getByTestId("ua-import")).toHaveCount(0);

    // A replayed request with a fresh session is refused too.
    const replay = await context.request.post(`/${ua}/ua/deliver/${serial}?platform=windows`, { headers: { accept: "application/json" } });
    expect(replay.status()).toBe(409);
    expect(openssl(["version"]).code).toBe(0);
    await context.close();

    // The RA certificate page shows who got the file and every refusal.
    await adminPage.goto(`/ra/certificates/${serial}`);
    await expect(adminPage.getByText("delivery.deliver").first()).toBeVisible();
    await expect(adminPage.getByText("delivery.refuse").first()).toBeVisible();
  });
});

// The end user's context emulates an iPhone 14 (user agent, viewport, touch) in Chromium.
test.describe("iPhone user", () => {
  test("downloads the signed profile once, then sees Downloaded", async ({ browser, storageState, baseURL, api, uniqueName, workDir }) => {
    const ua = uniqueName("ios");
    // The administrator works on a desktop screen; only the end user has the iPhone.
    const admin = await browser.newContext({ ...devices["Desktop Chrome"], storageState, baseURL, locale: "en-US" });
    await new UaSettingsPage(await admin.newPage()).create(ua, { checks: ["importOnce", "iphoneUa", "protectWithLoginPassword"], profileName: "E2E profile" });
    const user = uniqueName("ios-user");
    const serial = await userWithCertificate(api, user);

    const context = await browser.newContext({ ...devices["iPhone 14"], storageState: { cookies: [], origins: [] }, baseURL, locale: "en-US", acceptDownloads: true });
    const page = await context.newPage();
    const portal = new UaPortalPage(page, ua);
    await portal.goto();
    await portal.signIn(user, PASSWORD);
    await expect(page.locator("main[data-platform=iphone]")).toBeVisible();
    const download = page.waitForEvent("download");
    await portal.certificateRow(serial).getByTestId("ua-download").click();
    const file = path.join(workDir, "profile.mobileconfig");
    await (await download).saveAs(file);
    const plist = opensslOk(["cms", "-verify", "-inform", "DER", "-in", file, "-noverify"]);
    expect(plist).toContain("<string>E2E profile</string>");
    expect(plist).toContain("com.apple.security.pkcs12");
    expect(readFileSync(file).length).toBeGreaterThan(1000);

    await portal.goto();
    await portal.signIn(user, PASSWORD);
    await expect(portal.certificateRow(serial).getByTestId("ua-imported")).toHaveText("Downloaded");
    await expect(page.getByTestId("ua-download")).toHaveCount(0);
    await context.close();
    await admin.close();
  });
});
