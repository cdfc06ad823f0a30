import type { APIResponse } from "@playwright/test";
import { test, expect } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { TokensPage } from "./pages/tokens-page";
import { makeCsr, opensslOk, saveFile } from "./support/openssl";

// The REST API and the public distribution point over real HTTP, checked with OpenSSL.

/** Asserts an RFC 9457 problem response and returns its body. */
async function expectProblem(response: APIResponse, status: number): Promise<{ detail: string; code: string; title: string; status: number }> {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toBe("application/problem+json");
  const problem = await response.json();
  expect(problem).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String), detail: expect.any(String) });
  return problem;
}

test.describe("accounts and certificates", () => {
  test("an account is created with 201 and a second one with the same name is a 409 problem", async ({ api, uniqueName }) => {
    const name = uniqueName("api-web");
    const host = `${name}.e2e.test`;
    const created = await api.post("/api/v1/accounts", { data: { kind: "server", name, hostnames: [host.toUpperCase()] } });
    expect(created.status()).toBe(201);
    expect(created.headers()["content-type"]).toBe("application/json");
    expect(await created.json()).toMatchObject({ kind: "server", name, hostnames: [host], status: "ACTIVE" });

    const duplicate = await api.post("/api/v1/accounts", { data: { kind: "server", name, hostnames: [host] } });
    const problem = await expectProblem(duplicate, 409);
    expect(problem.code).toBe("CONFLICT");
    expect(problem.detail).toContain(name);
  });

  test("a certificate is issued from a CSR, read back, and revoked only once", async ({ api, request, uniqueName, workDir }) => {
    const name = uniqueName("api-csr");
    const host = `${name}.e2e.test`;
    expect((await api.post("/api/v1/accounts", { data: { kind: "server", name, hostnames: [host] } })).status()).toBe(201);
    const { csrPath, csrPem } = makeCsr(workDir, "api", { subject: `/CN=${host}`, key: "rsa-2048", addext: [`subjectAltName=DNS:${host}`] });

    const issued = await api.post("/api/v1/certificates", { data: { account: name, csr: csrPem } });
    expect(issued.status(), await issued.text()).toBe(201);
    const cert = await issued.json();
    expect(cert).toMatchObject({ serial: expect.stringMatching(/^[0-9a-f]+$/), account: name, status: "ISSUED", source: "CSR", keyAlgorithm: "RSA-2048", sans: [`DNS:${host}`] });
    const certPem = saveFile(workDir, "api.pem", cert.certificate);
    const caPem = saveFile(workDir, "ia1.pem", await (await request.get("/crl/ia1.pem")).body());
    expect(opensslOk(["verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", caPem, certPem])).toBe(`${certPem}: OK\n`);
    expect(opensslOk(["x509", "-in", certPem, "-noout", "-serial"]).trim().toLowerCase()).toMatch(new RegExp(`=0*${cert.serial}$`));
    expect(opensslOk(["x509", "-in", certPem, "-noout", "-pubkey"])).toBe(opensslOk(["req", "-in", csrPath, "-noout", "-pubkey"]));

    const read = await api.get(`/api/v1/certificates/${cert.serial}`);
    expect(read.status()).toBe(200);
    expect(await read.json()).toMatchObject({ serial: cert.serial, status: "ISSUED", certificate: cert.certificate });
    const file = await api.get(`/api/v1/certificates/${cert.serial}/file?format=pem`);
    expect(file.status()).toBe(200);
    expect(await file.text()).toBe(cert.certificate);

    const revoked = await api.post(`/api/v1/certificates/${cert.serial}/revoke`, { data: { reason: "keyCompromise" } });
    expect(revoked.status(), await revoked.text()).toBe(200);
    expect(await revoked.json()).toMatchObject({ serial: cert.serial, status: "REVOKED", revocationReason: "keyCompromise", revokedAt: expect.any(String) });

    const again = await api.post(`/api/v1/certificates/${cert.serial}/revoke`, { data: { reason: "keyCompromise" } });
    expect((await expectProblem(again, 409)).detail).toContain("already revoked");
  });

  test("an unknown account or serial is a 404 problem", async ({ api, workDir }) => {
    const { csrPem } = makeCsr(workDir, "orphan", { subject: "/CN=orphan" });
    const issue = await api.post("/api/v1/certificates", { data: { account: "no-such-account-e2e", csr: csrPem } });
    expect((await expectProblem(issue, 404)).detail).toContain("no-such-account-e2e");
    await expectProblem(await api.get("/api/v1/certificates/0123456789abcdef0123456789abcdef"), 404);
  });

  const unprocessable: Array<{ what: string; csr: (dir: string) => string; mentions: string }> = [
    { what: "a garbage CSR", csr: () => "this is not a CSR!", mentions: "certificate request" },
    { what: "a CSR with an RSA-1024 key", csr: (dir) => makeCsr(dir, "weak", { subject: "/CN=weak", key: "rsa-1024" }).csrPem, mentions: "2048" },
    { what: "a CSR asking for CA:TRUE", csr: (dir) => makeCsr(dir, "ca", { subject: "/CN=sub-ca", addext: ["basicConstraints=critical,CA:TRUE"] }).csrPem, mentions: "CA:TRUE" },
  ];
  for (const c of unprocessable) {
    test(`${c.what} is a 422 problem that says why, and issues nothing`, async ({ page, api, uniqueName, workDir }) => {
      const name = uniqueName("api-bad");
      expect((await api.post("/api/v1/accounts", { data: { kind: "user", name } })).status()).toBe(201);
      const response = await api.post("/api/v1/certificates", { data: { account: name, csr: c.csr(workDir) } });
      const problem = await expectProblem(response, 422);
      expect(problem.code).toBe("UNPROCESSABLE");
      expect(problem.detail).toContain(c.mentions);
      const account = new AccountPage(page);
      await account.goto(name);
      await account.expectNoCertificates();
    });
  }

  test("a body over 1 MB is a 413 problem", async ({ api }) => {
    const body = JSON.stringify({ account: "whoever", csr: "A".repeat(1024 * 1024 + 1) });
    const response = await api.post("/api/v1/certificates", { data: body, headers: { "content-type": "application/json" } });
    expect((await expectProblem(response, 413)).code).toBe("TOO_LARGE");
  });
});

test.describe("authentication and roles", () => {
  test("a request without a token or with an unknown token is a 401 problem", async ({ apiAs }) => {
    const anonymous = await apiAs(null);
    await expectProblem(await anonymous.post("/api/v1/accounts", { data: { kind: "user", name: "nobody" } }), 401);
    await expectProblem(await anonymous.get("/api/v1/certificates/01"), 401);
    const wrong = await apiAs("not-a-real-token-0000000000000000");
    expect((await expectProblem(await wrong.post("/api/v1/accounts", { data: { kind: "user", name: "nobody" } }), 401)).code).toBe("UNAUTHENTICATED");
  });

  test("a token created in the console works within its role: an AUDITOR reads but may not write", async ({ page, api, apiAs, uniqueName, workDir }) => {
    const name = uniqueName("api-role");
    expect((await api.post("/api/v1/accounts", { data: { kind: "user", name } })).status()).toBe(201);
    const issued = await api.post("/api/v1/certificates", { data: { account: name, csr: makeCsr(workDir, "role", { subject: "/CN=role" }).csrPem } });
    expect(issued.status()).toBe(201);
    const { serial } = await issued.json();

    const tokens = new TokensPage(page);
    await tokens.goto();
    const auditorName = uniqueName("auditor-token");
    const auditor = await apiAs(await tokens.create(auditorName, "AUDITOR"));
    await tokens.goto();
    const operator = await apiAs(await tokens.create(uniqueName("operator-token"), "OPERATOR"));

    const read = await auditor.get(`/api/v1/certificates/${serial}`);
    expect(read.status()).toBe(200);
    expect((await read.json()).serial).toBe(serial);
    const write = await auditor.post("/api/v1/accounts", { data: { kind: "user", name: `${name}-by-auditor` } });
    expect((await expectProblem(write, 403)).detail).toContain("AUDITOR");
    await expectProblem(await auditor.post(`/api/v1/certificates/${serial}/revoke`, { data: { reason: "superseded" } }), 403);

    const byOperator = await operator.post("/api/v1/accounts", { data: { kind: "user", name: `${name}-by-operator` } });
    expect(byOperator.status()).toBe(201);

    // The console lists the token with its role and records its use.
    await page.reload();
    const row = page.getByRole("row").filter({ hasText: auditorName });
    await expect(row.getByRole("cell").nth(1)).toHaveText("AUDITOR");
    await expect(row.getByRole("cell").nth(3)).toHaveText(/UTC$/);
  });
});

test.describe("public distribution point", () => {
  test("the CA certificate is served as DER with a PKIX content type and revalidates with its ETag", async ({ request, workDir }) => {
    const response = await request.get("/crl/ia1.der");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pkix-cert");
    const etag = response.headers()["etag"];
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(opensslOk(["x509", "-inform", "DER", "-in", saveFile(workDir, "ia1.der", await response.body()), "-noout", "-subject"])).toContain("Inkan Issuing CA ia1");

    const again = await request.get("/crl/ia1.der", { headers: { "if-none-match": etag } });
    expect(again.status()).toBe(304);
    expect(again.headers()["etag"]).toBe(etag);
    expect(await again.body()).toHaveLength(0);
    // Caches may send a list of tags, or the tag marked weak (RFC 9110 §13.1.2).
    expect((await request.get("/crl/ia1.der", { headers: { "if-none-match": `"stale", ${etag}` } })).status()).toBe(304);
    expect((await request.get("/crl/ia1.der", { headers: { "if-none-match": `W/${etag}` } })).status()).toBe(304);
    expect((await request.get("/crl/ia1.der", { headers: { "if-none-match": '"stale"' } })).status()).toBe(200);
  });

  test("the CRL is served as DER (application/pkix-crl, ETag, 304) and as PEM labelled X509 CRL", async ({ request, workDir }) => {
    const der = await request.get("/crl/ia1_crl.der");
    expect(der.status()).toBe(200);
    expect(der.headers()["content-type"]).toBe("application/pkix-crl");
    expect(der.headers()["etag"]).toMatch(/^"[^"]+"$/);
    expect(opensslOk(["crl", "-inform", "DER", "-in", saveFile(workDir, "ia1_crl.der", await der.body()), "-noout", "-issuer"])).toContain("Inkan Issuing CA ia1");

    // Other specs revoke in parallel and republish the CRL, so the ETag may move between the two requests.
    await expect(async () => {
      const fresh = await request.get("/crl/ia1_crl.der");
      const conditional = await request.get("/crl/ia1_crl.der", { headers: { "if-none-match": fresh.headers()["etag"] } });
      expect(conditional.status()).toBe(304);
    }).toPass({ timeout: 15_000 });

    const pem = await request.get("/crl/ia1_crl.pem");
    expect(pem.status()).toBe(200);
    const text = await pem.text();
    expect(text.startsWith("-----BEGIN X509 CRL-----\n")).toBe(true);
    expect(text.trimEnd().endsWith("-----END X509 CRL-----")).toBe(true);
  });
});
