import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, TestInfo } from "@playwright/test";
import { test, expect } from "./fixtures";
import { AuditPage } from "./pages/audit-page";
import { LoginPage } from "./pages/login-page";

// The auditors' workspace: an AUDITOR filters the log, opens an event, exports CSV and
// JSON Lines (the latter verified offline by the CLI) and runs the chain verification; an
// OPERATOR cannot reach the audit log, its events or its exports.

const ROOT = path.resolve(import.meta.dirname, "..");
// The data directory playwright.config gives this port's server (the CLI writes to the same database).
const DATA_DIR = path.join(ROOT, process.env.E2E_PORT ? `.tmp/e2e-data-${process.env.E2E_PORT}` : ".tmp/e2e-data");

function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/inkan.ts", ...args], {
      cwd: ROOT, timeout: 240_000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, INKAN_DATA_DIR: DATA_DIR, DATABASE_URL: `file:${path.join(DATA_DIR, "inkan.db")}`, INKAN_SCHEDULER: "off", ...extraEnv } as unknown as NodeJS.ProcessEnv,
    }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** An administrator with this role, made with the operations CLI (there is no sign-up). */
async function createStaff(role: "AUDITOR" | "OPERATOR", email: string): Promise<string> {
  const password = `e2e-${role.toLowerCase()}-${randomBytes(8).toString("hex")}`;
  const r = await cli(["admin", "create", "--email", email, "--role", role], { INKAN_NEW_ADMIN_PASSWORD: password });
  expect(r.code, `inkan admin create failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
  return password;
}

// The CLI is a separate Node process (~5 s of CPU for tsx and the migration check): slow on a
// loaded machine, so the staff are made once (one worker runs this file in order),
// and the tests get more time.
test.describe.configure({ mode: "default", timeout: 180_000 });
const run = randomBytes(3).toString("hex");
const staff = {
  auditor: { email: `auditor-${run}@e2e.inkan.test`, password: "" },
  operator: { email: `operator-${run}@e2e.inkan.test`, password: "" },
};

test.beforeAll(async () => {
  test.setTimeout(600_000);
  // One after the other: each CLI run first checks the migrations of the one SQLite file.
  staff.auditor.password = await createStaff("AUDITOR", staff.auditor.email);
  staff.operator.password = await createStaff("OPERATOR", staff.operator.email);
});

/** A signed-out browser context, signed in as `email`. */
async function signedIn(browser: Browser, testInfo: TestInfo, email: string, password: string) {
  const { baseURL, locale } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, storageState: { cookies: [], origins: [] }, acceptDownloads: true });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(email, password);
  return { context, page };
}

test("an auditor filters the log, opens an event, exports CSV and JSON Lines, and verifies the chain", async ({ browser, api, uniqueName, workDir }, testInfo) => {
  const { email, password } = staff.auditor;
  // Something to find: an account created through the REST API with the bootstrap token.
  const name = uniqueName("audited");
  const created = await api.post("/api/v1/accounts", { data: { kind: "user", name, email: `${name}@example.test` } });
  expect(created.status()).toBe(201);

  const { context, page } = await signedIn(browser, testInfo, email, password);
  await page.getByRole("navigation", { name: "RA" }).getByRole("link", { name: "Audit log" }).click();
  const audit = new AuditPage(page);
  await audit.expectLoaded();
  await expect(audit.rows.first()).toBeVisible();

  await audit.filter({ targetType: "account", targetId: name });
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rows.first()).toContainText("account.create");
  await expect(audit.rows.first()).toContainText(name);

  await audit.filter({ action: "account.create" });
  await expect(page).toHaveURL(/action=account\.create/);
  await expect(audit.rows.first()).toContainText("account.create");

  await audit.goto();
  await audit.filter({ targetType: "account", targetId: name });
  const seq = await audit.openRow(0);
  await expect(page.getByTestId("event-action")).toHaveText("account.create");
  await expect(page.getByTestId("event-raw-details")).toContainText(`${name}@example.test`);
  await expect(page.getByTestId("event-hash-check")).toHaveText("The stored hash matches this event's content.");
  await expect(page.getByTestId("event-target-link")).toHaveAttribute("href", `/ra/accounts/${name}`);
  await page.goBack();

  const csv = await audit.exportCsv();
  expect(csv.suggestedFilename()).toMatch(/^inkan-audit-filtered-.*\.csv$/);
  const csvFile = path.join(workDir, "audit.csv");
  await csv.saveAs(csvFile);
  const lines = readFileSync(csvFile, "utf8").trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^inkan-audit-export,"\{""format"":""inkan-audit-export""/);
  expect(lines[1]).toBe("seq,at,actor,action,target_type,target_id,ip,user_agent,outcome,details,prev_hash,hash");
  expect(lines).toHaveLength(4);
  expect(lines[2]).toMatch(new RegExp(`^${seq},.*,account\\.create,account,${name},`));
  expect(lines[3]).toBe("inkan-audit-export-end,1");
  const offlineCsv = await cli(["audit", "verify", "--file", csvFile]);
  expect(offlineCsv.stdout).toContain("audit export OK: filtered export of 1 events");
  expect(offlineCsv.code).toBe(0);

  const jsonl = await audit.exportJsonl();
  const jsonlFile = path.join(workDir, "audit.jsonl");
  await jsonl.saveAs(jsonlFile);
  const offline = await cli(["audit", "verify", "--file", jsonlFile]);
  expect(offline.stdout).toContain("audit export OK: filtered export of 1 events");
  expect(offline.code).toBe(0);

  await audit.runVerification();
  await expect(audit.verifyResult).toContainText(/^Intact: \d+ events, from event 1 to event \d+\./);
  await expect(page.getByTestId("verify-anchor")).toContainText(/Head kept outside the database: event \d+/);

  // The exports and the verification are themselves in the log, under the auditor's name;
  // after a reload the panel still shows the last verification.
  await audit.goto();
  await expect(page.getByTestId("verify-last")).toContainText(/^Last verification: .+ by admin:.+, intact \(\d+ events\)\.$/);
  await audit.filter({ actor: email, action: "audit" });
  await expect(audit.rows.filter({ hasText: "audit.export" })).toHaveCount(2);
  await expect(audit.rows.filter({ hasText: "audit.verify" })).toHaveCount(1);
  await context.close();
});

test("an operator cannot reach the audit log, its events or its exports", async ({ browser }, testInfo) => {
  const { email, password } = staff.operator;
  const { context, page } = await signedIn(browser, testInfo, email, password);
  await expect(page.getByRole("navigation", { name: "RA" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  const audit = new AuditPage(page);
  for (const url of ["/ra/audit", "/ra/audit/1"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
    await expect(audit.rows).toHaveCount(0);
    await expect(page.getByTestId("audit-filters")).toHaveCount(0);
    await expect(page.getByTestId("audit-event")).toHaveCount(0);
  }
  const exported = await page.request.get("/ra/audit/export?format=csv");
  expect(exported.status()).toBe(403);
  expect(await exported.json()).toMatchObject({ status: 403, detail: expect.stringContaining("OPERATOR") });
  await context.close();
});
