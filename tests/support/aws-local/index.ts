// A local, faithful stand-in for the three AWS services the deploy feature calls (issue 5).
// AWS cannot be reached from here, so tests run the REAL @aws-sdk clients against it.
//
// Harness API (stable; lib/deploy tests depend on it):
//
//   import { startLocalAws } from "../support/aws-local";
//   const aws = await startLocalAws();   // s3rver + ELBv2 + ACM on 127.0.0.1 random ports, temp dir
//   // options: startLocalAws({ buckets?: string[], now?: () => Date, limits?: Partial<ElbLimits>,
//   //                          trustStoreCreatingDescribes?: number, region?, accountId?,
//   //                          s3ListBucket?: boolean (default true) })
//   //   s3ListBucket: false acts as S3 does for a caller without s3:ListBucket (the IAM policy
//   //   Inkan generates): HEAD/GET of a missing key is 403, not 404; ListObjects is denied.
//   aws.s3Endpoint, aws.elbv2Endpoint, aws.acmEndpoint   // "http://127.0.0.1:PORT"
//   aws.region ("ap-northeast-1"), aws.accountId ("123456789012"), aws.credentials ({ accessKeyId, secretAccessKey })
//   aws.clientConfig(endpoint)  // { region, endpoint, credentials } to spread into an SDK client;
//                               // S3 also needs forcePathStyle: true. Any credentials work: the
//                               // Authorization header must be present but is never verified.
//
//   aws.faults.inject({ service: "s3"|"elbv2"|"acm", operation?: string, kind: "http500"|"throttle"|"timeout"|"reset",
//                       times?: n (default 1), when?: "before"|"after" (default "before"), delayMs?: n })
//     - hits the next `times` requests of that service (and operation: "AddTrustStoreRevocations",
//       "PutObject", "ImportCertificate", …); faults are consumed in injection order.
//     - when "before": the operation is NOT applied; "after": it IS applied, then the response is
//       lost (AWS did it, the client never heard).
//     - http500: 500 InternalFailure (S3: InternalError); throttle: ELBv2 400 Throttling,
//       ACM 400 ThrottlingException, S3 503 SlowDown; reset: the socket is destroyed;
//       timeout: nothing is sent for delayMs (default 3000), then the socket is destroyed.
//       NB: with @smithy/node-http-handler 4.x, `requestTimeout` only logs a warning unless
//       `throwOnRequestTimeout: true`; `socketTimeout` is what makes the client give up.
//     - S3 faults hit the SDK's S3 calls only; ELBv2 reads bundles and CRLs from S3 directly.
//   aws.faults.pending()   // faults not yet consumed;  aws.faults.clear()
//   aws.calls()            // every API request seen, in order: [{ service, operation, status, fault? }]
//
//   aws.elbv2.history()    // every state change of every trust store, in order (for the no-gap assertion):
//                          // [{ seq, operation, trustStoreArn, state: TrustStoreState | null (deleted) }]
//                          // operation: the API call, or "TrustStoreActive" when a CREATING store turns ACTIVE
//   aws.elbv2.trustStore(arnOrName)   // current TrustStoreState or undefined:
//                          // { name, arn, status, bundle (PEM), numberOfCaCertificates, totalRevokedEntries,
//                          //   revocations: [{ id, bucket, key, entries, serials }] }
//                          // serials: uppercase hex without leading zeros — compare with normalizeSerial(x)
//   aws.elbv2.trustStores()
//   aws.acm.certificate(arn)   // { arn, certificate, chain?, privateKey, keyAlgorithm, importedAt, importCount } | undefined
//   aws.acm.certificates()
//   await aws.stop()           // closes the servers and removes the temp dir
//
// Behaviour (as the AWS API references document it): the bundle and CRLs are fetched from S3 at
// call time (S3ObjectVersion is ignored: s3rver has no versions); a bundle is PEM CA certificates
// only, no blank lines, ≤ 25 of ≤ 16 KB each; a CRL is one PEM X509 CRL ≤ 50 MB whose entries are
// counted by our own DER walk (its signature is not verified); ≤ 30 revocation files and ≤ 500,000
// revoked entries per trust store (TooManyTrustStoreRevocationEntries); ≤ 100 trust stores;
// RevocationIds count up per trust store from 1 and are never reused; Add/Remove are all or nothing.
// ACM: ListCertificates without Includes.keyTypes lists only RSA_1024/RSA_2048, as in AWS.
//
// State lives in memory for the life of the harness, so a client that "crashes" between calls
// simply stops calling; the next client sees everything the previous one left behind.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AcmCertificates, acmHandler, type AcmCertificateState } from "./acm";
import { elbv2Handler } from "./elbv2";
import { Faults, type CallRecord } from "./faults";
import { AWS_ELB_LIMITS, type ElbLimits } from "./limits";
import { startS3 } from "./s3";
import { startService } from "./server";
import { TrustStores, type TrustStoreChange, type TrustStoreState } from "./trust-stores";

export type { CallRecord, FaultKind, FaultSpec, PendingFault, ServiceName } from "./faults";
export type { ElbLimits } from "./limits";
export { AWS_ELB_LIMITS } from "./limits";

/** A serial number in the form the harness reports: uppercase hex, no colons, no leading zeros. */
export function normalizeSerial(serial: string | bigint): string {
  const hex = typeof serial === "bigint" ? serial.toString(16) : serial.replace(/[:\s]/g, "");
  return hex.toUpperCase().replace(/^0+(?=.)/, "");
}
export type { RevocationState, TrustStoreChange, TrustStoreState } from "./trust-stores";
export type { AcmCertificateState } from "./acm";

export interface LocalAwsOptions {
  /** Buckets that exist from the start (tests may also CreateBucket through the SDK). */
  buckets?: string[];
  /** ACM's clock for "currently valid" and EXPIRED. */
  now?: () => Date;
  limits?: Partial<ElbLimits>;
  /** false: S3 answers as for a caller without s3:ListBucket (a missing key is 403, not 404). */
  s3ListBucket?: boolean;
  /** How many DescribeTrustStores calls report CREATING after CreateTrustStore (default 0). */
  trustStoreCreatingDescribes?: number;
  region?: string;
  accountId?: string;
}

export interface LocalAws {
  region: string;
  accountId: string;
  s3Endpoint: string;
  elbv2Endpoint: string;
  acmEndpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  clientConfig(endpoint: string): { region: string; endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  faults: Pick<Faults, "inject" | "pending" | "clear">;
  calls(): CallRecord[];
  elbv2: {
    history(): TrustStoreChange[];
    trustStore(arnOrName: string): TrustStoreState | undefined;
    trustStores(): TrustStoreState[];
  };
  acm: {
    certificate(arn: string): AcmCertificateState | undefined;
    certificates(): AcmCertificateState[];
  };
  stop(): Promise<void>;
}

export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const region = options.region ?? "ap-northeast-1";
  const accountId = options.accountId ?? "123456789012";
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "inkan-aws-local-"));
  const faults = new Faults();
  const calls: CallRecord[] = [];

  const s3 = await startS3(directory, options.buckets ?? [], { listBucket: options.s3ListBucket ?? true });
  const stores = new TrustStores(
    { region, accountId, limits: { ...AWS_ELB_LIMITS, ...options.limits }, creatingDescribes: options.trustStoreCreatingDescribes ?? 0 },
    s3.getObject,
  );
  const certificates = new AcmCertificates({ region, accountId, now: options.now ?? (() => new Date()) });

  const s3Service = await startService(s3.handler, faults, calls);
  let elbv2Endpoint = "";
  const elbv2Service = await startService(elbv2Handler(stores, () => elbv2Endpoint), faults, calls);
  elbv2Endpoint = elbv2Service.endpoint;
  const acmService = await startService(acmHandler(certificates), faults, calls);

  const credentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
  return {
    region,
    accountId,
    s3Endpoint: s3Service.endpoint,
    elbv2Endpoint,
    acmEndpoint: acmService.endpoint,
    credentials,
    clientConfig: (endpoint) => ({ region, endpoint, credentials }),
    faults,
    calls: () => calls.map((c) => ({ ...c })),
    elbv2: {
      history: () => stores.history(),
      trustStore: (arnOrName) => stores.current(arnOrName),
      trustStores: () => stores.all(),
    },
    acm: {
      certificate: (arn) => certificates.current(arn),
      certificates: () => certificates.all(),
    },
    async stop() {
      await Promise.all([s3Service.close(), elbv2Service.close(), acmService.close()]);
      await s3.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
