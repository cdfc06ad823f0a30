// CA, CRL and server-certificate fixtures made by the openssl CLI in a temp directory, so the
// fake AWS is fed artefacts from a tool that has nothing to do with Inkan's own PKI code.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestCa {
  name: string;
  certPem: string;
  certPath: string;
  keyPath: string;
}

export class OpensslFixtures {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "inkan-aws-fixtures-"));
  private counter = 0;

  openssl(args: string[], input?: string): string {
    return execFileSync("openssl", args, { cwd: this.dir, input, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, stdio: ["pipe", "pipe", "pipe"] });
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  /** A self-signed CA (EC P-256 unless an RSA size is given). */
  ca(name: string, opts: { rsaBits?: number; isCa?: boolean } = {}): TestCa {
    const keyPath = this.file(`${name}.key`);
    const certPath = this.file(`${name}.crt`);
    this.openssl([
      "req", "-x509", "-new", "-nodes",
      ...(opts.rsaBits ? ["-newkey", `rsa:${opts.rsaBits}`] : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]),
      "-keyout", keyPath, "-out", certPath, "-days", "3650", "-subj", `/CN=${name}`,
      "-addext", opts.isCa === false ? "basicConstraints=critical,CA:FALSE" : "basicConstraints=critical,CA:TRUE",
      "-addext", opts.isCa === false ? "keyUsage=critical,digitalSignature" : "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    return { name, certPem: fs.readFileSync(certPath, "utf8"), certPath, keyPath };
  }

  /** A CRL signed by `ca` listing `serials` (hex), made with `openssl ca -gencrl` from an index file. */
  crl(ca: TestCa, serials: string[], format: "PEM" | "DER" = "PEM"): Buffer {
    const id = ++this.counter;
    const index = this.file(`index-${id}.txt`);
    // The index file wants an even number of hex digits per serial.
    const even = (s: string) => (s.length % 2 ? `0${s}` : s).toUpperCase();
    const lines = serials.map((s) => `R\t351231000000Z\t250101000000Z\t${even(s)}\tunknown\t/CN=revoked-${s}\n`);
    fs.writeFileSync(index, lines.join(""));
    const config = this.file(`ca-${id}.cnf`);
    fs.writeFileSync(
      config,
      [
        "[ca]", "default_ca = test_ca", "[test_ca]",
        `database = ${index}`, `certificate = ${ca.certPath}`, `private_key = ${ca.keyPath}`,
        `crlnumber = ${this.file(`crlnumber-${id}`)}`, "default_md = sha256", "default_crl_days = 7",
      ].join("\n"),
    );
    fs.writeFileSync(this.file(`crlnumber-${id}`), `${id.toString(16).padStart(2, "0")}\n`);
    const pemPath = this.file(`crl-${id}.pem`);
    this.openssl(["ca", "-gencrl", "-config", config, "-out", pemPath, "-batch"]);
    if (format === "PEM") return fs.readFileSync(pemPath);
    return execFileSync("openssl", ["crl", "-in", pemPath, "-outform", "DER"], { maxBuffer: 512 * 1024 * 1024 });
  }

  /** Serial numbers OpenSSL itself reads from a PEM CRL (uppercase hex, no leading zeros). */
  opensslSerials(crlPem: Buffer): string[] {
    const text = execFileSync("openssl", ["crl", "-inform", "PEM", "-noout", "-text"], { input: crlPem, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    return [...text.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1].replace(/^0+(?=.)/, ""));
  }

  /** A server certificate issued by `ca` for `dns`, with its unencrypted PKCS#8 key. */
  server(ca: TestCa, dns: string, opts: { rsaBits?: number; curve?: string; days?: number } = {}): { certPem: string; keyPem: string } {
    const id = ++this.counter;
    const keyPath = this.file(`server-${id}.key`);
    const csrPath = this.file(`server-${id}.csr`);
    const certPath = this.file(`server-${id}.crt`);
    const extPath = this.file(`server-${id}.ext`);
    const keyArgs = opts.rsaBits ? ["-newkey", `rsa:${opts.rsaBits}`] : ["-newkey", "ec", "-pkeyopt", `ec_paramgen_curve:${opts.curve ?? "P-256"}`];
    this.openssl(["req", "-new", "-nodes", ...keyArgs, "-keyout", keyPath, "-out", csrPath, "-subj", `/CN=${dns}`]);
    fs.writeFileSync(extPath, `subjectAltName=DNS:${dns}\nextendedKeyUsage=serverAuth\n`);
    this.openssl(["x509", "-req", "-in", csrPath, "-CA", ca.certPath, "-CAkey", ca.keyPath, "-CAcreateserial", "-days", String(opts.days ?? 90), "-extfile", extPath, "-out", certPath]);
    return { certPem: fs.readFileSync(certPath, "utf8"), keyPem: fs.readFileSync(keyPath, "utf8") };
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
