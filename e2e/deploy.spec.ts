// RA → Deploy: an administrator adds a target pointing at a local AWS (started by this spec),
// dry-runs and deploys it, revokes a certificate on its page, and sees the server's own
// scheduler deploy the new CRL in the history (playwright.config.ts sets a one-second debounce).
import { test, expect } from "./fixtures";
import { CertificatePage } from "./pages/certificate-page";
import { DeployPage } from "./pages/deploy-page";
import { NewAuthorityPage } from "./pages/authority-page";
import { normalizeSerial, startLocalAws, type LocalAws } from "../tests/support/aws-local";

const BUCKET = "inkan-e2e-trust";

let aws: LocalAws;
test.beforeAll(async () => {
  aws = await startLocalAws({ buckets: [BUCKET] });
});
test.afterAll(async () => {
  await aws?.stop();
});

test("an administrator deploys to a trust store and sees the scheduled refresh after a revocation", async ({ page, api, uniqueName }) => {
  test.setTimeout(300_000);
  const deploy = new DeployPage(page);
  const name = uniqueName("alb");
  const trustStoreName = uniqueName("ts");
  // A CA of its own: revocations by specs running beside this one (under ia1) change no CRL
  // in this target, so its RevocationIds are exactly 1, then 2.
  const ca = uniqueName("dep");

  await page.goto("/ra/authorities/new");
  await new NewAuthorityPage(page).create({ slug: ca, subject: `CN=Inkan E2E ${ca},O=Inkan E2E` });

  await deploy.goto();
  await deploy.addTarget({
    name, region: aws.region, bucket: BUCKET, prefix: "inkan/e2e", caSlugs: [ca], trustStoreName,
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
  await expect(page.getByTestId(`plan-crl-${ca}`)).toContainText("would be added");
  expect(aws.elbv2.trustStores().filter((s) => s.name === trustStoreName)).toEqual([]);

  await deploy.deployNow();
  await expect(deploy.result).toHaveText("Deploy succeeded.");
  const manual = deploy.runWithTrigger("MANUAL");
  await expect(manual).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(deploy.runCells(manual).added).toHaveText("1");
  await expect(deploy.runCells(manual).removed).toHaveText("");
  await expect(page.getByTestId("store-status")).toHaveText("ACTIVE");
  await expect(page.getByTestId("store-ca-count")).toHaveText("1");
  expect(aws.elbv2.trustStore(trustStoreName)!.revocations.map((r) => r.id)).toEqual([1]);

  // A server certificate of that CA (set up through the REST API), revoked on its page in the RA console.
  const account = uniqueName("web");
  expect((await api.post("/api/v1/accounts", { data: { kind: "server", name: account, hostnames: [`${account}.e2e.test`] } })).status()).toBe(201);
  const issued = await api.post("/api/v1/certificates", { data: { account, keyAlgorithm: "ECDSA-P256", ca } });
  expect(issued.status(), await issued.text()).toBe(201);
  const { serial } = (await issued.json()) as { serial: string };
  const certificate = new CertificatePage(page);
  await certificate.goto(serial);
  await certificate.revoke("keyCompromise");
  await certificate.expectStatus("Revoked");

  // The server's scheduler deploys the new CRL on its next minute tick; the administrator
  // reloads the target's page until the run shows up.
  await deploy.gotoTarget(name);
  const refreshed = deploy.runWithTrigger("REVOCATION");
  await expect(async () => {
    await page.reload();
    await expect(refreshed).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 1_000 });
  }).toPass({ timeout: 150_000, intervals: [2_000] });
  await expect(deploy.runCells(refreshed).actor).toHaveText("scheduler");
  await expect(deploy.runCells(refreshed).added).toHaveText("2");
  await expect(deploy.runCells(refreshed).removed).toHaveText("1");
  await expect(page.getByTestId("store-revocation-2")).toContainText("Inkan");
  await expect(page.getByTestId("store-revocation-1")).toHaveCount(0);
  const after = aws.elbv2.trustStore(trustStoreName)!;
  expect(after.revocations.map((r) => r.id)).toEqual([2]);
  expect(after.revocations[0].serials).toEqual([normalizeSerial(serial)]);
});

test("an administrator adds a second CA through the edit form, the deploy modifies the trust store, then deletes the target", async ({ page, uniqueName }) => {
  test.setTimeout(180_000);
  const deploy = new DeployPage(page);
  const name = uniqueName("alb2");
  const trustStoreName = uniqueName("ts2");
  const [first, second] = [uniqueName("b1"), uniqueName("b2")];
  for (const ca of [first, second]) {
    await page.goto("/ra/authorities/new");
    await new NewAuthorityPage(page).create({ slug: ca, subject: `CN=Inkan E2E ${ca},O=Inkan E2E` });
  }

  await deploy.goto();
  await deploy.addTarget({
    name, region: aws.region, bucket: BUCKET, prefix: "inkan/e2e-edit", caSlugs: [first], trustStoreName,
    accessKeyId: aws.credentials.accessKeyId, secretAccessKey: aws.credentials.secretAccessKey,
    s3Endpoint: aws.s3Endpoint, elbv2Endpoint: aws.elbv2Endpoint, acmEndpoint: aws.acmEndpoint,
  });
  await deploy.deployNow();
  await expect(deploy.result).toHaveText("Deploy succeeded.");
  await expect(page.getByTestId("store-ca-count")).toHaveText("1");
  await expect(deploy.runCells(deploy.runWithBundle("CreateTrustStore")).bundle).toHaveText("CreateTrustStore, CA certificates: 1");
  const arn = aws.elbv2.trustStore(trustStoreName)!.arn;

  // The edit form: the managed trust store is shown fixed, the stored secret is kept untyped.
  await deploy.openEdit(name);
  await expect(page.getByTestId("target-store-fixed")).toHaveText(arn);
  await expect(deploy.form).toContainText("cannot be changed here");
  await expect(page.getByTestId("target-secret-key")).toHaveValue("");
  expect(await page.content()).not.toContain(aws.credentials.secretAccessKey);
  await deploy.saveBundle(name, [first, second]);
  await expect(page.getByTestId("target-summary")).toContainText(`${first}, ${second}`);

  // The deploy changes the bundle (the server's scheduler may get there first: either run counts).
  await deploy.deployNow();
  const modified = deploy.runWithBundle("ModifyTrustStore");
  await expect(async () => {
    await page.reload();
    await expect(modified).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [1_000] });
  await expect(deploy.runCells(modified).bundle).toHaveText("ModifyTrustStore, CA certificates: 2");
  await expect(page.getByTestId("store-ca-count")).toHaveText("2");
  const store = aws.elbv2.trustStore(arn)!;
  expect(store.numberOfCaCertificates).toBe(2);
  expect(store.revocations).toHaveLength(2);

  // Deleting says what happens, and leaves the trust store in AWS.
  const dialog = await deploy.askDelete();
  await expect(dialog).toContainText(`Inkan stops managing trust store ${arn}`);
  await expect(dialog).toContainText("Nothing is deleted in AWS");
  await expect(dialog).toContainText("The run history of this target is deleted");
  await page.getByTestId("target-delete-confirm").click();
  await page.waitForURL("**/ra/deploy");
  await expect(page.getByTestId(`target-row-${name}`)).toHaveCount(0);
  expect(aws.elbv2.trustStore(arn)!.revocations).toHaveLength(2);
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
