// End-to-end proof of the nginx recipe: Debian's nginx on loopback with the generated server
// block, a server certificate from Inkan, and curl presenting client certificates taken out of
// Inkan's PKCS#12 files with OpenSSL. Revocation reaches nginx through the recipe's own CRL
// refresh script and reload command.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, useServiceEnvironment } from "../helpers/services";
import { currentCrl, distributionFile, getCertificate, revokeCertificate } from "../../lib/ca";
import { findRecipeAuthority, identifyClient, nginxRecipe, type Recipe } from "../../lib/mtls";
import { PEM_LABEL, fromPem, toPem } from "../../lib/pki";
import {
  acceptsConnections, curl, ensureDebianPackage, run, freePort, readText, startDistributionPoint, startEchoApplication, stopProcess, waitFor,
  type CurlResult, type RunningServer,
} from "./tls-helpers";
import { forgedCrl, issueTlsFixture, type KeyAndCertificate, type TlsFixture } from "./tls-fixture";

const NGINX = "/usr/sbin/nginx";

useServiceEnvironment();

describe("nginx with Inkan's generated recipe", () => {
  withTestDatabase("sqlite");

  let root: string;
  let nginxBin: string;
  let nginx: ChildProcess | undefined;
  let dist: RunningServer | undefined;
  let app: RunningServer | undefined;
  let port: number;
  let recipe: Recipe;
  const files = { ca: "", crl: "", conf: "", errorLog: "", sync: "" };
  let fx: TlsFixture;

  function request(client?: KeyAndCertificate): Promise<CurlResult> {
    return curl(`https://localhost:${port}/`, { caFile: files.ca, resolve: `localhost:${port}:127.0.0.1`, ...client });
  }

  function nginxCommand(...args: string[]) {
    return spawnSync(nginxBin, ["-p", root, "-c", files.conf, "-e", files.errorLog, ...args], { encoding: "utf8" });
  }

  beforeAll(async () => {
    nginxBin = ensureDebianPackage(NGINX, "nginx");
    root = mkdtempSync(path.join(os.tmpdir(), "inkan-nginx-"));
    mkdirSync(path.join(root, "logs"));
    const dir = path.join(root, "inkan");
    mkdirSync(dir);

    fx = await issueTlsFixture(root);

    dist = await startDistributionPoint();
    app = await startEchoApplication();
    port = await freePort();
    files.conf = path.join(root, "nginx.conf");
    files.errorLog = path.join(root, "logs", "error.log");
    files.sync = path.join(dir, "inkan-crl-sync-ia1");

    recipe = nginxRecipe({
      authority: await findRecipeAuthority("ia1"),
      publicUrl: dist.url,
      options: {
        verifyClient: "required",
        listen: `127.0.0.1:${port}`,
        upstream: app.url,
        directory: dir,
        serverCertificateFile: fx.server.cert,
        serverKeyFile: fx.server.key,
        requireSubject: { O: [], C: [], OU: [] },
        schedule: "17 * * * *",
        reloadCommand: `${nginxBin} -p ${root} -c ${files.conf} -e ${files.errorLog} -s reload`,
        syncScriptPath: files.sync,
      },
    });
    const block = (id: string) => recipe.blocks.find((b) => b.id === id)!;

    // The files the recipe's install step downloads, written straight from the distribution service.
    files.ca = path.join(dir, "ia1.pem");
    files.crl = path.join(dir, "ia1_crl.pem");
    writeFileSync(files.ca, (await distributionFile("ia1.pem"))!.body);
    writeFileSync(files.crl, (await distributionFile("ia1_crl.pem"))!.body);
    writeFileSync(files.sync, block("sync-script").text, { mode: 0o755 });
    writeFileSync(path.join(root, "inkan-ia1.conf"), block("config").text);
    writeFileSync(files.conf, `${process.getuid?.() === 0 ? "user root;\n" : ""}daemon off;
worker_processes 1;
pid ${root}/nginx.pid;
error_log ${files.errorLog} info;
events { worker_connections 64; }
http {
    access_log ${root}/logs/access.log;
    client_body_temp_path ${root}/client_body;
    proxy_temp_path ${root}/proxy;
    fastcgi_temp_path ${root}/fastcgi;
    uwsgi_temp_path ${root}/uwsgi;
    scgi_temp_path ${root}/scgi;
    include ${root}/inkan-ia1.conf;
}
`);
    const test = nginxCommand("-t");
    expect(test.status, `nginx -t refused the recipe:\n${test.stderr}`).toBe(0);
    nginx = spawn(nginxBin, ["-p", root, "-c", files.conf, "-e", files.errorLog], { stdio: "ignore" });
    const up = await waitFor(() => acceptsConnections(port), Boolean, 10_000);
    expect(up, `nginx did not start:\n${readText(files.errorLog)}`).toBe(true);
  });

  afterAll(async () => {
    await stopProcess(nginx);
    await dist?.close();
    await app?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("the recipe sets the seed's directives: CA file, CRL, verification on, depth, certificate passed to the application", () => {
    const config = recipe.blocks.find((b) => b.id === "config")!.text;
    expect(config).toContain(`ssl_client_certificate ${files.ca};`);
    expect(config).toContain(`ssl_crl                ${files.crl};`);
    expect(config).toMatch(/ssl_verify_client\s+on;/);
    expect(config).toMatch(/ssl_verify_depth\s+1;/);
    expect(config).toContain("proxy_set_header X-SSL-Client-Cert   $ssl_client_escaped_cert;");
  });

  it("a client certificate from Inkan's PKCS#12 gets 200, and the application sees that certificate", async () => {
    const r = await request(fx.alice);
    expect(r.status, r.stderr).toBe(200);
    const seen = JSON.parse(r.body).headers as Record<string, string>;
    expect(seen["x-ssl-client-verify"]).toBe("SUCCESS");
    expect(seen["x-ssl-client-serial"].toLowerCase()).toBe(fx.alice.serial);
    const issued = await getCertificate(fx.alice.serial);
    expect(fromPem(decodeURIComponent(seen["x-ssl-client-cert"]), [PEM_LABEL.CERTIFICATE]).der.equals(issued.certificateDer)).toBe(true);

    const identity = await identifyClient({ leafPem: seen["x-ssl-client-cert"] });
    expect(identity).toMatchObject({ status: "valid", authority: { slug: "ia1" }, account: { name: "alice", kind: "USER", email: "alice@example.test" } });
    expect(identity.certificate?.serial).toBe(fx.alice.serial);
  });

  it("without a client certificate the request is refused (400)", async () => {
    const r = await request();
    expect(r.status, r.stderr).toBe(400);
    expect(r.body).toMatch(/No required SSL certificate was sent/);
  });

  it("a certificate from another CA with Inkan's CA name and alice's serial is refused (400), and Inkan calls it foreign", async () => {
    const r = await request(fx.foreign);
    expect(r.status, r.stderr).toBe(400);
    expect(r.body).toMatch(/The SSL certificate error/);
    const identity = await identifyClient({ leafPem: readFileSync(fx.foreign.cert, "utf8") });
    expect(identity.status).toBe("foreign");
    expect(identity.explanation).toMatch(/names Inkan CA ia1 as its issuer, but that CA's key did not sign it/);
  });

  it("an expired certificate from Inkan is refused (400), and Inkan calls it expired", async () => {
    const r = await request(fx.expired);
    expect(r.status, r.stderr).toBe(400);
    expect(r.body).toMatch(/The SSL certificate error/);
    const identity = await identifyClient({ leafPem: readFileSync(fx.expired.cert, "utf8") });
    expect(identity).toMatchObject({ status: "expired", account: { name: "bob" } });
  });

  it("after revocation, the recipe's CRL refresh script and reload make nginx refuse the same certificate", async () => {
    expect((await request(fx.alice)).status).toBe(200);
    await revokeCertificate({ serial: fx.alice.serial, reason: "keyCompromise" }, TEST_ACTOR);

    const sync = await run("sh", [files.sync]);
    expect(sync.code, sync.stderr).toBe(0);
    const served = (await currentCrl("ia1"))!;
    expect(readFileSync(files.crl, "utf8")).toBe(toPem(PEM_LABEL.X509_CRL, served.der));

    // The reload is asynchronous: new workers take over once they have read the new CRL.
    const r = await waitFor(() => request(fx.alice), (x) => x.status === 400);
    expect(r.status, `${r.stderr}\n${readText(files.errorLog).slice(-2000)}`).toBe(400);
    expect(r.body).toMatch(/The SSL certificate error/);
    expect(readText(files.errorLog)).toMatch(/certificate revoked/);

    const identity = await identifyClient({ leafPem: readFileSync(fx.alice.cert, "utf8") });
    expect(identity).toMatchObject({ status: "revoked", revocation: { reason: "keyCompromise" }, account: { name: "alice" } });
  });

  it("the refresh script keeps the current CRL when nothing changed, and refuses a CRL the CA did not sign", async () => {
    const before = readFileSync(files.crl, "utf8");
    const again = await run("sh", [files.sync]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(files.crl, "utf8")).toBe(before);

    // The other CA's CRL under the same name, from a tampered distribution point.
    const forged = forgedCrl(root, fx.otherCa);
    const tampered = await startDistributionPoint({ "/tampered/crl/ia1_crl.pem": () => Buffer.from(forged) });
    try {
      const script = readFileSync(files.sync, "utf8").replace(`base='${dist!.url}/crl'`, `base='${tampered.url}/tampered/crl'`);
      expect(script).toContain(`${tampered.url}/tampered/crl`);
      const r = await run("sh", ["-c", script]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/is not a CRL signed by .*ia1\.pem; keeping .*ia1_crl\.pem/);
      expect(readFileSync(files.crl, "utf8")).toBe(before);
    } finally {
      await tampered.close();
    }
  });
});
