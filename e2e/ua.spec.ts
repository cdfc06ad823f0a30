// The UA portal as an end user sees it: a desktop browser with import-once (sign in, import,
// forced sign-out, no second import from a second signed-in browser or a replay), an emulated
// iPhone 14 (profile download once; a download window that expires when the test moves the
// UA's clock forward, then "Downloaded"), an iPad that picks the iPhone layout, and an Android
// phone whose .p12 opens with the password the page shows.
import { readFileSync } from "node:fs";
import path from "node:path";
import { devices, type APIRequestContext, type Browser, type BrowserContextOptions } from "@playwright/test";
import { test, expect } from "./fixtures";
import { normalizeSerial, opensslOk, saveFile } from "./support/openssl";
import { UaPortalPage } from "./pages/ua-portal";
import { UaSettingsPage } from "./pages/ua-settings";

const PASSWORD = "ua-e2e-password-1";
const IPADOS_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";

async function userWithCertificate(api: APIRequestContext, name: string): Promise<string> {
  expect((await api.post("/api/v1/accounts", { data: { kind: "user", name, email: `${name}@example.test`, uaPassword: PASSWORD } })).status()).toBe(201);
  const issued = await api.post("/api/v1/certificates", { data: { account: name, keyAlgorithm: "ECDSA-P256" } });
  expect(issued.status()).toBe(201);
  return ((await issued.json()) as { serial: string }).serial;
}

/** An end user's own browser (no administrator cookies), optionally an emulated device. */
async function endUserContext(browser: Browser, baseURL: string | undefined, device: BrowserContextOptions = {}) {
  return browser.newContext({ ...device, storageState: { cookies: [], origins: [] }, baseURL, locale: "en-US", acceptDownloads: true });
}

/** The administrator works on a desktop screen, even in specs whose end user has a phone. */
async function createUaAsAdmin(browser: Browser, baseURL: string | undefined, storageState: BrowserContextOptions["storageState"], name: string, options: Parameters<UaSettingsPage["create"]>[1]) {
  const admin = await browser.newContext({ ...devices["Desktop Chrome"], storageState, baseURL, locale: "en-US" });
  await new UaSettingsPage(await admin.newPage()).create(name, options);
  await admin.close();
}

test.describe("desktop user", () => {

  test("the default UA exists out of the box and names unknown UAs clearly", async ({ browser, baseURL }) => {
    const context = await endUserContext(browser, baseURL);
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

    const context = await endUserContext(browser, baseURL);
    const page = await context.newPage();
    const portal = new UaPortalPage(page, ua);
    await portal.goto();
    await page.getByLabel("User ID").fill(user);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("ua-signin-error")).toHaveText("The user ID or password is wrong.");
    await portal.signIn(user, PASSWORD);
    await expect(page.getByTestId("ua-root-thumbprint")).toHaveText(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    await expect(page.getByTestId("ua-steps").getByRole("listitem")).toHaveCount(7);

    // A second browser signed in on its own: its session stays valid after the first import,
    // so its request reaches the server's import-once decision.
    const otherContext = await endUserContext(browser, baseURL);
    const other = new UaPortalPage(await otherContext.newPage(), ua);
    await other.goto();
    await other.signIn(user, PASSWORD);
    await expect(other.certificateRow(serial).getByTestId("ua-import")).toBeVisible();

    const download = page.waitForEvent("download");
    await portal.certificateRow(serial).getByTestId("ua-import").click();
    const file = path.join(workDir, "delivered.p12");
    await (await download).saveAs(file);
    const otp = (await page.getByTestId("ua-otp").textContent()) ?? "";
    await expect(page.getByTestId("ua-signed-out")).toBeVisible();
    expect(opensslOk(["pkcs12", "-in", file, "-passin", `pass:${otp}`, "-nodes", "-legacy"])).toContain("BEGIN PRIVATE KEY");

    await other.certificateRow(serial).getByTestId("ua-import").click();
    await expect(other.page.getByTestId("ua-deliver-error")).toHaveText("Imported. This certificate cannot be imported again.");
    await otherContext.close();

    // Signed out: the page asks to sign in; after signing in again there is no import button.
    await portal.goto();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await portal.signIn(user, PASSWORD);
    await expect(portal.certificateRow(serial).getByTestId("ua-imported")).toBeVisible();
    await expect(page.getByTestId("ua-import")).toHaveCount(0);

    // A replayed request with a fresh session is refused too.
    const replay = await context.request.post(`/${ua}/ua/deliver/${serial}?platform=windows`, { headers: { accept: "application/json" } });
    expect(replay.status()).toBe(409);
    expect(await replay.json()).toMatchObject({ reason: "already-imported" });
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
    await createUaAsAdmin(browser, baseURL, storageState, ua, { checks: ["importOnce", "iphoneUa", "protectWithLoginPassword"], profileName: "E2E profile" });
    const user = uniqueName("ios-user");
    const serial = await userWithCertificate(api, user);

    const context = await endUserContext(browser, baseURL, devices["iPhone 14"]);
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
  });

  test("download window: re-downloads inside it; once the UA's clock passes it, Downloaded with the reason, and the server refuses", async ({ browser, storageState, baseURL, api, uniqueName, workDir }) => {
    const ua = uniqueName("win");
    await createUaAsAdmin(browser, baseURL, storageState, ua, { checks: ["iphoneUa", "iphoneLayout"], downloadWindowMinutes: 10 });
    const user = uniqueName("win-user");
    const serial = await userWithCertificate(api, user);

    const context = await endUserContext(browser, baseURL, devices["iPhone 14"]);
    const page = await context.newPage();
    const portal = new UaPortalPage(page, ua);
    await portal.goto();
    await portal.signIn(user, PASSWORD);
    await expect(page.locator("main[data-platform=iphone][data-layout=iphone]")).toBeVisible();
    const row = portal.certificateRow(serial);
    for (const n of [1, 2]) {
      const download = page.waitForEvent("download");
      await row.getByTestId("ua-download").click();
      const file = path.join(workDir, `window-${n}.mobileconfig`);
      await (await download).saveAs(file);
      expect(opensslOk(["cms", "-verify", "-inform", "DER", "-in", file, "-noverify"])).toContain("com.apple.security.pkcs12");
      await page.reload();
      await expect(row.getByText(/You can download again until/)).toBeVisible();
    }

    // Eleven minutes later on this UA's clock only (other specs' UAs keep the wall clock).
    const moved = await api.post("/api/test/clock", { data: { ua, minutes: 11 } });
    expect(moved.status()).toBe(200);
    expect(await moved.json()).toMatchObject({ ua, shiftMinutes: 11 });

    // The page still shows the button from before; the server refuses and the page says why.
    await row.getByTestId("ua-download").click();
    await expect(page.getByTestId("ua-refused")).toHaveText("Downloaded. The download period has ended.");
    await expect(row.getByTestId("ua-downloaded")).toHaveText("Downloaded");
    await expect(page.getByTestId("ua-download")).toHaveCount(0);

    const direct = await context.request.post(`/${ua}/ua/deliver/${serial}?platform=iphone`, { headers: { accept: "application/json" } });
    expect(direct.status()).toBe(409);
    expect(await direct.json()).toMatchObject({ reason: "window-expired" });
    await context.close();
  });

  test("an iPad, which sends a Mac user agent, reaches the profile by picking the iPhone / iPad layout", async ({ browser, storageState, baseURL, api, uniqueName }) => {
    const ua = uniqueName("ipad");
    await createUaAsAdmin(browser, baseURL, storageState, ua, { checks: ["iphoneUa"] });
    const user = uniqueName("ipad-user");
    const serial = await userWithCertificate(api, user);

    // iPadOS 13 and later: Safari asks for desktop sites with a Mac user agent.
    const context = await endUserContext(browser, baseURL, { ...devices["iPad Pro 11"], isMobile: false, userAgent: IPADOS_UA });
    const page = await context.newPage();
    const portal = new UaPortalPage(page, ua);
    await portal.goto();
    await portal.signIn(user, PASSWORD);
    await expect(page.locator("main[data-platform=mac]")).toBeVisible();
    await page.getByTestId("ua-layout-iphone").click();
    await expect(page.locator("main[data-platform=iphone]")).toBeVisible();
    await expect(portal.certificateRow(serial).getByTestId("ua-download")).toBeVisible();
    await page.reload();
    await expect(page.locator("main[data-platform=iphone]")).toBeVisible();
    await page.getByTestId("ua-layout-desktop").click();
    await expect(page.locator("main[data-platform=mac]")).toBeVisible();
    await context.close();
  });
});

test.describe("Android user", () => {
  test("imports a .p12 that OpenSSL opens with the one-time password the page shows", async ({ page: adminPage, browser, baseURL, api, uniqueName, workDir }) => {
    const ua = uniqueName("android");
    await new UaSettingsPage(adminPage).create(ua, {});
    const user = uniqueName("droid");
    const serial = await userWithCertificate(api, user);

    const context = await endUserContext(browser, baseURL, devices["Pixel 7"]);
    const page = await context.newPage();
    const portal = new UaPortalPage(page, ua);
    await portal.goto();
    await portal.signIn(user, PASSWORD);
    await expect(page.locator("main[data-platform=android]")).toBeVisible();
    const steps = page.getByTestId("ua-steps").getByRole("listitem");
    await expect(steps).toHaveCount(6);
    await expect(steps.nth(2)).toHaveText("In the “Extract certificate” dialog, type the one-time password shown on this page after you click “Import certificate”.");
    await expect(page.getByTestId("ua-steps-hint").first()).toHaveText("Android requires a screen lock (PIN or similar) on any device that holds a certificate.");

    const download = page.waitForEvent("download");
    await portal.certificateRow(serial).getByTestId("ua-import").click();
    const file = path.join(workDir, "android.p12");
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/\.p12$/);
    await saved.saveAs(file);
    const otp = (await page.getByTestId("ua-otp").textContent()) ?? "";
    expect(otp).toMatch(/^[A-Za-z0-9]{16}$/);
    const pem = opensslOk(["pkcs12", "-in", file, "-passin", `pass:${otp}`, "-nodes", "-legacy"]);
    expect(pem).toContain("BEGIN PRIVATE KEY");
    const leaf = saveFile(workDir, "android-leaf.pem", opensslOk(["pkcs12", "-in", file, "-passin", `pass:${otp}`, "-nokeys", "-clcerts", "-legacy"]));
    expect(normalizeSerial(opensslOk(["x509", "-in", leaf, "-noout", "-serial"]).trim().replace(/^serial=/, ""))).toBe(serial);
    await context.close();
  });
});
