import { test, expect } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";
import { LoginPage } from "./pages/login-page";

// The one spec that signs in by hand: the sign-in itself is under test. Each test has a
// fresh, signed-out browser context.

test("a wrong password is refused with a message and no session", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(E2E_ADMIN.email, "not-the-password-0000");
  await expect(login.error).toHaveText("The e-mail or password is wrong.");
  await expect(page).toHaveURL(/\/ra\/login$/);
  await page.goto("/ra");
  await expect(page).toHaveURL(/\/ra\/login$/);
});

test("the right password opens the dashboard", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/ra$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(`${E2E_ADMIN.email} (ADMIN)`);
  await expect(page.getByTestId("stat-accounts")).toHaveText(/^\d+$/);
});

test("the console without a session redirects to the sign-in page", async ({ page }) => {
  for (const path of ["/ra", "/ra/accounts", "/ra/tokens"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/ra\/login$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to the RA console" })).toBeVisible();
  }
});

test("the language switch toggles between Japanese and English and is remembered", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  const title = page.getByRole("heading", { level: 1 });
  await expect(title).toHaveText("Sign in to the RA console");

  await page.getByTestId("locale-switch").selectOption("ja");
  await expect(title).toHaveText("RA（管理画面）へログイン");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");

  await page.getByLabel("メールアドレス").fill(E2E_ADMIN.email);
  await page.getByLabel("パスワード").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  const nav = page.getByRole("navigation", { name: "RA" });
  await expect(nav.getByRole("link", { name: "アカウント一覧" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ダッシュボード");

  await page.getByTestId("locale-switch").selectOption("en");
  await expect(nav.getByRole("link", { name: "Accounts", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "アカウント一覧" })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");

  await page.reload();
  await expect(nav.getByRole("link", { name: "Accounts", exact: true })).toBeVisible();
});
