import { normalizePrefix } from "./bundle";

export interface PolicyTarget {
  region: string;
  bucket: string;
  keyPrefix: string;
  trustStoreArn: string | null;
  trustStoreName: string | null;
  /** Include acm:ImportCertificate (the target is used for ACM imports). */
  acm: boolean;
}

/**
 * The least-privilege IAM policy for one target (the seed's §2.5.1, extended to what Inkan
 * calls): objects under the prefix only, trust-store actions on that trust store only.
 * Before the store exists its ARN is unknown, so the resource is the name's ARN pattern.
 */
export function iamPolicyFor(target: PolicyTarget): Record<string, unknown> {
  const prefix = normalizePrefix(target.keyPrefix);
  const trustStore = target.trustStoreArn
    ?? `arn:aws:elasticloadbalancing:${target.region}:*:truststore/${target.trustStoreName ?? "*"}/*`;
  const statements: Record<string, unknown>[] = [
    {
      Sid: "InkanBundleAndCrlObjects",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:GetObject"],
      Resource: [`arn:aws:s3:::${target.bucket}/${prefix}*`],
    },
    {
      Sid: "InkanTrustStore",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:CreateTrustStore",
        "elasticloadbalancing:ModifyTrustStore",
        "elasticloadbalancing:AddTrustStoreRevocations",
        "elasticloadbalancing:RemoveTrustStoreRevocations",
        "elasticloadbalancing:DescribeTrustStoreRevocations",
      ],
      Resource: [trustStore],
    },
    {
      // Describe* actions do not support resource-level permissions in ELB.
      Sid: "InkanDescribeTrustStores",
      Effect: "Allow",
      Action: ["elasticloadbalancing:DescribeTrustStores"],
      Resource: ["*"],
    },
  ];
  if (target.acm) {
    statements.push({
      Sid: "InkanAcmImport",
      Effect: "Allow",
      Action: ["acm:ImportCertificate"],
      Resource: [`arn:aws:acm:${target.region}:*:certificate/*`],
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

export function iamPolicyJson(target: PolicyTarget): string {
  return JSON.stringify(iamPolicyFor(target), null, 2);
}
