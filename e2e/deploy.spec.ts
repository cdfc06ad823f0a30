// RA → Deploy: an administrator adds a target pointing at a local AWS (started by this spec),
// dry-runs and deploys it, revokes a certificate, and sees the scheduled refresh in the history.
import { execFile } from "node:child_process";
import { test, expect } from "./fixtures";
import { DeployPage } from "./pages/deploy-page";
import { startLocalAws, type LocalAws } from "../tests/support/aws-local";

const BUCKET = "inkan-e2e-trust";
const PORT = Number(process.env.E2E_PORT ?? 3199);
// The server's data directory (playwright.config.ts): the CLI's scheduled pass works on the same database.
const DATA_DIR = process.env.E2E_PORT ? `.tmp/e2e-data-${PORT}` : ".tmp/e2e-data";

let aws: LocalAws;
test.beforeAll(async () => {
  aws = await startLocalAws({ buckets: [BUCKET] });
});
test.afterAll(async () => {
  await aws?.stop();
});

/** The scheduler's pass, run now the way cron or EventBridge would (`npm run inkan -- deploy --due`). */
function scheduledPass(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/inkan.ts", "deploy", "--due"], {
      timeout: 240_000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, INKAN_DATA_DIR: DATA_DIR, DATABASE_URL: `file:${DATA_DIR}/inkan.db`, INKAN_SCHEDULER: "off" } as unknown as NodeJS.ProcessEnv,
    }, (error, stdout, stderr) => (error && typeof error.code !== "number" ? reject(error) : resolve(stdout + stderr)));
  });
}

test("an administrator deploys to a trust store and sees the refresh after a revocation", async ({ page, api, uniqueName }) => {
  test.setTimeout(420_000);
  const deploy = new DeployPage(page);
  const name = uniqueName("alb");
  const trustStoreName = uniqueName("ts");

  await deploy.goto();
  await deploy.addTarget({
    name, region: aws.region, bucket: BUCKET, prefix: "inkan/e2e", trustStoreName,
    accessKeyId: aws.credentials.accessKeyId, secretAccessKey: aws.credentials.secretAccessKey,
    s3Endpoint: aws.s3Endpoint, elbv2Endpoint: aws.elbv2Endpoint, acmEndpoint: aws.acmEndpoint,
  });
  await expect(deploy.status).toContainText("does not exist yet");
  await expect(page.getByTestId("runs-empty")).toBeVisible();
  await expect(deploy.policy).toContainText(`arn:aws:s3:::${BUCKET}/inkan/e2e/*`);
  // The secret key never reaches the page.
  expect(await page.content()).not.toContain(aws.credentials.secretAccessKey);

  await deploy.dryRun();
  await expect(deploy.plan).toContainText("The trust store would be created");
  await expect(page.getByTestId("plan-crl-ia1")).toContainText("would be added");
  expect(aws.elbv2.trustStores().filter((s) => s.name === trustStoreName)).toEqual([]);

  await deploy.deployNow();
  await expect(deploy.result).toHaveText("Deploy succeeded.");
  await expect(deploy.runWithTrigger("MANUAL")).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(page.getByTestId("store-status")).toHaveText("ACTIVE");
  await expect(page.getByTestId("store-ca-count")).toHaveText("1");
  const store = aws.elbv2.trustStore(trustStoreName)!;
  expect(store.revocations).toHaveLength(1);
  const firstId = store.revocations[0].id;

  // A certificate is revoked (REST API); the scheduled pass deploys the new CRL.
  const account = uniqueName("web");
  expect((await api.post("/api/v1/accounts", { data: { kind: "server", name: account, hostnames: [`${account}.e2e.test`] } })).status()).toBe(201);
  const issued = await api.post("/api/v1/certificates", { data: { account, keyAlgorithm: "ECDSA-P256" } });
  expect(issued.status(), await issued.text()).toBe(201);
  const { serial } = (await issued.json()) as { serial: string };
  expect((await api.post(`/api/v1/certificates/${serial}/revoke`, { data: { reason: "keyCompromise" } })).status()).toBe(200);

  const output = await scheduledPass();
  expect(output).not.toMatch(/FAILED/);
  // The server's own minute tick may get there first; either way one refresh shows up.
  await expect(async () => {
    await page.reload();
    await expect(deploy.runWithTrigger("REVOCATION")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 1_000 });
  }).toPass({ timeout: 180_000 });
  const refreshed = deploy.runWithTrigger("REVOCATION");
  await expect(refreshed).toContainText(String(firstId));
  const after = aws.elbv2.trustStore(trustStoreName)!;
  expect(after.revocations.map((r) => r.id)).not.toContain(firstId);
  expect(after.revocations[0].serials).toContain(serial.toUpperCase().replace(/^0+/, ""));
  await expect(page.getByTestId(`store-revocation-${after.revocations[0].id}`)).toContainText("Inkan");
});

test("the add-target form explains what is wrong", async ({ page }) => {
  const deploy = new DeployPage(page);
  await deploy.goto();
  await page.getByTestId("target-name").fill("Bad Name");
  await page.getByTestId("target-bucket").fill("x");
  await page.getByTestId("target-add").click();
  await expect(deploy.formError).toContainText("A target name is lowercase letters");
  await expect(deploy.formError).toContainText("Give an existing trust store ARN, or a name");
});
