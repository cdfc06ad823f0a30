import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  GetCertificateCommand,
  ImportCertificateCommand,
  ListCertificatesCommand,
} from "@aws-sdk/client-acm";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { awsClients, awsError } from "./clients";
import { OpensslFixtures, type TestCa } from "./openssl-fixtures";

let aws: LocalAws;
let fx: OpensslFixtures;
let ca: TestCa;
let acm: ReturnType<typeof awsClients>["acm"];
let clock: Date | undefined;

beforeAll(async () => {
  aws = await startLocalAws({ now: () => clock ?? new Date() });
  fx = new OpensslFixtures();
  ca = fx.ca("ACM Test CA");
  acm = awsClients(aws, { maxAttempts: 1 }).acm;
});

afterAll(async () => {
  await aws?.stop();
  fx?.cleanup();
});

const pem = (s: string) => new TextEncoder().encode(s);
const importCert = (certPem: string, keyPem: string, extra: { CertificateChain?: string; CertificateArn?: string } = {}) =>
  acm.send(
    new ImportCertificateCommand({
      Certificate: pem(certPem),
      PrivateKey: pem(keyPem),
      CertificateChain: extra.CertificateChain === undefined ? undefined : pem(extra.CertificateChain),
      CertificateArn: extra.CertificateArn,
    }),
  );

describe("ImportCertificate and the read operations", () => {
  it("imports certificate, key and chain as PEM and describes them like ACM", async () => {
    const server = fx.server(ca, "portal.example.com");
    const { CertificateArn } = await importCert(server.certPem, server.keyPem, { CertificateChain: ca.certPem });
    expect(CertificateArn).toMatch(/^arn:aws:acm:ap-northeast-1:123456789012:certificate\/[0-9a-f-]{36}$/);

    const x = new X509Certificate(server.certPem);
    const { Certificate: d } = await acm.send(new DescribeCertificateCommand({ CertificateArn }));
    expect(d).toMatchObject({
      CertificateArn,
      DomainName: "portal.example.com",
      SubjectAlternativeNames: ["portal.example.com"],
      KeyAlgorithm: "EC_prime256v1",
      SignatureAlgorithm: "SHA256WITHECDSA",
      Status: "ISSUED",
      Type: "IMPORTED",
      Issuer: "ACM Test CA",
    });
    expect(d!.Serial!.replace(/:/g, "").toUpperCase()).toBe(x.serialNumber.toUpperCase());
    expect(d!.NotAfter!.getTime()).toBe(new Date(x.validTo).getTime());

    const got = await acm.send(new GetCertificateCommand({ CertificateArn }));
    expect(got).toMatchObject({ Certificate: server.certPem, CertificateChain: ca.certPem });
    expect(aws.acm.certificate(CertificateArn!)).toMatchObject({ privateKey: server.keyPem, importCount: 1 });
  });

  it("re-imports under the same ARN when CertificateArn is given", async () => {
    const first = fx.server(ca, "renew.example.com");
    const { CertificateArn } = await importCert(first.certPem, first.keyPem);
    const renewed = fx.server(ca, "renew.example.com");
    const again = await importCert(renewed.certPem, renewed.keyPem, { CertificateArn });
    expect(again.CertificateArn).toBe(CertificateArn);
    expect(aws.acm.certificate(CertificateArn!)).toMatchObject({ certificate: renewed.certPem, importCount: 2 });
    expect(aws.acm.certificates().filter((c) => c.arn === CertificateArn)).toHaveLength(1);
  });

  it("lists only RSA_1024/RSA_2048 by default, others through Includes.keyTypes, in pages", async () => {
    const separate = await startLocalAws();
    try {
      const c = awsClients(separate, { maxAttempts: 1 }).acm;
      const rsa = fx.server(ca, "rsa.example.com", { rsaBits: 2048 });
      const ec = fx.server(ca, "ec.example.com");
      const send = (s: { certPem: string; keyPem: string }) => c.send(new ImportCertificateCommand({ Certificate: pem(s.certPem), PrivateKey: pem(s.keyPem) }));
      await send(rsa);
      await send(ec);
      await send(rsa);

      const byDefault = await c.send(new ListCertificatesCommand({}));
      expect(byDefault.CertificateSummaryList!.map((s) => s.DomainName)).toEqual(["rsa.example.com", "rsa.example.com"]);
      const page1 = await c.send(new ListCertificatesCommand({ Includes: { keyTypes: ["RSA_2048", "EC_prime256v1"] }, MaxItems: 2 }));
      const page2 = await c.send(new ListCertificatesCommand({ Includes: { keyTypes: ["RSA_2048", "EC_prime256v1"] }, MaxItems: 2, NextToken: page1.NextToken }));
      expect([...page1.CertificateSummaryList!, ...page2.CertificateSummaryList!].map((s) => s.KeyAlgorithm)).toEqual(["RSA_2048", "EC_prime256v1", "RSA_2048"]);
      expect(page2.NextToken).toBeUndefined();
    } finally {
      await separate.stop();
    }
  });

  it("deletes a certificate; afterwards, and for unknown ARNs, ResourceNotFoundException", async () => {
    const server = fx.server(ca, "gone.example.com");
    const { CertificateArn } = await importCert(server.certPem, server.keyPem);
    await acm.send(new DeleteCertificateCommand({ CertificateArn }));
    for (const call of [
      () => acm.send(new DescribeCertificateCommand({ CertificateArn })),
      () => acm.send(new GetCertificateCommand({ CertificateArn })),
      () => acm.send(new DeleteCertificateCommand({ CertificateArn })),
      () => importCert(server.certPem, server.keyPem, { CertificateArn }),
    ]) {
      const err = await awsError(call());
      expect(err.name).toBe("ResourceNotFoundException");
      expect(err.$metadata?.httpStatusCode).toBe(400);
    }
    expect((await awsError(acm.send(new DescribeCertificateCommand({ CertificateArn: "not-an-arn" })))).name).toBe("InvalidArnException");
  });
});

describe("ImportCertificate validation (ValidationException)", () => {
  it("refuses what ACM refuses: non-PEM, two certificates, a key that does not match, a key over 5 KB, an encrypted key, an unsupported key type", async () => {
    const server = fx.server(ca, "v.example.com");
    const other = fx.server(ca, "other.example.com");
    const rsa4096 = fx.server(ca, "big.example.com", { rsaBits: 4096 });
    const keyFile = fx.file("v.key");
    fs.writeFileSync(keyFile, server.keyPem);
    const encrypted = fx.openssl(["pkcs8", "-topk8", "-in", keyFile, "-v2", "aes-256-cbc", "-passout", "pass:secret"]);
    fs.writeFileSync(fx.file("big.key"), rsa4096.keyPem);
    const keyWithText = fx.openssl(["pkey", "-in", fx.file("big.key"), "-text"]);
    expect(Buffer.byteLength(keyWithText)).toBeGreaterThan(5 * 1024);
    const ed = fx.openssl(["genpkey", "-algorithm", "ed25519"]);
    fs.writeFileSync(fx.file("ed.key"), ed);
    fx.openssl(["req", "-new", "-key", fx.file("ed.key"), "-subj", "/CN=ed.example.com", "-out", fx.file("ed.csr")]);
    fx.openssl(["x509", "-req", "-in", fx.file("ed.csr"), "-CA", ca.certPath, "-CAkey", ca.keyPath, "-CAcreateserial", "-days", "30", "-out", fx.file("ed.crt")]);
    const edCert = fs.readFileSync(fx.file("ed.crt"), "utf8");
    const der = Buffer.from(new X509Certificate(server.certPem).raw).toString("latin1");

    const cases: [string, () => Promise<unknown>, string][] = [
      ["DER certificate", () => importCert(der, server.keyPem), "PEM"],
      ["two certificates", () => importCert(server.certPem + other.certPem, server.keyPem), "more than one certificate"],
      ["key of another certificate", () => importCert(server.certPem, other.keyPem), "does not match"],
      ["key over 5 KB", () => importCert(rsa4096.certPem, keyWithText), "at most 5120"],
      ["encrypted key", () => importCert(server.certPem, encrypted), "unencrypted"],
      ["Ed25519 key", () => importCert(edCert, ed), "not supported"],
    ];
    for (const [what, call, message] of cases) {
      const err = await awsError(call());
      expect(err.name, what).toBe("ValidationException");
      expect(err.message, what).toContain(message);
    }
    expect(aws.acm.certificates().some((c) => c.certificate.includes(new X509Certificate(other.certPem).serialNumber))).toBe(false);
  });

  it("refuses a certificate that is expired or not yet valid at import time", async () => {
    const server = fx.server(ca, "time.example.com", { days: 30 });
    const x = new X509Certificate(server.certPem);
    try {
      clock = new Date(new Date(x.validTo).getTime() + 1000);
      expect((await awsError(importCert(server.certPem, server.keyPem))).message).toContain("expired");
      clock = new Date(new Date(x.validFrom).getTime() - 60_000);
      expect((await awsError(importCert(server.certPem, server.keyPem))).message).toContain("not valid yet");
    } finally {
      clock = undefined;
    }
    expect((await importCert(server.certPem, server.keyPem)).CertificateArn).toBeDefined();
  });
});

describe("ACM wire protocol", () => {
  it("answers JSON 1.1 errors and refuses an unsigned request", async () => {
    const res = await fetch(aws.acmEndpoint, {
      method: "POST",
      headers: { "x-amz-target": "CertificateManager.ListCertificates", "content-type": "application/x-amz-json-1.1" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ __type: "MissingAuthenticationTokenException" });
  });
});
