import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { test as base, expect, request, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN, E2E_API_TOKEN } from "../playwright.config";
import { LoginPage } from "./pages/login-page";

export { expect };

interface TestFixtures {
  /** A per-test directory for keys, CSRs and downloads. */
  workDir: string;
  /** A unique, URL- and host-name-safe name: specs run in parallel against one server. */
  uniqueName: (prefix: string) => string;
  /** The REST API with the bootstrap ADMIN token. */
  api: APIRequestContext;
  /** Opens a request context with another bearer token (or none). */
  apiAs: (token: string | null) => Promise<APIRequestContext>;
}

interface WorkerFixtures {
  workerStorageState: string;
}

/**
 * Every browser test starts signed in: each worker signs in once through the UI and the
 * session cookie is reused (storageState). Only the login spec signs in by hand.
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  storageState: ({ workerStorageState }, use) => use(workerStorageState),

  workerStorageState: [
    async ({ browser }, use, workerInfo) => {
      const file = workerInfo.project.outputDir + `/.auth/worker-${workerInfo.parallelIndex}.json`;
      const { baseURL, locale } = workerInfo.project.use;
      const context = await browser.newContext({ storageState: undefined, baseURL, locale });
      const page = await context.newPage();
      const login = new LoginPage(page);
      await login.goto();
      await login.signInAndWait(E2E_ADMIN.email, E2E_ADMIN.password);
      await context.storageState({ path: file });
      await context.close();
      await use(file);
    },
    { scope: "worker" },
  ],

  workDir: async ({}, use, testInfo) => {
    const dir = testInfo.outputPath("work");
    mkdirSync(dir, { recursive: true });
    await use(dir);
  },

  uniqueName: async ({}, use, testInfo) => {
    const run = randomBytes(3).toString("hex");
    let n = 0;
    await use((prefix) => `${prefix}-w${testInfo.parallelIndex}-${run}-${++n}`);
  },

  apiAs: async ({ baseURL }, use) => {
    const opened: APIRequestContext[] = [];
    await use(async (token) => {
      // An explicit empty storageState: the runner would otherwise hand this context the signed-in session.
      const ctx = await request.newContext({
        baseURL,
        storageState: { cookies: [], origins: [] },
        extraHTTPHeaders: token ? { authorization: `Bearer ${token}` } : {},
      });
      opened.push(ctx);
      return ctx;
    });
    await Promise.all(opened.map((c) => c.dispose()));
  },

  api: async ({ apiAs }, use) => {
    await use(await apiAs(E2E_API_TOKEN));
  },
});
