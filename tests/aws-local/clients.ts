// Real AWS SDK clients pointed at the local endpoints.
import { ACMClient } from "@aws-sdk/client-acm";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { LocalAws } from "../support/aws-local";

export interface ClientOptions {
  maxAttempts?: number;
}

export function awsClients(aws: LocalAws, options: ClientOptions = {}) {
  return {
    s3: new S3Client({ ...aws.clientConfig(aws.s3Endpoint), forcePathStyle: true, ...options }),
    elbv2: new ElasticLoadBalancingV2Client({ ...aws.clientConfig(aws.elbv2Endpoint), ...options }),
    acm: new ACMClient({ ...aws.clientConfig(aws.acmEndpoint), ...options }),
  };
}

export async function putObject(s3: S3Client, bucket: string, key: string, body: string | Buffer): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

/** The error a rejected promise carries, for asserting its AWS name and HTTP status. */
export async function awsError(promise: Promise<unknown>): Promise<{ name: string; message: string; $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (e) {
    return e as { name: string; message: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
  }
  throw new Error("expected the AWS call to fail, but it succeeded");
}
