import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ListCertificatesCommand } from "@aws-sdk/client-acm";
import {
  AddTrustStoreRevocationsCommand,
  CreateTrustStoreCommand,
  DescribeTrustStoresCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { awsClients, awsError, putObject } from "./clients";
import { OpensslFixtures } from "./openssl-fixtures";

const BUCKET = "faults";
let aws: LocalAws;
let fx: OpensslFixtures;
let arn: string;

beforeAll(async () => {
  aws = await startLocalAws({ buckets: [BUCKET] });
  fx = new OpensslFixtures();
  const ca = fx.ca("Faults CA");
  const { s3, elbv2 } = awsClients(aws, { maxAttempts: 1 });
  await putObject(s3, BUCKET, "bundle.pem", ca.certPem);
  await putObject(s3, BUCKET, "crl.pem", fx.crl(ca, ["01", "02"]));
  arn = (await elbv2.send(new CreateTrustStoreCommand({ Name: "faults", CaCertificatesBundleS3Bucket: BUCKET, CaCertificatesBundleS3Key: "bundle.pem" }))).TrustStores![0].TrustStoreArn!;
});

beforeEach(() => aws.faults.clear());

afterAll(async () => {
  await aws?.stop();
  fx?.cleanup();
});

const addCrl = (client: ElasticLoadBalancingV2Client) =>
  client.send(new AddTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationContents: [{ S3Bucket: BUCKET, S3Key: "crl.pem", RevocationType: "CRL" }] }));
const callsOf = (operation: string, since: number) => aws.calls().slice(since).filter((c) => c.operation === operation);

describe("ELBv2 faults", () => {
  it("throttling is seen by the client as Throttling (HTTP 400) and retried by the SDK to success", async () => {
    aws.faults.inject({ service: "elbv2", operation: "DescribeTrustStores", kind: "throttle" });
    const once = awsClients(aws, { maxAttempts: 1 }).elbv2;
    const err = await awsError(once.send(new DescribeTrustStoresCommand({})));
    expect(err.name).toBe("Throttling");
    expect(err.$metadata?.httpStatusCode).toBe(400);

    aws.faults.inject({ service: "elbv2", operation: "DescribeTrustStores", kind: "throttle", times: 2 });
    const since = aws.calls().length;
    const retrying = awsClients(aws, { maxAttempts: 3 }).elbv2;
    const out = await retrying.send(new DescribeTrustStoresCommand({}));
    expect(out.TrustStores).toHaveLength(1);
    expect(out.$metadata.attempts).toBe(3);
    expect(callsOf("DescribeTrustStores", since).map((c) => c.status)).toEqual([400, 400, 200]);
  });

  it("a 500 before the operation changes nothing; the retry applies it once", async () => {
    const before = aws.elbv2.trustStore(arn)!.revocations.length;
    aws.faults.inject({ service: "elbv2", operation: "AddTrustStoreRevocations", kind: "http500" });
    const once = awsClients(aws, { maxAttempts: 1 }).elbv2;
    const err = await awsError(addCrl(once));
    expect(err.$metadata?.httpStatusCode).toBe(500);
    expect(aws.elbv2.trustStore(arn)!.revocations.length).toBe(before);

    aws.faults.inject({ service: "elbv2", operation: "AddTrustStoreRevocations", kind: "http500" });
    const out = await addCrl(awsClients(aws, { maxAttempts: 2 }).elbv2);
    expect(out.$metadata.attempts).toBe(2);
    expect(aws.elbv2.trustStore(arn)!.revocations.length).toBe(before + 1);
  });

  it('"after" applies the operation and then loses the response, so a blind retry adds a second list', async () => {
    const before = aws.elbv2.trustStore(arn)!.revocations.length;
    aws.faults.inject({ service: "elbv2", operation: "AddTrustStoreRevocations", kind: "reset", when: "after" });
    const err = await awsError(addCrl(awsClients(aws, { maxAttempts: 1 }).elbv2));
    expect(err.message).toMatch(/ECONNRESET|socket hang up/);
    expect(aws.elbv2.trustStore(arn)!.revocations.length).toBe(before + 1);
    expect(aws.calls().at(-1)).toMatchObject({ service: "elbv2", operation: "AddTrustStoreRevocations", status: "reset", fault: "reset" });
  });

  it("a timeout holds the response past the client's socket timeout; the SDK gives up and the operation was not applied", async () => {
    const before = aws.elbv2.trustStore(arn)!.revocations.length;
    aws.faults.inject({ service: "elbv2", operation: "AddTrustStoreRevocations", kind: "timeout", delayMs: 2000 });
    const client = new ElasticLoadBalancingV2Client({ ...aws.clientConfig(aws.elbv2Endpoint), maxAttempts: 1, requestHandler: new NodeHttpHandler({ socketTimeout: 300 }) });
    const started = Date.now();
    const err = await awsError(addCrl(client));
    expect(err.name).toBe("TimeoutError");
    expect(err.message).toContain("timed out after 300 ms");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(aws.elbv2.trustStore(arn)!.revocations.length).toBe(before);
    expect(aws.faults.pending()).toEqual([]);
  });

  it("an unsigned request is refused with MissingAuthenticationToken in an ErrorResponse", async () => {
    const res = await fetch(aws.elbv2Endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=DescribeTrustStores&Version=2015-12-01",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code>/);
  });
});

describe("S3 and ACM faults", () => {
  it("S3 500s are retried by the SDK; SlowDown is seen with one attempt; the fetch ELBv2 makes is not affected", async () => {
    aws.faults.inject({ service: "s3", operation: "PutObject", kind: "http500", times: 2 });
    const { s3 } = awsClients(aws, { maxAttempts: 3 });
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "retried.txt", Body: "ok" }));
    expect(put.$metadata.attempts).toBe(3);

    aws.faults.inject({ service: "s3", kind: "throttle" });
    const err = await awsError(awsClients(aws, { maxAttempts: 1 }).s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "retried.txt" })));
    expect(err.name).toBe("SlowDown");
    expect(err.$metadata?.httpStatusCode).toBe(503);

    aws.faults.inject({ service: "s3", kind: "http500", times: 5 });
    await addCrl(awsClients(aws, { maxAttempts: 1 }).elbv2);
    expect(aws.faults.pending()).toMatchObject([{ service: "s3", times: 5 }]);
  });

  it("ACM throttling is ThrottlingException and a reset is a network error", async () => {
    const { acm } = awsClients(aws, { maxAttempts: 1 });
    aws.faults.inject({ service: "acm", operation: "ListCertificates", kind: "throttle" });
    expect((await awsError(acm.send(new ListCertificatesCommand({})))).name).toBe("ThrottlingException");
    aws.faults.inject({ service: "acm", kind: "reset" });
    expect((await awsError(acm.send(new ListCertificatesCommand({})))).message).toMatch(/ECONNRESET|socket hang up/);
    expect((await acm.send(new ListCertificatesCommand({}))).CertificateSummaryList).toEqual([]);
  });
});
