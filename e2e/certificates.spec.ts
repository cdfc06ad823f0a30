import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";
import { test, expect } from "./fixtures";
import { CertificatesListPage } from "./pages/certificates-list";
import { AccountPage } from "./pages/account-page";
import { AuditPage } from "./pages/audit-page";
import { CertificatePage } from "./pages/certificate-page";
import { AuthorityPage, NewAuthorityPage } from "./pages/authority-page";
import { crlEntries, opensslOk, saveFile } from "./support/openssl";

// The certificate list across accounts: search, detail, bulk revoke with a confirmation
// that names the count, and markup in a subject rendered as text.

async function issue(api: APIRequestContext, account: string, ca?: string): Promise<string> {
  const response = await api.post("/api/v1/certificates", { data: { account, keyAlgorithm: "ECDSA-P256", ...(ca ? { ca } : {}) } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).serial;
}

async function userAccount(api: APIRequestContext, name: string) {
  const response = await api.post("/api/v1/accounts", { data: { kind: "user", name, email: `${name}@e2e.inkan.test` } });
  expect(response.status(), await response.text()).toBe(201);
}

test("search by account and serial, open a certificate, and bulk revoke a selection into the CRL", async ({ page, api, request, uniqueName, workDir }) => {
  const name = uniqueName("bulk");
  await userAccount(api, name);
  const serials = [await issue(api, name), await issue(api, name), await issue(api, name)];
  const list = new CertificatesListPage(page);

  await test.step("search by account name lists the three", async () => {
    await list.goto();
    await list.search(name);
    await expect(list.rows).toHaveCount(3);
    for (const s of serials) await expect(list.row(s).getByRole("cell").nth(3)).toHaveText(name);
  });

  await test.step("search by a serial prefix written with colons finds one", async () => {
    const colon = serials[1].slice(0, 12).toUpperCase().replace(/(..)(?!$)/g, "$1:");
    await list.search(colon);
    await expect(list.rows).toHaveCount(1);
    await expect(list.row(serials[1])).toBeVisible();
  });

  await test.step("the detail page shows every field and the PEM", async () => {
    await list.row(serials[1]).getByRole("link", { name: serials[1] }).click();
    const detail = new CertificatePage(page);
    await expect(detail.serial).toHaveText(serials[1]);
    await expect(detail.detail("Key usage")).toHaveText("digitalSignature");
    await expect(detail.detail("Extended key usage")).toHaveText("clientAuth");
    await expect(detail.detail("Basic constraints")).toHaveText("CA:FALSE");
    await expect(detail.detail("CRL distribution point")).toHaveText(/\/crl\/ia1_crl\.der$/);
    await expect(detail.detail("Authority key identifier")).toHaveText(/^([0-9A-F]{2}:)+[0-9A-F]{2}$/);
    const pem = saveFile(workDir, "leaf.pem", (await page.getByTestId("pem").textContent())!);
    const sha256 = opensslOk(["x509", "-in", pem, "-noout", "-fingerprint", "-sha256"]).trim().split("=")[1];
    await expect(page.getByTestId("sha256")).toHaveText(sha256);
  });

  await test.step("select two, confirm the dialog naming the count and reason, and both are revoked", async () => {
    await list.goto({ q: name });
    await expect(list.rows).toHaveCount(3);
    await list.select(serials[0]);
    await list.select(serials[2]);
    await expect(list.selectedCount).toHaveText("2 selected");
    await list.bulkRevoke("superseded", 2);
    await expect(list.result).toHaveText("2 revoked; CRL republished.");
    await expect(list.row(serials[0]).getByRole("cell").last()).toHaveText("Revoked");
    await expect(list.row(serials[2]).getByRole("cell").last()).toHaveText("Revoked");
    await expect(list.row(serials[1]).getByRole("cell").last()).toHaveText("Valid");
    await expect(list.row(serials[0]).getByRole("checkbox")).toBeDisabled();
  });

  await test.step("the CRL lists both as Superseded, and the revoked filter finds them", async () => {
    const crl = saveFile(workDir, "ia1_crl.pem", await (await request.get("/crl/ia1_crl.pem")).body());
    const entries = crlEntries(opensslOk(["crl", "-in", crl, "-noout", "-text"]));
    expect(entries.get(serials[0])).toBe("Superseded");
    expect(entries.get(serials[2])).toBe("Superseded");
    expect(entries.has(serials[1])).toBe(false);
    await list.goto({ q: name, status: "revoked" });
    await expect(list.rows).toHaveCount(2);
  });

  await test.step("the REST list finds the same with filters and a cursor", async () => {
    const first = await api.get(`/api/v1/certificates?q=${name}&status=valid&limit=1`);
    expect(first.status()).toBe(200);
    const body = await first.json();
    expect(body.items.map((c: { serial: string }) => c.serial)).toEqual([serials[1]]);
    expect(body.nextCursor).toBeNull();
    const bad = await api.get("/api/v1/certificates?expiresBefore=soon");
    expect(bad.status()).toBe(400);
    expect((await bad.json()).detail).toContain("expiresBefore is a date");
  });
});

test("markup in a CA's name and subject and an account's name is shown as text on every page, and no script runs", async ({ page, api, uniqueName }) => {
  const payload = "<img src=x onerror=alert(1)>";
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // After each page: the payload never became an element and no script ran.
  const noMarkup = async (where: string) => {
    await expect(page.locator('img[src="x"]'), where).toHaveCount(0);
    expect(dialogs, where).toEqual([]);
  };
  const slug = uniqueName("xss").toLowerCase().slice(0, 32);
  const ca = new AuthorityPage(page);
  await new NewAuthorityPage(page).goto("ia1");
  await page.getByTestId("create-ca-form").getByLabel("Display name").fill(payload);
  await new NewAuthorityPage(page).create({ slug, subject: `CN=${payload},O=XSS`, validityDays: 100 });
  // RFC 4514 escapes < and > in the subject string; the characters reach the page as text.
  await expect(ca.detail("Subject")).toHaveText("CN=\\<img src=x onerror=alert(1)\\>,O=XSS");
  await expect(ca.detail("Display name")).toHaveText(payload);
  await noMarkup("CA page");

  const account = uniqueName("xss-user");
  const created = await api.post("/api/v1/accounts", { data: { kind: "user", name: account, displayName: payload, email: `${account}@e2e.inkan.test` } });
  expect(created.status(), await created.text()).toBe(201);
  const serial = await issue(api, account, slug);

  await page.goto("/ra/authorities");
  await expect(page.getByTestId(`ca-${slug}`)).toContainText(payload);
  await expect(page.getByTestId(`ca-${slug}`)).toContainText("CN=\\<img src=x onerror=alert(1)\\>,O=XSS");
  await noMarkup("authorities list");

  const detail = new CertificatePage(page);
  await detail.goto(serial);
  await expect(detail.detail("Issuer \\(CA\\)")).toContainText("img src=x onerror=alert(1)");
  await noMarkup("certificate page");

  const list = new CertificatesListPage(page);
  await list.goto({ ca: slug });
  await expect(list.row(serial)).toBeVisible();
  await noMarkup("certificate list");

  const accountPage = new AccountPage(page);
  await accountPage.goto(account);
  await expect(accountPage.detail(accountPage.info, "Display name")).toHaveText(payload);
  await noMarkup("account page");

  await page.goto(`/ra/accounts?q=${encodeURIComponent(account)}`);
  await expect(page.getByRole("row").filter({ hasText: account })).toContainText(payload);
  await noMarkup("account list");

  const audit = new AuditPage(page);
  await page.goto(`/ra/audit?targetType=ca&targetId=${slug}&action=ca.create`);
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rows.first()).toContainText(slug);
  await noMarkup("audit log");
  await audit.openRow(0);
  await expect(page.locator("main")).toContainText("img src=x onerror=alert(1)");
  await noMarkup("audit event");

  await page.goto("/ra");
  await expect(page.getByTestId(`crl-${slug}`)).toBeVisible();
  await noMarkup("dashboard");
});

test("export for AWS ACM: after re-typing the password, the certificate, its unencrypted key and the chain download as PEM that OpenSSL pairs and verifies; a wrong password gets nothing", async ({ page, api, uniqueName, workDir }) => {
  const name = uniqueName("acm-web");
  const host = `${name}.e2e.test`.toLowerCase();
  expect((await api.post("/api/v1/accounts", { data: { kind: "server", name, hostnames: [host] } })).status()).toBe(201);
  const serial = await issue(api, name);
  const detail = new CertificatePage(page);
  await detail.goto(serial);
  const panel = page.getByTestId("acm-panel");

  await test.step("a wrong password is refused and audited; no PEM is shown", async () => {
    await panel.getByTestId("acm-password").fill("not-my-password");
    await panel.getByTestId("acm-export").click();
    await expect(panel.getByTestId("acm-result")).toContainText("The password is wrong");
    await expect(panel.getByTestId("acm-pems")).toHaveCount(0);
  });

  const files: Record<string, string> = {};
  await test.step("the right password gives the three PEMs", async () => {
    await panel.getByTestId("acm-password").fill(E2E_ADMIN.password);
    await panel.getByTestId("acm-export").click();
    await expect(panel.getByTestId("acm-pems")).toBeVisible();
    for (const key of ["certificate", "privateKey", "chain"]) {
      const [download] = await Promise.all([page.waitForEvent("download"), panel.getByTestId(`acm-download-${key}`).click()]);
      files[key] = path.join(workDir, download.suggestedFilename());
      await download.saveAs(files[key]);
    }
  });

  await test.step("OpenSSL: the key is unencrypted and belongs to the certificate, which verifies for TLS servers against the chain", async () => {
    expect(readFileSync(files.privateKey, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const keyPub = opensslOk(["pkey", "-in", files.privateKey, "-pubout"]);
    const certPub = opensslOk(["x509", "-in", files.certificate, "-noout", "-pubkey"]);
    expect(keyPub).toBe(certPub);
    expect(opensslOk(["verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", files.chain, files.certificate])).toBe(`${files.certificate}: OK\n`);
    expect(opensslOk(["x509", "-in", files.certificate, "-noout", "-ext", "subjectAltName"])).toContain(`DNS:${host}`);
  });

  await test.step("both attempts are on the record", async () => {
    const events = await page.request.get(`/ra/audit/export?format=jsonl&action=deploy.acm.export&targetType=certificate&targetId=${serial}`);
    expect(events.status()).toBe(200);
    const outcomes = (await events.text()).split("\n").filter((l) => l.includes('"deploy.acm.export"')).map((l) => (JSON.parse(l) as { outcome: string }).outcome);
    expect(outcomes.sort()).toEqual(["FAILURE", "SUCCESS"]);
  });
});
