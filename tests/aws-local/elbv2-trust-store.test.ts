import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateTrustStoreCommand,
  DeleteTrustStoreCommand,
  DescribeTrustStoresCommand,
  GetTrustStoreCaCertificatesBundleCommand,
  ModifyTrustStoreCommand,
  AddTrustStoreRevocationsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { awsClients, awsError, putObject } from "./clients";
import { OpensslFixtures, type TestCa } from "./openssl-fixtures";

const BUCKET = "inkan-bundles";
let aws: LocalAws;
let fx: OpensslFixtures;
let root: TestCa;
let second: TestCa;
let clients: ReturnType<typeof awsClients>;

beforeAll(async () => {
  aws = await startLocalAws({ buckets: [BUCKET] });
  fx = new OpensslFixtures();
  root = fx.ca("Bundle Root CA");
  second = fx.ca("Second CA", { rsaBits: 2048 });
  clients = awsClients(aws, { maxAttempts: 1 });
  await putObject(clients.s3, BUCKET, "one.pem", root.certPem);
  await putObject(clients.s3, BUCKET, "two.pem", root.certPem + second.certPem);
});

afterAll(async () => {
  await aws?.stop();
  fx?.cleanup();
});

const create = (name: string, key = "one.pem") =>
  clients.elbv2.send(new CreateTrustStoreCommand({ Name: name, CaCertificatesBundleS3Bucket: BUCKET, CaCertificatesBundleS3Key: key }));

describe("CreateTrustStore / DescribeTrustStores / ModifyTrustStore / DeleteTrustStore", () => {
  it("creates a trust store from the S3 bundle and describes it by ARN and by name", async () => {
    const out = await create("happy-path");
    const ts = out.TrustStores![0];
    expect(ts).toMatchObject({ Name: "happy-path", Status: "ACTIVE", NumberOfCaCertificates: 1, TotalRevokedEntries: 0 });
    expect(ts.TrustStoreArn).toMatch(/^arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:truststore\/happy-path\/[0-9a-f]{16}$/);

    const byArn = await clients.elbv2.send(new DescribeTrustStoresCommand({ TrustStoreArns: [ts.TrustStoreArn!] }));
    const byName = await clients.elbv2.send(new DescribeTrustStoresCommand({ Names: ["happy-path"] }));
    expect(byArn.TrustStores).toEqual([ts]);
    expect(byName.TrustStores).toEqual([ts]);
    expect(aws.elbv2.trustStore("happy-path")!.bundle).toBe(root.certPem);
  });

  it("ModifyTrustStore re-reads the bundle from S3 and keeps the revocations", async () => {
    const arn = (await create("modify-me")).TrustStores![0].TrustStoreArn!;
    await putObject(clients.s3, BUCKET, "crl.pem", fx.crl(root, ["01", "02"]));
    await clients.elbv2.send(new AddTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationContents: [{ S3Bucket: BUCKET, S3Key: "crl.pem", RevocationType: "CRL" }] }));
    const out = await clients.elbv2.send(new ModifyTrustStoreCommand({ TrustStoreArn: arn, CaCertificatesBundleS3Bucket: BUCKET, CaCertificatesBundleS3Key: "two.pem" }));
    expect(out.TrustStores![0]).toMatchObject({ NumberOfCaCertificates: 2, TotalRevokedEntries: 2, Status: "ACTIVE" });

    const bundle = await clients.elbv2.send(new GetTrustStoreCaCertificatesBundleCommand({ TrustStoreArn: arn }));
    expect(await (await fetch(bundle.Location!)).text()).toBe(root.certPem + second.certPem);
  });

  it("DeleteTrustStore removes it; later calls get TrustStoreNotFound and the history ends with null", async () => {
    const arn = (await create("delete-me")).TrustStores![0].TrustStoreArn!;
    await clients.elbv2.send(new DeleteTrustStoreCommand({ TrustStoreArn: arn }));
    for (const call of [
      () => clients.elbv2.send(new DescribeTrustStoresCommand({ TrustStoreArns: [arn] })),
      () => clients.elbv2.send(new DescribeTrustStoresCommand({ Names: ["delete-me"] })),
      () => clients.elbv2.send(new DeleteTrustStoreCommand({ TrustStoreArn: arn })),
      () => clients.elbv2.send(new ModifyTrustStoreCommand({ TrustStoreArn: arn, CaCertificatesBundleS3Bucket: BUCKET, CaCertificatesBundleS3Key: "one.pem" })),
      () => clients.elbv2.send(new GetTrustStoreCaCertificatesBundleCommand({ TrustStoreArn: arn })),
    ]) {
      const err = await awsError(call());
      expect(err.name).toBe("TrustStoreNotFoundException");
      expect(err.$metadata?.httpStatusCode).toBe(400);
    }
    expect(aws.elbv2.history().filter((c) => c.trustStoreArn === arn).at(-1)).toMatchObject({ operation: "DeleteTrustStore", state: null });
  });

  it("pages DescribeTrustStores with PageSize and Marker", async () => {
    const paged = await startLocalAws({ buckets: [BUCKET] });
    try {
      const c = awsClients(paged, { maxAttempts: 1 });
      await putObject(c.s3, BUCKET, "one.pem", root.certPem);
      for (const name of ["p1", "p2", "p3"]) {
        await c.elbv2.send(new CreateTrustStoreCommand({ Name: name, CaCertificatesBundleS3Bucket: BUCKET, CaCertificatesBundleS3Key: "one.pem" }));
      }
      const first = await c.elbv2.send(new DescribeTrustStoresCommand({ PageSize: 2 }));
      const rest = await c.elbv2.send(new DescribeTrustStoresCommand({ PageSize: 2, Marker: first.NextMarker }));
      expect([...first.TrustStores!, ...rest.TrustStores!].map((t) => t.Name)).toEqual(["p1", "p2", "p3"]);
      expect(rest.NextMarker).toBeUndefined();
    } finally {
      await paged.stop();
    }
  });

  it("reports CREATING until the configured number of describes, refusing changes meanwhile with TrustStoreNotReady", async () => {
    const slow = await startLocalAws({ buckets: [BUCKET], trustStoreCreatingDescribes: 2 });
    try {
      const c = awsClients(slow, { maxAttempts: 1 });
      await putObject(c.s3, BUCKET, "one.pem", root.certPem);
      const created = await c.elbv2.send(new CreateTrustStoreCommand({ Name: "slow", CaCertificatesBundleS3Bucket: BUCKET, CaCertificatesBundleS3Key: "one.pem" }));
      const arn = created.TrustStores![0].TrustStoreArn!;
      expect(created.TrustStores![0].Status).toBe("CREATING");
      const notReady = await awsError(c.elbv2.send(new AddTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationContents: [{ S3Bucket: BUCKET, S3Key: "x", RevocationType: "CRL" }] })));
      expect(notReady.name).toBe("TrustStoreNotReadyException");
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await c.elbv2.send(new DescribeTrustStoresCommand({ TrustStoreArns: [arn] }))).TrustStores![0].Status);
      expect(statuses).toEqual(["CREATING", "CREATING", "ACTIVE"]);
    } finally {
      await slow.stop();
    }
  });
});

describe("CreateTrustStore errors", () => {
  it("fails with CaCertificatesBundleNotFound when the bundle object is missing", async () => {
    const err = await awsError(create("no-bundle", "missing.pem"));
    expect(err.name).toBe("CaCertificatesBundleNotFoundException");
    expect(aws.elbv2.trustStore("no-bundle")).toBeUndefined();
  });

  it("fails with InvalidCaCertificatesBundle for blank lines, DER, non-CA certificates, stray text and more than 25 certificates", async () => {
    const der = new X509Certificate(root.certPem).raw;
    const leaf = fx.ca("Not A CA", { isCa: false });
    const cases: Record<string, string | Buffer> = {
      "blank-line.pem": `${root.certPem}\n${second.certPem}`,
      "der.cer": der,
      "not-ca.pem": leaf.certPem,
      "stray-text.pem": `subject=/CN=Bundle Root CA\n${root.certPem}`,
      "key-inside.pem": root.certPem + fx.openssl(["pkey", "-in", root.keyPath]),
      "twenty-six.pem": root.certPem.repeat(26),
      "empty.pem": "",
    };
    for (const [key, body] of Object.entries(cases)) {
      await putObject(clients.s3, BUCKET, `bad/${key}`, body);
      const err = await awsError(create(`bad-${key.replace(/\W/g, "-")}`, `bad/${key}`));
      expect(err.name, key).toBe("InvalidCaCertificatesBundleException");
    }
    await putObject(clients.s3, BUCKET, "ok/twenty-five.pem", root.certPem.repeat(25));
    expect((await create("twenty-five", "ok/twenty-five.pem")).TrustStores![0].NumberOfCaCertificates).toBe(25);
  });

  it("refuses a certificate larger than the per-certificate quota", async () => {
    const tight = await startLocalAws({ buckets: [BUCKET], limits: { maxCaCertificateBytes: 700 } });
    try {
      const c = awsClients(tight, { maxAttempts: 1 });
      await putObject(c.s3, BUCKET, "rsa.pem", second.certPem);
      expect(second.certPem.length).toBeGreaterThan(700);
      const err = await awsError(c.elbv2.send(new CreateTrustStoreCommand({ Name: "big", CaCertificatesBundleS3Bucket: BUCKET, CaCertificatesBundleS3Key: "rsa.pem" })));
      expect(err.name).toBe("InvalidCaCertificatesBundleException");
      expect(err.message).toContain("larger than 700 bytes");
    } finally {
      await tight.stop();
    }
  });

  it("fails with DuplicateTrustStoreName, ValidationError for a bad name, and TooManyTrustStores at the quota", async () => {
    await create("twice");
    expect((await awsError(create("twice"))).name).toBe("DuplicateTrustStoreNameException");
    for (const name of ["-leading", "trailing-", "has_underscore", "x".repeat(33)]) {
      const err = await awsError(create(name));
      expect(err.name, name).toBe("ValidationError");
    }
    const few = await startLocalAws({ buckets: [BUCKET], limits: { maxTrustStores: 2 } });
    try {
      const c = awsClients(few, { maxAttempts: 1 });
      await putObject(c.s3, BUCKET, "one.pem", root.certPem);
      const make = (name: string) => c.elbv2.send(new CreateTrustStoreCommand({ Name: name, CaCertificatesBundleS3Bucket: BUCKET, CaCertificatesBundleS3Key: "one.pem" }));
      await make("a");
      await make("b");
      expect((await awsError(make("c"))).name).toBe("TooManyTrustStoresException");
    } finally {
      await few.stop();
    }
  });
});

describe("the AWS Query wire format", () => {
  const post = (body: string) =>
    fetch(aws.elbv2Endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/ap-northeast-1/elasticloadbalancing/aws4_request, SignedHeaders=host, Signature=0" },
      body,
    });

  it("answers <Op>Response/<Op>Result with member lists, and ErrorResponse with Type, Code, Message and RequestId", async () => {
    await create("wire-format");
    const ok = await post("Action=DescribeTrustStores&Version=2015-12-01&Names.member.1=wire-format");
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(
      /^<DescribeTrustStoresResponse xmlns="http:\/\/elasticloadbalancing\.amazonaws\.com\/doc\/2015-12-01\/"><DescribeTrustStoresResult><TrustStores><member><Name>wire-format<\/Name><TrustStoreArn>arn:[^<]+<\/TrustStoreArn><Status>ACTIVE<\/Status><NumberOfCaCertificates>1<\/NumberOfCaCertificates><TotalRevokedEntries>0<\/TotalRevokedEntries><\/member><\/TrustStores><\/DescribeTrustStoresResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/DescribeTrustStoresResponse>$/,
    );

    const missing = await post("Action=DescribeTrustStores&Version=2015-12-01&Names.member.1=nobody");
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/^<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>TrustStoreNotFound<\/Code><Message>[^<]+<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
    expect(await (await post("Action=DescribeLoadBalancers&Version=2015-12-01")).text()).toContain("<Code>InvalidAction</Code>");
    expect(await (await post("Action=DescribeTrustStores&Version=2012-06-01")).text()).toContain("<Code>InvalidParameterValue</Code>");
  });
});
