// End-to-end proof of the Apache recipe: Debian's apache2 (mod_ssl) on loopback with the
// generated virtual host. With "SSLVerifyClient require" Apache refuses a bad certificate in
// the TLS handshake itself, so curl gets no HTTP status at all.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, useServiceEnvironment } from "../helpers/services";
import { distributionFile, getCertificate, revokeCertificate } from "../../lib/ca";
import { apacheRecipe, findRecipeAuthority, identifyClient, type Recipe } from "../../lib/mtls";
import {
  acceptsConnections, curl, ensureDebianPackage, freePort, readText, run, startDistributionPoint, startEchoApplication, stopProcess, waitFor,
  type CurlResult, type RunningServer,
} from "./tls-helpers";
import { issueTlsFixture, type KeyAndCertificate, type TlsFixture } from "./tls-fixture";

const APACHE = "/usr/sbin/apache2";
const MODULES = "/usr/lib/apache2/modules";

useServiceEnvironment();

describe("Apache httpd with Inkan's generated recipe", () => {
  withTestDatabase("sqlite");

  let root: string;
  let apacheBin: string;
  let apache: ChildProcess | undefined;
  let dist: RunningServer | undefined;
  let app: RunningServer | undefined;
  let port: number;
  let recipe: Recipe;
  let fx: TlsFixture;
  const files = { ca: "", crl: "", conf: "", errorLog: "", sync: "" };

  function request(client?: KeyAndCertificate): Promise<CurlResult> {
    return curl(`https://localhost:${port}/`, { caFile: files.ca, resolve: `localhost:${port}:127.0.0.1`, ...client });
  }

  /** Refused in the handshake: no HTTP response, curl reports the TLS alert. */
  function expectHandshakeRefused(r: CurlResult) {
    expect(r.status, `expected no HTTP response, got ${r.status}: ${r.body.slice(0, 200)}`).toBe(0);
    expect(r.stderr).toMatch(/alert|SSL|handshake/i);
  }

  beforeAll(async () => {
    apacheBin = ensureDebianPackage(APACHE, "apache2");
    root = mkdtempSync(path.join(os.tmpdir(), "inkan-apache-"));
    // Apache's children run as www-data and need to reach the runtime directory.
    chmodSync(root, 0o755);
    for (const d of ["logs", "run", "inkan"]) mkdirSync(path.join(root, d), { mode: 0o755 });
    const dir = path.join(root, "inkan");

    fx = await issueTlsFixture(root);
    dist = await startDistributionPoint();
    app = await startEchoApplication();
    port = await freePort();
    files.conf = path.join(root, "httpd.conf");
    files.errorLog = path.join(root, "logs", "error.log");
    files.sync = path.join(dir, "inkan-crl-sync-ia1");
    files.ca = path.join(dir, "ia1.pem");
    files.crl = path.join(dir, "ia1_crl.pem");

    recipe = apacheRecipe({
      authority: await findRecipeAuthority("ia1"),
      publicUrl: dist.url,
      options: {
        verifyClient: "required",
        listen: `127.0.0.1:${port}`,
        serverName: "localhost",
        upstream: app.url,
        directory: dir,
        serverCertificateFile: fx.server.cert,
        serverKeyFile: fx.server.key,
        requireSubject: { O: [], C: [], OU: [] },
        schedule: "17 * * * *",
        reloadCommand: `${apacheBin} -f ${files.conf} -k graceful`,
        syncScriptPath: files.sync,
      },
    });
    const block = (id: string) => recipe.blocks.find((b) => b.id === id)!;
    writeFileSync(files.ca, (await distributionFile("ia1.pem"))!.body);
    writeFileSync(files.crl, (await distributionFile("ia1_crl.pem"))!.body);
    writeFileSync(files.sync, block("sync-script").text, { mode: 0o755 });
    writeFileSync(path.join(root, "inkan-ia1.conf"), block("config").text);
    const load = (name: string) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so`;
    writeFileSync(files.conf, `ServerRoot ${root}
${["mpm_event", "authz_core", "socache_shmcb", "ssl", "headers", "proxy", "proxy_http"].map(load).join("\n")}
${process.getuid?.() === 0 ? "User www-data\nGroup www-data\n" : ""}ServerName localhost
PidFile ${root}/run/httpd.pid
DefaultRuntimeDir ${root}/run
ErrorLog ${files.errorLog}
LogLevel warn ssl:info
Listen 127.0.0.1:${port}
Include ${root}/inkan-ia1.conf
`);
    const test = spawnSync(apacheBin, ["-f", files.conf, "-t"], { encoding: "utf8" });
    expect(test.status, `apache2 -t refused the recipe:\n${test.stderr}`).toBe(0);
    apache = spawn(apacheBin, ["-f", files.conf, "-D", "FOREGROUND"], { stdio: "ignore" });
    const up = await waitFor(() => acceptsConnections(port), Boolean, 10_000);
    expect(up, `apache2 did not start:\n${readText(files.errorLog)}`).toBe(true);
  });

  afterAll(async () => {
    await stopProcess(apache);
    await dist?.close();
    await app?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("the recipe has the seed's directives and makes Apache 2.4 read the CRL", () => {
    const config = recipe.blocks.find((b) => b.id === "config")!.text;
    for (const line of [`SSLCACertificateFile "${files.ca}"`, "SSLVerifyDepth 1", "SSLVerifyClient require", `SSLCARevocationFile "${files.crl}"`, "SSLCARevocationCheck chain"]) {
      expect(config).toContain(line);
    }
  });

  it("a client certificate from Inkan's PKCS#12 gets 200, and the application sees that certificate", async () => {
    const r = await request(fx.alice);
    expect(r.status, r.stderr).toBe(200);
    const seen = JSON.parse(r.body).headers as Record<string, string>;
    expect(seen["x-ssl-client-verify"]).toBe("SUCCESS");
    expect(seen["x-ssl-client-serial"].toLowerCase()).toBe(fx.alice.serial);
    const identity = await identifyClient({ leafPem: seen["x-ssl-client-cert"] });
    expect(identity).toMatchObject({ status: "valid", account: { name: "alice" } });
    expect(identity.certificate?.serial).toBe((await getCertificate(fx.alice.serial)).serial);
  });

  it("without a certificate, with another CA's certificate, or with an expired one, the handshake is refused", async () => {
    expectHandshakeRefused(await request());
    expectHandshakeRefused(await request(fx.foreign));
    expectHandshakeRefused(await request(fx.expired));
  });

  it("after revocation, the recipe's CRL refresh script and graceful restart make Apache refuse the same certificate", async () => {
    expect((await request(fx.alice)).status).toBe(200);
    await revokeCertificate({ serial: fx.alice.serial, reason: "cessationOfOperation" }, TEST_ACTOR);
    const sync = await run("sh", [files.sync]);
    expect(sync.code, sync.stderr).toBe(0);
    expect(readFileSync(files.crl, "utf8")).toBe((await distributionFile("ia1_crl.pem"))!.body.toString());
    const r = await waitFor(() => request(fx.alice), (x) => x.status === 0);
    expectHandshakeRefused(r);
    expect(readText(files.errorLog)).toMatch(/revoked/i);
  });
});
