import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddTrustStoreRevocationsCommand,
  CreateTrustStoreCommand,
  DescribeTrustStoreRevocationsCommand,
  DescribeTrustStoresCommand,
  GetTrustStoreRevocationContentCommand,
  RemoveTrustStoreRevocationsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { normalizeSerial, startLocalAws, type LocalAws } from "../support/aws-local";
import { awsClients, awsError, putObject } from "./clients";
import { OpensslFixtures, type TestCa } from "./openssl-fixtures";

const BUCKET = "inkan-trust";
let aws: LocalAws;
let fx: OpensslFixtures;
let ca: TestCa;
let clients: ReturnType<typeof awsClients>;

beforeAll(async () => {
  aws = await startLocalAws({ buckets: [BUCKET] });
  fx = new OpensslFixtures();
  ca = fx.ca("Revocations Test CA");
  clients = awsClients(aws, { maxAttempts: 1 });
  await putObject(clients.s3, BUCKET, "ca/bundle.pem", ca.certPem);
});

afterAll(async () => {
  await aws?.stop();
  fx?.cleanup();
});

let storeCount = 0;
async function newTrustStore(): Promise<string> {
  const out = await clients.elbv2.send(new CreateTrustStoreCommand({ Name: `revocations-${++storeCount}`, CaCertificatesBundleS3Bucket: BUCKET, CaCertificatesBundleS3Key: "ca/bundle.pem" }));
  return out.TrustStores![0].TrustStoreArn!;
}

async function uploadCrl(key: string, serials: string[]): Promise<Buffer> {
  const pem = fx.crl(ca, serials);
  await putObject(clients.s3, BUCKET, key, pem);
  return pem;
}

const add = (arn: string, ...keys: string[]) =>
  clients.elbv2.send(new AddTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationContents: keys.map((k) => ({ S3Bucket: BUCKET, S3Key: k, RevocationType: "CRL" })) }));

describe("AddTrustStoreRevocations", () => {
  it("counts NumberOfRevokedEntries from the CRL it fetches, agreeing with openssl crl -text", async () => {
    const arn = await newTrustStore();
    const serials = ["01", "0A", "7F", "80", "00FF", "1234567890ABCDEF", "00C0FFEE"];
    const pem = await uploadCrl("crl/count.pem", serials);
    const out = await add(arn, "crl/count.pem");

    expect(out.TrustStoreRevocations).toEqual([{ TrustStoreArn: arn, RevocationId: 1, RevocationType: "CRL", NumberOfRevokedEntries: 7 }]);
    const state = aws.elbv2.trustStore(arn)!;
    expect(state.revocations[0].serials.sort()).toEqual(fx.opensslSerials(pem).sort());
    expect(state.revocations[0].serials.sort()).toEqual(["1", "A", "7F", "80", "FF", "1234567890ABCDEF", "C0FFEE"].sort());
    const described = await clients.elbv2.send(new DescribeTrustStoresCommand({ TrustStoreArns: [arn] }));
    expect(described.TrustStores![0].TotalRevokedEntries).toBe(7);
  });

  it("counts a CRL of thousands of entries (multi-byte DER lengths) exactly as openssl does", async () => {
    const arn = await newTrustStore();
    const serials = Array.from({ length: 3000 }, (_, i) => (0x10000 + i * 7919).toString(16));
    const pem = await uploadCrl("crl/large.pem", serials);
    const out = await add(arn, "crl/large.pem");
    expect(out.TrustStoreRevocations![0].NumberOfRevokedEntries).toBe(3000);
    expect(new Set(aws.elbv2.trustStore(arn)!.revocations[0].serials)).toEqual(new Set(fx.opensslSerials(pem)));
    expect(aws.elbv2.trustStore(arn)!.revocations[0].serials).toContain(normalizeSerial(serials[1]));
  });

  it("accepts a CRL with no revoked certificates and counts zero", async () => {
    const arn = await newTrustStore();
    await uploadCrl("crl/empty.pem", []);
    const out = await add(arn, "crl/empty.pem");
    expect(out.TrustStoreRevocations![0].NumberOfRevokedEntries).toBe(0);
  });

  it("fails with RevocationContentNotFound when the S3 object does not exist", async () => {
    const arn = await newTrustStore();
    const err = await awsError(add(arn, "crl/missing.pem"));
    expect(err.name).toBe("RevocationContentNotFoundException");
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(err.message).toContain("s3://inkan-trust/crl/missing.pem");
  });

  it("refuses a DER CRL, garbage, a certificate, and a truncated or padded PEM CRL with InvalidRevocationContent", async () => {
    const arn = await newTrustStore();
    await putObject(clients.s3, BUCKET, "crl/der.crl", fx.crl(ca, ["05"], "DER"));
    await putObject(clients.s3, BUCKET, "crl/garbage.pem", "not a crl at all\n");
    const pem = fx.crl(ca, ["05", "06"]).toString();
    const body = pem.split("\n").slice(1, -2).join("");
    const truncated = `-----BEGIN X509 CRL-----\n${Buffer.from(body, "base64").subarray(0, 60).toString("base64")}\n-----END X509 CRL-----\n`;
    await putObject(clients.s3, BUCKET, "crl/truncated.pem", truncated);
    await putObject(clients.s3, BUCKET, "crl/cert-not-crl.pem", ca.certPem);
    const padded = Buffer.concat([Buffer.from(body, "base64"), Buffer.from([0])]).toString("base64");
    await putObject(clients.s3, BUCKET, "crl/trailing-byte.pem", `-----BEGIN X509 CRL-----\n${padded}\n-----END X509 CRL-----\n`);

    const expected: Record<string, string> = {
      "crl/der.crl": "-----BEGIN X509 CRL-----",
      "crl/garbage.pem": "-----BEGIN X509 CRL-----",
      "crl/cert-not-crl.pem": "-----BEGIN X509 CRL-----",
      "crl/truncated.pem": "cannot be parsed",
      "crl/trailing-byte.pem": "trailing bytes",
    };
    for (const [key, why] of Object.entries(expected)) {
      const err = await awsError(add(arn, key));
      expect(err.name, key).toBe("InvalidRevocationContentException");
      expect(err.message, key).toContain(why);
    }
    expect(aws.elbv2.trustStore(arn)!.revocations).toEqual([]);
  });

  it("is all or nothing: one missing file among several adds none", async () => {
    const arn = await newTrustStore();
    await uploadCrl("crl/ok.pem", ["01"]);
    const before = aws.elbv2.history().length;
    const err = await awsError(add(arn, "crl/ok.pem", "crl/nope.pem"));
    expect(err.name).toBe("RevocationContentNotFoundException");
    expect(aws.elbv2.trustStore(arn)!.revocations).toEqual([]);
    expect(aws.elbv2.history().length).toBe(before);
  });

  it("fails with TrustStoreNotFound for an unknown trust store", async () => {
    const arn = await newTrustStore();
    const unknown = arn.replace(/\/[0-9a-f]+$/, "/0000000000000000");
    const err = await awsError(add(unknown, "crl/ok.pem"));
    expect(err.name).toBe("TrustStoreNotFoundException");
  });

  it("refuses a 31st revocation file per trust store with TooManyTrustStoreRevocationEntries", async () => {
    const arn = await newTrustStore();
    await uploadCrl("crl/one.pem", ["01"]);
    for (let i = 0; i < 30; i++) await add(arn, "crl/one.pem");
    const err = await awsError(add(arn, "crl/one.pem"));
    expect(err.name).toBe("TooManyTrustStoreRevocationEntriesException");
    expect(err.message).toContain("30 revocation files");
    expect(aws.elbv2.trustStore(arn)!.revocations).toHaveLength(30);
  });
});

describe("quotas that need a lowered limit", () => {
  it("refuses revoked entries beyond the per-trust-store quota and files over the size quota", async () => {
    const small = await startLocalAws({ buckets: [BUCKET], limits: { maxRevokedEntriesPerTrustStore: 5, maxRevocationFileBytes: 1000 } });
    try {
      const c = awsClients(small, { maxAttempts: 1 });
      await putObject(c.s3, BUCKET, "ca/bundle.pem", ca.certPem);
      const arn = (await c.elbv2.send(new CreateTrustStoreCommand({ Name: "quota", CaCertificatesBundleS3Bucket: BUCKET, CaCertificatesBundleS3Key: "ca/bundle.pem" }))).TrustStores![0].TrustStoreArn!;
      await putObject(c.s3, BUCKET, "three.pem", fx.crl(ca, ["01", "02", "03"]));
      const big = fx.crl(ca, Array.from({ length: 40 }, (_, i) => (i + 16).toString(16)));
      expect(big.length).toBeGreaterThan(1000);
      await putObject(c.s3, BUCKET, "big.pem", big);
      const addKey = (key: string) => c.elbv2.send(new AddTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationContents: [{ S3Bucket: BUCKET, S3Key: key, RevocationType: "CRL" }] }));

      await addKey("three.pem");
      const tooMany = await awsError(addKey("three.pem"));
      expect(tooMany.name).toBe("TooManyTrustStoreRevocationEntriesException");
      expect(tooMany.message).toContain("at most 5 revoked entries");
      const tooBig = await awsError(addKey("big.pem"));
      expect(tooBig.name).toBe("InvalidRevocationContentException");
      expect(tooBig.message).toContain("1000-byte quota");
    } finally {
      await small.stop();
    }
  });
});

describe("revocation IDs and the other revocation operations", () => {
  it("increase and are never reused after a removal", async () => {
    const arn = await newTrustStore();
    await uploadCrl("crl/ids.pem", ["01"]);
    const first = (await add(arn, "crl/ids.pem", "crl/ids.pem")).TrustStoreRevocations!.map((r) => r.RevocationId);
    expect(first).toEqual([1, 2]);
    await clients.elbv2.send(new RemoveTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationIds: [2] }));
    const next = (await add(arn, "crl/ids.pem")).TrustStoreRevocations![0].RevocationId;
    expect(next).toBe(3);
  });

  it("describe lists, filters and pages revocations, and GetTrustStoreRevocationContent returns the CRL", async () => {
    const arn = await newTrustStore();
    const pem = await uploadCrl("crl/describe.pem", ["0B", "0C"]);
    await add(arn, "crl/describe.pem", "crl/describe.pem", "crl/describe.pem");

    const all = await clients.elbv2.send(new DescribeTrustStoreRevocationsCommand({ TrustStoreArn: arn }));
    expect(all.TrustStoreRevocations!.map((r) => [r.RevocationId, r.NumberOfRevokedEntries, r.RevocationType])).toEqual([[1, 2, "CRL"], [2, 2, "CRL"], [3, 2, "CRL"]]);
    const one = await clients.elbv2.send(new DescribeTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationIds: [2] }));
    expect(one.TrustStoreRevocations!.map((r) => r.RevocationId)).toEqual([2]);
    const page1 = await clients.elbv2.send(new DescribeTrustStoreRevocationsCommand({ TrustStoreArn: arn, PageSize: 2 }));
    expect(page1.TrustStoreRevocations).toHaveLength(2);
    const page2 = await clients.elbv2.send(new DescribeTrustStoreRevocationsCommand({ TrustStoreArn: arn, PageSize: 2, Marker: page1.NextMarker }));
    expect(page2.TrustStoreRevocations!.map((r) => r.RevocationId)).toEqual([3]);
    expect(page2.NextMarker).toBeUndefined();

    const content = await clients.elbv2.send(new GetTrustStoreRevocationContentCommand({ TrustStoreArn: arn, RevocationId: 3 }));
    const fetched = await fetch(content.Location!);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(pem)).toBe(true);
  });

  it("fails with RevocationIdNotFound on remove, describe and get-content of an unknown ID, removing nothing", async () => {
    const arn = await newTrustStore();
    await uploadCrl("crl/rid.pem", ["01"]);
    await add(arn, "crl/rid.pem");
    for (const call of [
      () => clients.elbv2.send(new RemoveTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationIds: [1, 99] })),
      () => clients.elbv2.send(new DescribeTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationIds: [99] })),
      () => clients.elbv2.send(new GetTrustStoreRevocationContentCommand({ TrustStoreArn: arn, RevocationId: 99 })),
    ]) {
      const err = await awsError(call());
      expect(err.name).toBe("RevocationIdNotFoundException");
    }
    expect(aws.elbv2.trustStore(arn)!.revocations.map((r) => r.id)).toEqual([1]);
  });
});

describe("history", () => {
  it("records every state so a rotation can be checked for a gap in the revoked serials", async () => {
    const arn = await newTrustStore();
    await uploadCrl("crl/v1.pem", ["0A"]);
    await uploadCrl("crl/v2.pem", ["0A", "0B"]);
    const v1 = (await add(arn, "crl/v1.pem")).TrustStoreRevocations![0].RevocationId!;
    await add(arn, "crl/v2.pem");
    await clients.elbv2.send(new RemoveTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationIds: [v1] }));

    const states = aws.elbv2.history().filter((c) => c.trustStoreArn === arn);
    expect(states.map((c) => c.operation)).toEqual(["CreateTrustStore", "AddTrustStoreRevocations", "AddTrustStoreRevocations", "RemoveTrustStoreRevocations"]);
    expect(states.map((c) => c.seq)).toEqual([...states.map((c) => c.seq)].sort((a, b) => a - b));
    const listsSerial = (serial: string) => (c: (typeof states)[number]) => c.state!.revocations.some((r) => r.serials.includes(serial));
    expect(states.slice(1).every(listsSerial("A"))).toBe(true);
    expect(states.slice(2).every(listsSerial("B"))).toBe(true);

    // The wrong order (remove before add) would leave a moment without serial A: the history shows it.
    await clients.elbv2.send(new RemoveTrustStoreRevocationsCommand({ TrustStoreArn: arn, RevocationIds: [2] }));
    await add(arn, "crl/v2.pem");
    const after = aws.elbv2.history().filter((c) => c.trustStoreArn === arn);
    expect(after.slice(1).every(listsSerial("A"))).toBe(false);
  });
});
