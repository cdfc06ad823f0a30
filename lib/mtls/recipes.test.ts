import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { InkanError } from "@/lib/errors";
import { recipeOptionsFrom, serverRecipes } from "./recipes";
import { shellQuote } from "./crl-sync-recipe";
import type { Recipe, RecipeAuthority, RecipeBlock, RecipeOptions } from "./types";

const IA1: RecipeAuthority = {
  slug: "ia1",
  subject: "CN=Inkan Issuing CA ia1,O=Inkan",
  chain: ["ia1"],
  sha1Thumbprint: "d3e2496dcb807a8a1db388b72ee1e17060cca6be",
};
const PUBLIC_URL = "https://pki.example.test";

function options(extra: Partial<RecipeOptions> = {}): RecipeOptions {
  return { ...recipeOptionsFrom({}).options, ...extra };
}

function block(recipe: Recipe, id: RecipeBlock["id"]): RecipeBlock {
  const found = recipe.blocks.find((b) => b.id === id);
  if (!found) throw new Error(`no ${id} block in the ${recipe.server} recipe`);
  return found;
}

const recipes = (extra: Partial<RecipeOptions> = {}, authority = IA1) =>
  serverRecipes({ authority, publicUrl: PUBLIC_URL, options: options(extra) });

describe("nginx recipe", () => {
  it("verifies client certificates against the CA file and CRL, and passes the certificate to the application", () => {
    const config = block(recipes().nginx, "config");
    expect(config.path).toBe("/etc/nginx/conf.d/inkan-ia1.conf");
    for (const line of [
      "listen 443 ssl;",
      "server_name www.example.local;",
      "ssl_client_certificate /etc/nginx/inkan/ia1.pem;",
      "ssl_crl                /etc/nginx/inkan/ia1_crl.pem;",
      "ssl_verify_client      on;",
      "ssl_verify_depth       1;",
      "proxy_set_header X-SSL-Client-Cert   $ssl_client_escaped_cert;",
      "proxy_set_header X-SSL-Client-Verify $ssl_client_verify;",
      "proxy_pass http://127.0.0.1:8080;",
    ]) expect(config.text).toContain(line);
    expect(config.text).not.toContain("return 403");
  });

  it("with optional verification lets the application decide, and says how to refuse in nginx instead", () => {
    const text = block(recipes({ verifyClient: "optional" }).nginx, "config").text;
    expect(text).toContain("ssl_verify_client      optional;");
    expect(text).toContain("# if ($ssl_client_verify != SUCCESS) { return 403; }");
  });

  it("trusts and checks the whole chain of an intermediate CA", () => {
    const ia2: RecipeAuthority = { ...IA1, slug: "ia2", chain: ["ia2", "root"] };
    const nginx = recipes({}, ia2).nginx;
    expect(block(nginx, "config").text).toContain("ssl_verify_depth       2;");
    expect(block(nginx, "install").text).toContain(`for ca in ia2 root; do curl -fsS 'https://pki.example.test/crl'"/$ca.pem"; done > /etc/nginx/inkan/ia2.pem`);
    expect(block(nginx, "sync-script").text).toContain("for slug in ia2 root; do");
  });

  it("tells the administrator the CA fingerprint to expect", () => {
    expect(block(recipes().nginx, "install").text).toContain("# must print: SHA1 Fingerprint=D3:E2:49:6D:CB:80:7A:8A:1D:B3:88:B7:2E:E1:E1:70:60:CC:A6:BE");
  });
});

describe("CRL refresh script and cron line", () => {
  it("is valid POSIX shell that downloads <public URL>/crl/<ia>_crl.pem, checks the signature and reloads", () => {
    const script = block(recipes().nginx, "sync-script");
    expect(script.path).toBe("/usr/local/sbin/inkan-crl-sync-ia1");
    expect(script.text.startsWith("#!/bin/sh\n")).toBe(true);
    expect(script.text).toContain("base='https://pki.example.test/crl'");
    expect(script.text).toContain('curl -fsS --max-time 30 -o "$tmp.one" "$base/${slug}_crl.pem"');
    expect(script.text).toContain(`openssl crl -in "$tmp.one" -CAfile "$ca" -noout 2>&1 | grep -q '^verify OK'`);
    expect(script.text.trimEnd().endsWith("nginx -s reload")).toBe(true);
    const check = spawnSync("sh", ["-n"], { input: script.text, encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
  });

  it("runs from /etc/cron.d on the chosen schedule and reloads each server its own way", () => {
    const all = recipes({ schedule: "5 3 * * *" });
    const cron = block(all.apache, "cron");
    expect(cron.path).toBe("/etc/cron.d/inkan-crl-ia1");
    expect(cron.text.split("\n")[1]).toBe("5 3 * * * root /usr/local/sbin/inkan-crl-sync-ia1");
    expect(block(all.apache, "sync-script").text.trimEnd().endsWith("apachectl -k graceful")).toBe(true);
    expect(block(recipes({ reloadCommand: "systemctl reload nginx" }).nginx, "sync-script").text.trimEnd().endsWith("systemctl reload nginx")).toBe(true);
  });
});

describe("Apache recipe", () => {
  it("has the seed's directives, with SSLRequire built from the chosen subject fields", () => {
    const text = block(recipes({ verifyClient: "optional", requireSubject: { O: ["ABC CORPORATION"], C: ["JP"], OU: [] } }).apache, "config").text;
    for (const line of [
      'SSLCACertificateFile "/etc/apache2/inkan/ia1.pem"',
      "SSLVerifyDepth 1",
      "SSLVerifyClient optional",
      'SSLCARevocationFile "/etc/apache2/inkan/ia1_crl.pem"',
      "SSLCARevocationCheck chain",
      'SSLRequire %{SSL_CLIENT_S_DN_O} in {"ABC CORPORATION", ""} \\\n               and %{SSL_CLIENT_S_DN_C} in {"JP", ""}',
      'RequestHeader set X-SSL-Client-Cert "%{SSL_CLIENT_CERT}s"',
    ]) expect(text).toContain(line);
  });

  it("requires the certificate and an exact match when verification is required", () => {
    const text = block(recipes({ requireSubject: { O: ["ABC CORPORATION", "Inkan"], C: [], OU: ["Sales"] } }).apache, "config").text;
    expect(text).toContain("SSLVerifyClient require");
    expect(text).toContain('SSLRequire %{SSL_CLIENT_S_DN_O} in {"ABC CORPORATION", "Inkan"} \\\n               and %{SSL_CLIENT_S_DN_OU} in {"Sales"}');
  });

  it("without chosen fields accepts every valid certificate of the CA and says so", () => {
    const text = block(recipes().apache, "config").text;
    expect(text).not.toContain("SSLRequire");
    expect(text).toContain("# No subject fields chosen: every valid certificate of ia1 is accepted.");
  });
});

describe("IIS recipe", () => {
  it("has the seed's certutil and netsh commands with the CA's real thumbprint", () => {
    const text = block(recipes().iis, "commands").text;
    for (const line of [
      "curl.exe -fsS -o ia1.der https://pki.example.test/crl/ia1.der",
      "certutil -f -addstore iis_client_trust ia1.der",
      "certutil -f -addstore ROOT ia1.der",
      "certutil -verifystore ROOT d3e2496dcb807a8a1db388b72ee1e17060cca6be",
      "netsh http add sslcert ipport=0.0.0.0:443 certhash=<server-certificate-thumbprint> certstorename=MY clientcertnegotiation=enable sslctlstorename=iis_client_trust verifyclientcertrevocation=enable",
      "reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL /v SendTrustedIssuerList /t REG_DWORD /d 1 /f",
    ]) expect(text).toContain(line);
    expect(block(recipes().iis, "revocation").text).toContain('certutil -setreg chain\\ChainCacheResyncFiletime "@now"');
  });

  it("binds the chosen Inkan server certificate by its thumbprint", () => {
    const iis = serverRecipes({ authority: IA1, publicUrl: PUBLIC_URL, options: options({ listen: "192.0.2.10:8443" }), serverCertificate: { serial: "4f3a", hostnames: ["www.example.local"], sha1Thumbprint: "0123456789abcdef0123456789abcdef01234567" } }).iis;
    expect(block(iis, "commands").text).toContain("netsh http add sslcert ipport=192.0.2.10:8443 certhash=0123456789abcdef0123456789abcdef01234567 certstorename=MY");
  });
});

describe("AWS ALB recipe", () => {
  it("describes the trust store, its CRL and the listener in verify mode", () => {
    const text = block(recipes().alb, "commands").text;
    expect(text).toContain("aws elbv2 create-trust-store --name inkan-ia1");
    expect(text).toContain('--revocation-contents "S3Bucket=$BUCKET,S3Key=inkan/ia1_crl.pem,RevocationType=CRL"');
    expect(text).toContain('--mutual-authentication "Mode=verify,TrustStoreArn=$TRUST_STORE_ARN,IgnoreClientCertificateExpiry=false"');
    expect(block(recipes().alb, "identity").text).toContain("'https://pki.example.test/api/v1/identity'");
  });
});

describe("recipe options", () => {
  it("defaults to required verification on 443, an hourly CRL refresh and no subject checks", () => {
    expect(recipeOptionsFrom({ verify: "", depth: "", subjectO: "" })).toEqual({
      options: { verifyClient: "required", verifyDepth: undefined, serverName: undefined, listen: "443", upstream: "http://127.0.0.1:8080", directory: undefined, requireSubject: { O: [], C: [], OU: [] }, schedule: "17 * * * *" },
      serverSerial: undefined,
    });
    expect(recipeOptionsFrom({ subjectO: "ABC CORPORATION, Inkan", subjectC: "JP", depth: "3" }).options).toMatchObject({ verifyDepth: 3, requireSubject: { O: ["ABC CORPORATION", "Inkan"], C: ["JP"] } });
  });

  it.each([
    ["directory", { directory: "/etc/nginx/my dir" }, /directory: Use an absolute path/],
    ["subjectO", { subjectO: 'ABC "CORP"' }, /subjectO: Organization values may not contain quotes/],
    ["subjectC", { subjectC: "jp" }, /subjectC: Country values are two-letter codes/],
    ["schedule", { schedule: "every hour" }, /schedule: Use five cron fields/],
    ["listen", { listen: "https" }, /listen: Use a port/],
    ["depth", { depth: "12" }, /depth: The verify depth is 1 to 9/],
    ["upstream", { upstream: "http://app;rm -rf /" }, /upstream: Use the application's URL/],
  ])("refuses a bad %s, naming the field", (_field, fields, message) => {
    let err: unknown;
    try {
      recipeOptionsFrom(fields);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InkanError);
    expect((err as InkanError).code).toBe("VALIDATION");
    expect((err as InkanError).message).toMatch(message);
  });

  it("quotes shell values safely", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(spawnSync("sh", ["-c", `printf %s ${shellQuote("a'b $c `d`")}`], { encoding: "utf8" }).stdout).toBe("a'b $c `d`");
  });
});
