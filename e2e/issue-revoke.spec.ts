import { randomBytes } from "node:crypto";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import { AccountPage, HISTORY_COLUMNS } from "./pages/account-page";
import { CertificatePage } from "./pages/certificate-page";
import { NewAccountPage } from "./pages/new-account-page";
import { crlEntries, makeCsr, openssl, opensslOk, readPkcs12, saveFile } from "./support/openssl";

const DATE_TIME = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} UTC$/;

/** The CA certificate from the public distribution point, saved for OpenSSL. */
async function saveCaPem(request: APIRequestContext, dir: string): Promise<string> {
  const ca = await request.get("/crl/ia1.pem");
  expect(ca.status()).toBe(200);
  return saveFile(dir, "ia1.pem", await ca.body());
}

test("a user account is issued a PKCS#12 with a server-side key, then revoked into the CRL", async ({ page, request, uniqueName, workDir }) => {
  const name = uniqueName("alice");
  const email = `${name}@e2e.inkan.test`;
  const password = `p12-${randomBytes(6).toString("hex")}`;
  const account = new AccountPage(page);

  await test.step("create the user account", async () => {
    await new NewAccountPage(page).createUser({ name, displayName: "Alice E2E", email });
  });

  await test.step("the account page has the seed's layout and an empty history", async () => {
    await expect(account.title).toHaveText(`User: ${name}`);
    await expect(account.detail(account.info, "User")).toHaveText(name);
    await expect(account.detail(account.info, "Display name")).toHaveText("Alice E2E");
    await expect(account.detail(account.info, "Registered")).toHaveText(DATE_TIME);
    await expect(account.detail(account.info, "Status")).toHaveText("Active");
    await expect(account.detail(account.attributes, "E-mail")).toHaveText(email);
    await expect(account.detail(account.attributes, "UA password")).toHaveText("None");
    await expect(page.getByRole("heading", { level: 2, name: "Issuance history" })).toBeVisible();
    await expect(account.history.locator("thead th")).toHaveText(HISTORY_COLUMNS);
    await account.expectNoCertificates();
  });

  let serial = "";
  await test.step("issue with a server-side key and download a legacy PKCS#12", async () => {
    const issued = await account.issuePkcs12({ password, encryption: "legacy" });
    serial = issued.serial;
    expect(serial).toMatch(/^[0-9a-f]+$/);
    expect(issued.download.suggestedFilename()).toMatch(/\.p12$/);
    const p12 = path.join(workDir, "alice.p12");
    await issued.download.saveAs(p12);

    const info = readPkcs12(p12, password, ["-nokeys", "-info"]);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stderr).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/);
    expect(info.stdout).toContain("-----BEGIN CERTIFICATE-----");
    expect(info.stdout).toContain(`subject=CN = ${name}`);

    const keyOut = readPkcs12(p12, password, ["-nocerts", "-nodes"]);
    expect(keyOut.code, keyOut.stderr).toBe(0);
    expect(keyOut.stdout).toContain("-----BEGIN PRIVATE KEY-----");
    // The key in the file belongs to the certificate in the file.
    const keyPub = opensslOk(["pkey", "-in", saveFile(workDir, "alice.key", keyOut.stdout), "-pubout"]);
    const certPub = opensslOk(["x509", "-in", saveFile(workDir, "alice.crt", readPkcs12(p12, password, ["-nokeys", "-clcerts"]).stdout), "-noout", "-pubkey"]);
    expect(keyPub).toBe(certPub);

    const wrong = readPkcs12(p12, `${password}x`, ["-nokeys", "-info"]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/mac verify error|invalid password/i);
  });

  await test.step("the history lists the new certificate", async () => {
    const row = account.historyRow(serial);
    await expect(account.historyRows).toHaveCount(1);
    await expect(row.locator("td")).toHaveText(["1", serial, DATE_TIME, DATE_TIME, "Valid", "", "RSA-2048"]);
  });

  const certificate = new CertificatePage(page);
  await test.step("open the certificate and revoke it for key compromise", async () => {
    await account.historyRow(serial).getByRole("link", { name: serial }).click();
    await expect(certificate.serial).toHaveText(serial);
    await expect(certificate.detail("Source")).toHaveText("Server-side key");
    await certificate.expectStatus("Valid");
    await certificate.revoke("keyCompromise");
    await certificate.expectStatus("Revoked");
    await expect(certificate.detail("Revocation date")).toHaveText(/ UTC \(keyCompromise\)$/);
    await expect(page.getByTestId("revoke")).toHaveCount(0);
  });

  await test.step("the account history shows the revocation", async () => {
    await account.goto(name);
    await expect(account.historyRow(serial).locator("td").nth(4)).toHaveText("Revoked");
    await expect(account.historyRow(serial).locator("td").nth(5)).toHaveText(DATE_TIME);
  });

  await test.step("the published CRL verifies with the CA and lists the serial as Key Compromise", async () => {
    const caPem = await saveCaPem(request, workDir);
    const crl = await request.get("/crl/ia1_crl.pem");
    expect(crl.status()).toBe(200);
    const crlPem = saveFile(workDir, "ia1_crl.pem", await crl.body());
    const out = openssl(["crl", "-in", crlPem, "-CAfile", caPem, "-verify", "-noout", "-text"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain("verify OK");
    expect(crlEntries(out.stdout).get(serial)).toBe("Key Compromise");
  });
});

test("a server certificate is issued from an uploaded CSR after confirming its content", async ({ page, request, uniqueName, workDir }) => {
  const name = uniqueName("web");
  const host = `${name}.e2e.test`;
  const account = new AccountPage(page);
  await new NewAccountPage(page).createServer({ name, hostnames: [host] });
  await expect(account.title).toHaveText(`Server: ${name}`);
  await expect(account.detail(account.attributes, "Host names")).toHaveText(host);

  const { csrPath } = makeCsr(workDir, "web", { subject: `/CN=${host}`, addext: [`subjectAltName=DNS:${host}`] });
  await account.chooseCsr(csrPath, true);
  await account.submitCsr();

  await expect(account.csrPreview).toBeVisible();
  await expect(account.detail(account.csrPreview, "Requested subject")).toHaveText(`CN=${host}`);
  await expect(account.detail(account.csrPreview, "Key")).toHaveText("ECDSA P-256");
  await expect(account.detail(account.csrPreview, "Signature")).toHaveText(/^Valid \(.*SHA-?256.*\)$/i);
  await expect(account.detail(account.csrPreview, "Requested extensions")).toContainText(`DNS:${host}`);
  await account.confirmCsrIssue();

  const certificate = new CertificatePage(page);
  await expect(page).toHaveURL(/\/ra\/certificates\/[0-9a-f]+$/);
  const serial = (await certificate.serial.textContent())!.trim();
  await certificate.expectStatus("Valid");
  await expect(certificate.detail("Source")).toHaveText("CSR");
  await expect(certificate.detail("Subject alternative names")).toHaveText(`DNS:${host}`);
  await expect(certificate.detail("Key type")).toHaveText("ECDSA-P256");
  await expect(page.getByTestId("download-pkcs12-form")).toHaveCount(0);

  const download = await certificate.downloadPem();
  const certPem = path.join(workDir, "web.pem");
  await download.saveAs(certPem);
  const caPem = await saveCaPem(request, workDir);
  expect(opensslOk(["verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", caPem, certPem])).toBe(`${certPem}: OK\n`);
  expect(opensslOk(["x509", "-in", certPem, "-noout", "-checkhost", host])).toContain("does match certificate");
  expect(opensslOk(["x509", "-in", certPem, "-noout", "-serial"]).trim().toLowerCase()).toMatch(new RegExp(`=0*${serial}$`));
  // Only the CSR's public key went into the certificate.
  expect(opensslOk(["x509", "-in", certPem, "-noout", "-pubkey"])).toBe(opensslOk(["req", "-in", csrPath, "-noout", "-pubkey"]));

  await account.goto(name);
  await expect(account.historyRow(serial).locator("td").last()).toHaveText("ECDSA-P256");
});

test.describe("bad input issues nothing", () => {
  let name = "";
  let account: AccountPage;

  test.beforeEach(async ({ page, api, uniqueName }) => {
    name = uniqueName("bad");
    const created = await api.post("/api/v1/accounts", { data: { kind: "user", name } });
    expect(created.status()).toBe(201);
    account = new AccountPage(page);
    await account.goto(name);
    await account.expectNoCertificates();
  });

  test("an empty CSR file is refused with a clear message", async ({ page }) => {
    await account.chooseCsr({ name: "empty.csr", mimeType: "application/pkcs10", buffer: Buffer.alloc(0) }, false);
    await account.submitCsr();
    await expect(account.csrError).toHaveText("Choose a CSR file (PEM or DER); the one given is empty.");
    await page.reload();
    await account.expectNoCertificates();
  });

  test("a garbage CSR file is refused, with or without the content check", async ({ page }) => {
    const text = { name: "notes.csr", mimeType: "application/pkcs10", buffer: Buffer.from("This is not a CSR: just notes!\n") };
    await account.chooseCsr(text, true);
    await account.submitCsr();
    await expect(account.csrError).toContainText("The input is neither a PEM nor a DER certificate request.");
    await expect(account.csrError).toContainText("Create the request again");
    await expect(account.csrPreview).toHaveCount(0);

    // Bytes that start like DER (a SEQUENCE) but are not a request.
    const binary = { name: "random.der", mimeType: "application/pkcs10", buffer: Buffer.concat([Buffer.from([0x30, 0x82, 0x7f, 0xff]), randomBytes(60)]) };
    await account.chooseCsr(binary, false);
    await account.submitCsr();
    await expect(account.csrError).toContainText("not valid DER");
    await expect(account.csrError).toContainText("Create the request again");
    await page.reload();
    await account.expectNoCertificates();
  });

  test("mismatched PKCS#12 passwords are refused before anything is issued", async ({ page }) => {
    await account.fillPkcs12({ password: "first-password-1", confirm: "second-password-2" });
    await account.submitPkcs12();
    await expect(account.pkcs12Error).toHaveText("The two passwords differ.");
    await expect(account.pkcs12Done).toHaveCount(0);
    await page.reload();
    await account.expectNoCertificates();
  });

  test("a too-short PKCS#12 password is refused with the server's rule", async ({ page }) => {
    await account.fillPkcs12({ password: "short1" });
    const passwordField = account.pkcs12Form.getByLabel("PKCS#12 password");
    // The browser stops the form first (minlength) ...
    await account.submitPkcs12();
    expect(await passwordField.evaluate((input: HTMLInputElement) => input.validity.tooShort)).toBe(true);
    await expect(account.pkcs12Error).toHaveCount(0);
    // ... and the server enforces the same rule when the browser's check is bypassed.
    await account.pkcs12Form.evaluate((form: HTMLFormElement) => { form.noValidate = true; });
    await account.submitPkcs12();
    await expect(account.pkcs12Error).toHaveText("The PKCS#12 password needs at least 8 characters.");
    await page.reload();
    await account.expectNoCertificates();
  });
});
