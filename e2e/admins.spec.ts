import { createHmac } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { AdminsPage } from "./pages/admins-page";

// Administrators and roles (/ra/admins) and two-factor sign-in (/ra/security). The codes
// are computed here with a separate RFC 6238 implementation, as a phone app would.

const PASSWORD = "e2e-staff-Pa55word-0123";

function base32ToBytes(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of text) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
}

function totpNow(secret: string, offsetSteps = 0): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offsetSteps));
  const mac = createHmac("sha1", base32ToBytes(secret)).update(counter).digest();
  const o = mac[19] & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

async function signedOutPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "en-US", storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

test("an ADMIN adds an operator, who cannot open the administrators page", async ({ page, browser, baseURL, uniqueName }) => {
  const email = `${uniqueName("op")}@e2e.inkan.test`;
  const admins = new AdminsPage(page);
  await admins.goto();
  await admins.add(email, "OPERATOR", PASSWORD);
  await expect(admins.row(email).getByLabel(`Role: ${email}`)).toHaveValue("OPERATOR");

  const op = await signedOutPage(browser, baseURL);
  await new LoginPage(op).goto();
  await new LoginPage(op).signInAndWait(email, PASSWORD);
  await expect(op.getByTestId("signed-in-as")).toHaveText(`${email} (OPERATOR)`);
  const nav = op.getByRole("navigation", { name: "RA" });
  await expect(nav.getByRole("link", { name: "Administrators" })).toHaveCount(0);
  const response = await op.goto("/ra/admins");
  expect(response?.status()).toBe(403);
  await expect(op.getByTestId("forbidden")).toHaveText("Not allowed");
  await op.context().close();
});

test("an administrator sets up two-factor sign-in; sign-in then needs the code", async ({ page, browser, baseURL, uniqueName }) => {
  const email = `${uniqueName("tfa")}@e2e.inkan.test`;
  await new AdminsPage(page).goto();
  await new AdminsPage(page).add(email, "AUDITOR", PASSWORD);

  const me = await signedOutPage(browser, baseURL);
  const login = new LoginPage(me);
  await login.goto();
  await login.signInAndWait(email, PASSWORD);
  await me.getByTestId("signed-in-as").click();
  await expect(me.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  await me.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await me.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await me.getByLabel("Code shown by the app").fill(totpNow(secret, 5)); // a code from the wrong time
  await me.getByRole("button", { name: "Confirm" }).click();
  await expect(me.getByText("That code does not match.")).toBeVisible();
  await me.getByLabel("Code shown by the app").fill(totpNow(secret));
  await me.getByRole("button", { name: "Confirm" }).click();
  await expect(me.getByTestId("totp-on")).toBeVisible(); // the page re-renders with the enrolled state

  await me.getByRole("button", { name: "Sign out" }).click();
  await expect(me).toHaveURL(/\/ra\/login$/);
  await login.signIn(email, PASSWORD);
  await expect(login.error).toHaveText("Type the code from your authenticator app as well.");
  await me.getByLabel("Authenticator code").fill("000000" === totpNow(secret) ? "111111" : "000000");
  await me.getByRole("button", { name: "Sign in" }).click();
  await expect(login.error).toContainText("wrong or was already used");
  // The enrolment consumed the current step, so the code shown now is refused as a replay;
  // the next step's code is within the accepted drift (what a user gets by waiting).
  await me.getByLabel("Authenticator code").fill(totpNow(secret, 1));
  await me.getByRole("button", { name: "Sign in" }).click();
  await expect(me.getByTestId("signed-in-as")).toHaveText(`${email} (AUDITOR)`);
  await me.context().close();
});

test("when an ADMIN requires two-factor, the administrator must set it up before anything else", async ({ page, browser, baseURL, uniqueName }) => {
  const email = `${uniqueName("req")}@e2e.inkan.test`;
  const admins = new AdminsPage(page);
  await admins.goto();
  await admins.add(email, "OPERATOR", PASSWORD);
  await admins.requireTwoFactor(email);

  const op = await signedOutPage(browser, baseURL);
  const login = new LoginPage(op);
  await login.goto();
  await login.signIn(email, PASSWORD);
  await expect(op).toHaveURL(/\/ra\/security$/);
  await expect(op.getByTestId("totp-pending")).toBeVisible();
  await op.goto("/ra/accounts");
  await expect(op).toHaveURL(/\/ra\/security$/);
  await op.context().close();
});
