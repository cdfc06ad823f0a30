import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium (no browser download), against a production build started the way
// `npm start` does, on a fresh data directory so every run begins with first start.
const PORT = Number(process.env.E2E_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${PORT}`;
// A separate data directory per E2E_PORT lets parallel runs in one tree stay apart.
const DATA_DIR = process.env.E2E_PORT ? `.tmp/e2e-data-${PORT}` : ".tmp/e2e-data";
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
};

export const E2E_ADMIN = { email: "admin@e2e.inkan.test", password: "e2e-admin-password-0123" };
// An ADMIN API token accepted from first start (INKAN_BOOTSTRAP_API_TOKEN) for the REST API specs.
export const E2E_API_TOKEN = "e2e-bootstrap-api-token-0123456789abcdef";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  outputDir: process.env.E2E_PORT ? `test-results/${PORT}` : "test-results",
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? ".tmp/playwright.json" }]],
  // English UI unless a test switches the language (the app picks it from Accept-Language).
  use: { baseURL, locale: "en-US", acceptDownloads: true, trace: "retain-on-failure" },
  projects: [
    { name: "desktop-chromium", use: { ...devices["Desktop Chrome"], browserName: "chromium", launchOptions } },
  ],
  webServer: {
    command: `rm -rf ${DATA_DIR} && node --import tsx scripts/start.ts`,
    url: `${baseURL}/crl/ia1.pem`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      INKAN_DATA_DIR: DATA_DIR,
      DATABASE_URL: `file:${DATA_DIR}/inkan.db`,
      INKAN_PUBLIC_URL: baseURL,
      NEXTAUTH_URL: baseURL,
      INKAN_ADMIN_EMAIL: E2E_ADMIN.email,
      INKAN_ADMIN_PASSWORD: E2E_ADMIN.password,
      INKAN_BOOTSTRAP_API_TOKEN: E2E_API_TOKEN,
      INKAN_CA_KEY_ALGORITHM: "RSA-2048",
      // The server's scheduler deploys a new CRL on its next minute tick, so deploy.spec.ts sees
      // the refresh after its revocation in about a minute. Only deploy targets are affected,
      // and only deploy.spec.ts creates one (each test with its own CA).
      INKAN_DEPLOY_DEBOUNCE_SECONDS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // POST /api/test/clock moves one UA's clock (ua.spec.ts: download window expiry). The
      // shift is per UA, so specs running in parallel on this server keep the wall clock.
      INKAN_TEST_CLOCK: "on",
    },
  },
});
