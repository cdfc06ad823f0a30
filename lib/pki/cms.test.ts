import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCertificate, buildSelfSignedCa } from "./certificate-build";
import { signCms } from "./cms";
import { PkiError } from "./errors";
import { generateKeyPair, keyIdentifierOf, spkiOf, splitSpki } from "./keys";
import { buildMobileconfig } from "./mobileconfig";
import { toPem } from "./pem";
import { newSerial } from "./serial";
import { localSigner, type Signer } from "./signer";

const NB = new Date("2025-01-01T00:00:00Z");
const NA = new Date("2035-01-01T00:00:00Z");
const AT = new Date("2026-03-01T12:00:00Z");
const dir = mkdtempSync(path.join(os.tmpdir(), "inkan-cms-"));

function opensslVerify(signed: Buffer, caDer?: Buffer): { ok: boolean; content: Buffer; stderr: string } {
  const file = path.join(dir, `p-${Math.random().toString(36).slice(2)}.der`);
  writeFileSync(file, signed);
  const args = ["cms", "-verify", "-inform", "DER", "-in", file, "-binary"];
  if (caDer) {
    const ca = path.join(dir, "ca.pem");
    writeFileSync(ca, toPem("CERTIFICATE", caDer));
    // No -purpose: the default (S/MIME signing) checks the CA's digitalSignature key usage.
    args.push("-CAfile", ca);
  } else args.push("-noverify");
  const r = spawnSync("/usr/bin/openssl", args);
  return { ok: r.status === 0, content: r.stdout, stderr: r.stderr.toString() };
}

describe.each(["RSA-2048", "ECDSA-P256", "ECDSA-P384"] as const)("CMS SignedData with %s", (alg) => {
  let caDer: Buffer;
  let signer: Signer;
  beforeAll(async () => {
    const keyPair = await generateKeyPair(alg);
    caDer = await buildSelfSignedCa({ subject: [{ type: "CN", value: `CMS ${alg}` }], keyPair, notBefore: NB, notAfter: NA, serial: newSerial() });
    signer = localSigner(keyPair.privateKey);
  });

  it("verifies with openssl cms -verify, with and without the CA as trust anchor", async () => {
    const content = Buffer.from("hello profile\n");
    const signed = await signCms({ content, signerCertificate: caDer, signer, signingTime: AT });
    const noverify = opensslVerify(signed);
    expect(noverify.stderr).toContain("Verification successful");
    expect(noverify.content.equals(content)).toBe(true);
    expect(opensslVerify(signed, caDer).ok).toBe(true);
  });

  it("fails verification when one byte of the content changes", async () => {
    const content = Buffer.from("<plist>tamper-me</plist>");
    const signed = await signCms({ content, signerCertificate: caDer, signer, signingTime: AT });
    const at = signed.indexOf(Buffer.from("tamper-me"));
    const tampered = Buffer.from(signed);
    tampered[at] ^= 0x01;
    expect(opensslVerify(tampered).ok).toBe(false);
  });
});

describe("signCms", () => {
  it("OpenSSL's default S/MIME purpose check refuses a signer certificate without digitalSignature", async () => {
    // The negative control for dropping -purpose any above: key usage is really checked.
    const keyPair = await generateKeyPair("ECDSA-P256");
    const spki = spkiOf(keyPair.publicKey);
    const subject = [{ type: "CN" as const, value: "No digitalSignature" }];
    const caDer = await buildCertificate(
      { subject, subjectPublicKeySpki: spki, notBefore: NB, notAfter: NA, ca: {}, keyUsage: ["keyCertSign", "cRLSign"] },
      { issuer: { name: subject, keyIdentifier: keyIdentifierOf(splitSpki(spki)) }, signer: localSigner(keyPair.privateKey), serial: newSerial() },
    );
    const signed = await signCms({ content: Buffer.from("x"), signerCertificate: caDer, signer: localSigner(keyPair.privateKey), signingTime: AT });
    const r = opensslVerify(signed, caDer);
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/unsuitable certificate purpose|unsupported certificate purpose/);
  });

  it("refuses a signer whose key does not match the certificate", async () => {
    const [a, b] = await Promise.all([generateKeyPair("ECDSA-P256"), generateKeyPair("ECDSA-P256")]);
    const caDer = await buildSelfSignedCa({ subject: [{ type: "CN", value: "A" }], keyPair: a, notBefore: NB, notAfter: NA, serial: newSerial() });
    await expect(signCms({ content: Buffer.from("x"), signerCertificate: caDer, signer: localSigner(b.privateKey), signingTime: AT })).rejects.toBeInstanceOf(PkiError);
  });
});

describe("buildMobileconfig", () => {
  it("writes the profile fields and both payloads, escaping XML", () => {
    const xml = buildMobileconfig({
      displayName: "Corp <VPN> & Wi-Fi", identifier: "com.example.profile", organization: "Example", description: "Client certificate",
      rootCertificate: Buffer.from([1, 2, 3]), rootName: "ia1", pkcs12: Buffer.from([4, 5]), pkcs12FileName: "alice.p12", pkcs12Password: "s3cret",
      uuids: { profile: "P", root: "R", identity: "I" },
    }).toString("utf8");
    expect(xml).toContain("<string>Corp &lt;VPN&gt; &amp; Wi-Fi</string>");
    expect(xml).toContain("<string>com.apple.security.root</string>");
    expect(xml).toContain("<string>com.apple.security.pkcs12</string>");
    expect(xml).toContain(`<data>${Buffer.from([1, 2, 3]).toString("base64")}</data>`);
    expect(xml).toContain("<key>Password</key>");
    const parsed = spawnSync("python3", ["-c", "import plistlib,sys,json; p=plistlib.loads(sys.stdin.buffer.read()); print(json.dumps([p['PayloadIdentifier'], p['PayloadOrganization'], [c['PayloadType'] for c in p['PayloadContent']]]))"], { input: xml });
    expect(JSON.parse(parsed.stdout.toString())).toEqual(["com.example.profile", "Example", ["com.apple.security.root", "com.apple.security.pkcs12"]]);
  });

  it("leaves the password out when the user is to type it", () => {
    const xml = buildMobileconfig({ displayName: "n", identifier: "i", rootCertificate: Buffer.from([1]), rootName: "r", pkcs12: Buffer.from([2]), pkcs12FileName: "u.p12" }).toString();
    expect(xml).not.toContain("<key>Password</key>");
    expect(xml).not.toContain("PayloadOrganization");
  });
});
