import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { startLocalAws, type LocalAws } from "../support/aws-local";
import { awsClients, awsError } from "./clients";

let aws: LocalAws;
let s3: ReturnType<typeof awsClients>["s3"];

beforeAll(async () => {
  aws = await startLocalAws({ buckets: ["preset"] });
  s3 = awsClients(aws, { maxAttempts: 1 }).s3;
});

afterAll(async () => {
  await aws?.stop();
});

const text = async (bucket: string, key: string) => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();

describe("S3 through s3rver with the real client (path-style)", () => {
  it("creates a bucket, puts, heads, lists, gets and deletes objects", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "made-by-sdk" }));
    await s3.send(new PutObjectCommand({ Bucket: "made-by-sdk", Key: "inkan/ca/bundle.pem", Body: "-----BEGIN CERTIFICATE-----\n", ContentType: "application/x-pem-file" }));
    await s3.send(new PutObjectCommand({ Bucket: "made-by-sdk", Key: "inkan/crl/1.pem", Body: Buffer.from([0, 1, 2, 255]) }));

    expect(await text("made-by-sdk", "inkan/ca/bundle.pem")).toBe("-----BEGIN CERTIFICATE-----\n");
    const head = await s3.send(new HeadObjectCommand({ Bucket: "made-by-sdk", Key: "inkan/crl/1.pem" }));
    expect(head.ContentLength).toBe(4);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "made-by-sdk", Prefix: "inkan/" }));
    expect(listed.Contents!.map((o) => o.Key).sort()).toEqual(["inkan/ca/bundle.pem", "inkan/crl/1.pem"]);

    await s3.send(new DeleteObjectCommand({ Bucket: "made-by-sdk", Key: "inkan/crl/1.pem" }));
    const gone = await awsError(s3.send(new GetObjectCommand({ Bucket: "made-by-sdk", Key: "inkan/crl/1.pem" })));
    expect(gone.name).toBe("NoSuchKey");
  });

  it("stores a streamed upload (aws-chunked with a trailing checksum) byte for byte", async () => {
    const body = Buffer.alloc(200_000, "x");
    await s3.send(new PutObjectCommand({ Bucket: "preset", Key: "stream.bin", Body: Readable.from([body.subarray(0, 70_000), body.subarray(70_000)]), ContentLength: body.length }));
    const got = await s3.send(new GetObjectCommand({ Bucket: "preset", Key: "stream.bin" }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it("answers NoSuchBucket for a bucket that does not exist", async () => {
    const err = await awsError(s3.send(new PutObjectCommand({ Bucket: "no-such-bucket", Key: "k", Body: "x" })));
    expect(err.name).toBe("NoSuchBucket");
  });

  it("refuses a request without an Authorization header", async () => {
    const res = await fetch(`${aws.s3Endpoint}/preset/stream.bin`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<Code>AccessDenied</Code>");
  });
});
