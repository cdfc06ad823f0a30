import type { APIRequestContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import { AuthorityPage, NewAuthorityPage } from "./pages/authority-page";
import { crlEntries, openssl, opensslOk, saveFile } from "./support/openssl";

// The authorities list (認証局一覧): a second root CA and an intermediate created from the
// RA console, checked over HTTP with OpenSSL.

async function save(request: APIRequestContext, dir: string, url: string): Promise<string> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return saveFile(dir, url.replace(/\W+/g, "_"), await response.body());
}

/** A CA slug from the unique name: lower case, at most 32 characters. */
function slugOf(name: string): string {
  return name.toLowerCase().slice(0, 32);
}

test("an administrator creates a second root CA, compares its fingerprints with OpenSSL and publishes its CRL", async ({ page, request, uniqueName, workDir }) => {
  const slug = slugOf(uniqueName("ia2"));
  const ca = new AuthorityPage(page);
  await test.step("create the root from the authorities list", async () => {
    await page.goto("/ra/authorities");
    await page.getByTestId("create-ca").click();
    await new NewAuthorityPage(page).create({ slug, subject: `CN=Inkan E2E ${slug},O=Inkan E2E,C=JP`, keyAlgorithm: "ECDSA-P256", validityDays: 3650 });
    await expect(ca.title).toHaveText(new RegExp(`^Root CA \\(self-signed\\): ${slug}`));
  });

  await test.step("the fingerprints are those OpenSSL computes from /crl/<slug>.pem", async () => {
    const pem = await save(request, workDir, `/crl/${slug}.pem`);
    const sha256 = opensslOk(["x509", "-in", pem, "-noout", "-fingerprint", "-sha256"]).trim().split("=")[1];
    const sha1 = opensslOk(["x509", "-in", pem, "-noout", "-fingerprint", "-sha1"]).trim().split("=")[1];
    await expect(ca.detail("SHA-256 fingerprint")).toHaveText(sha256);
    await expect(ca.detail("SHA-1 fingerprint")).toHaveText(sha1);
    await expect(ca.detail("Subject")).toHaveText(`CN=Inkan E2E ${slug},O=Inkan E2E,C=JP`);
    await expect(ca.detail("Key")).toHaveText("ECDSA-P256 (ECDSA P-256)");
    await expect(ca.detail("Basic constraints")).toHaveText("CA:TRUE");
  });

  await test.step("publish the CRL now, through the confirmation", async () => {
    await expect(ca.crl("CRL number")).toHaveText("1");
    expect(await ca.publishCrl(slug)).toBe(2);
    await expect(ca.crl("CRL number")).toHaveText("2");
    await expect(ca.crl("Revoked entries")).toHaveText("0");
    const crl = await save(request, workDir, `/crl/${slug}_crl.der`);
    const out = openssl(["crl", "-inform", "DER", "-in", crl, "-noout", "-verify", "-text", "-CAfile", await save(request, workDir, `/crl/${slug}.pem`)]);
    expect(out.stderr).toContain("verify OK");
    expect(out.stdout).toMatch(/X509v3 CRL Number: *\n *2\n/);
  });

  await test.step("the list shows it as a root", async () => {
    await page.goto("/ra/authorities");
    const row = page.getByTestId(`ca-${slug}`);
    await expect(row.getByRole("cell").nth(2)).toHaveText("Root CA (self-signed)");
    await expect(row.getByRole("link", { name: slug })).toHaveAttribute("href", `/ra/authorities/${slug}`);
  });
});

test("an intermediate CA signed by ia1 chains its certificates to the root, and revoking it lands in ia1's CRL", async ({ page, request, api, uniqueName, workDir }) => {
  const slug = slugOf(uniqueName("sub"));
  const ca = new AuthorityPage(page);
  await test.step("create the intermediate from ia1's page", async () => {
    await ca.goto("ia1");
    await page.getByTestId("create-intermediate").click();
    await expect(page.getByLabel("Parent CA")).toHaveValue("ia1");
    await new NewAuthorityPage(page).create({ slug, subject: `CN=Inkan E2E Intermediate ${slug},O=Inkan E2E`, validityDays: 365 });
    await expect(ca.title).toHaveText(new RegExp(`^Intermediate CA: ${slug}`));
    await expect(ca.detail("Issuer")).toContainText("(ia1)");
    await expect(ca.detail("Basic constraints")).toHaveText("CA:TRUE, pathlen:0");
    await expect(ca.detail("CRL distribution point")).toHaveText(/\/crl\/ia1_crl\.der$/);
  });

  const account = uniqueName("sub-user");
  let serial = "";
  await test.step("a certificate issued by it verifies with -CAfile root -untrusted chain", async () => {
    expect((await api.post("/api/v1/accounts", { data: { kind: "user", name: account, email: `${account}@e2e.inkan.test` } })).status()).toBe(201);
    const issued = await api.post("/api/v1/certificates", { data: { account, keyAlgorithm: "ECDSA-P256", ca: slug } });
    expect(issued.status(), await issued.text()).toBe(201);
    serial = (await issued.json()).serial;
    const chain = saveFile(workDir, "chain.pem", await (await api.get(`/api/v1/certificates/${serial}/file?format=chain&ca=${slug}`)).body());
    const leaf = saveFile(workDir, "leaf.pem", await (await api.get(`/api/v1/certificates/${serial}/file?format=pem&ca=${slug}`)).body());
    const root = await save(request, workDir, "/crl/ia1.pem");
    expect(opensslOk(["verify", "-x509_strict", "-CAfile", root, "-untrusted", chain, leaf])).toBe(`${leaf}: OK\n`);
    const crls = saveFile(workDir, "crls.pem", Buffer.concat([await (await request.get(`/crl/${slug}_crl.pem`)).body(), await (await request.get("/crl/ia1_crl.pem")).body()]));
    expect(opensslOk(["verify", "-x509_strict", "-crl_check_all", "-CRLfile", crls, "-CAfile", root, "-untrusted", chain, leaf])).toBe(`${leaf}: OK\n`);
  });

  await test.step("revoke the intermediate through the confirmation", async () => {
    const caSerial = (await ca.detail("Serial").textContent())!.trim();
    await page.getByLabel("Reason", { exact: true }).selectOption("cACompromise");
    await page.getByTestId("revoke-ca").click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`Revoke intermediate CA ${slug}?`);
    await dialog.getByTestId("revoke-ca-confirm").click();
    await expect(page.getByTestId("revoke-ca-result")).toHaveText("Revoked; ia1's CRL republished.");
    await expect(ca.title).toContainText("Revoked");
    const crl = await save(request, workDir, "/crl/ia1_crl.pem");
    expect(crlEntries(opensslOk(["crl", "-in", crl, "-noout", "-text"])).get(caSerial)).toBe("CA Compromise");
  });
});
