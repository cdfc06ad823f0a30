import { S3Client } from "@aws-sdk/client-s3";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ACMClient } from "@aws-sdk/client-acm";
import { openSecret } from "@/lib/secrets";
import { InkanError } from "@/lib/errors";

export interface TargetConnection {
  id: string;
  name: string;
  region: string;
  s3Endpoint: string | null;
  elbv2Endpoint: string | null;
  acmEndpoint: string | null;
  credentialsMode: string;
  accessKeyId: string | null;
  secretKeySealed: Uint8Array | null;
}

export interface AwsClients {
  s3: S3Client;
  elbv2: ElasticLoadBalancingV2Client;
  acm: ACMClient;
  close(): void;
}

/** The page where a target's settings and credentials are changed. */
export const targetEditPath = (name: string) => `/ra/deploy/${encodeURIComponent(name)}/edit`;

export const secretKeyPurpose = (targetId: string) => `deploy-secret-key:${targetId}`;

// A call that hangs (a stalled socket) counts as a retryable failure after this long.
const REQUEST_TIMEOUT_MS = 2_000;

function credentialsOf(target: TargetConnection) {
  if (target.credentialsMode !== "STORED") return undefined; // the SDK's default provider chain
  if (!target.accessKeyId || !target.secretKeySealed) {
    throw new InkanError("VALIDATION", { en: `Deploy target ${target.name} uses a stored access key but none is saved; enter it under RA → Deploy → ${target.name} → Edit target (${targetEditPath(target.name)}), or switch the target to the default provider chain there.`, ja: `デプロイ先 ${target.name} は保存済みのアクセスキーを使う設定ですが、保存されていません。RA → デプロイ → ${target.name} → デプロイ先の編集(${targetEditPath(target.name)})で入力するか、そこでデフォルトのプロバイダチェーンに切り替えてください。` });
  }
  return {
    accessKeyId: target.accessKeyId,
    secretAccessKey: openSecret(target.secretKeySealed, secretKeyPurpose(target.id)).toString("utf8"),
  };
}

/**
 * The three SDK clients for a target. Retries are ours (retry.ts) so that a non-idempotent
 * call is never repeated blindly: the SDK makes exactly one attempt per call.
 */
export function clientsFor(target: TargetConnection, requestTimeoutMs = REQUEST_TIMEOUT_MS): AwsClients {
  const credentials = credentialsOf(target);
  const common = {
    region: target.region,
    maxAttempts: 1,
    requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: requestTimeoutMs, throwOnRequestTimeout: true },
    ...(credentials ? { credentials } : {}),
  };
  const s3 = new S3Client({ ...common, ...(target.s3Endpoint ? { endpoint: target.s3Endpoint, forcePathStyle: true } : {}) });
  const elbv2 = new ElasticLoadBalancingV2Client({ ...common, ...(target.elbv2Endpoint ? { endpoint: target.elbv2Endpoint } : {}) });
  const acm = new ACMClient({ ...common, ...(target.acmEndpoint ? { endpoint: target.acmEndpoint } : {}) });
  return {
    s3, elbv2, acm,
    close() {
      s3.destroy();
      elbv2.destroy();
      acm.destroy();
    },
  };
}
