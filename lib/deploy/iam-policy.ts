import { normalizePrefix } from "./bundle";

export interface PolicyTarget {
  region: string;
  bucket: string;
  keyPrefix: string;
  trustStoreArn: string | null;
  trustStoreName: string | null;
}

/**
 * The least-privilege IAM policy for one target (the seed's §2.5.1, extended to what Inkan
 * calls): objects under the prefix only, trust-store writes on that trust store only.
 * Before the store exists its ARN is unknown, so the resource is the name's ARN pattern.
 */
export function iamPolicyFor(target: PolicyTarget): Record<string, unknown> {
  const prefix = normalizePrefix(target.keyPrefix);
  const trustStore = target.trustStoreArn
    ?? `arn:aws:elasticloadbalancing:${target.region}:*:truststore/${target.trustStoreName ?? "*"}/*`;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        // HeadObject is authorised by s3:GetObject. Without s3:ListBucket a missing key answers
        // 403 instead of 404, which ensureObject treats as "not there yet".
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
        ],
        Resource: [trustStore],
      },
      {
        // ELB's Describe* actions have no resource type in the Service Authorization Reference
        // (no resource-level permissions): a statement naming an ARN would never match them.
        Sid: "InkanDescribeTrustStores",
        Effect: "Allow",
        Action: ["elasticloadbalancing:DescribeTrustStores", "elasticloadbalancing:DescribeTrustStoreRevocations"],
        Resource: ["*"],
      },
      {
        // Every target can carry an ACM import (the certificate page offers all targets), and
        // the first import must not be denied, so the statement is always there; the page says
        // it may be removed when this target is never used for ACM.
        Sid: "InkanAcmImport",
        Effect: "Allow",
        Action: ["acm:ImportCertificate"],
        Resource: [`arn:aws:acm:${target.region}:*:certificate/*`],
      },
    ],
  };
}

export function iamPolicyJson(target: PolicyTarget): string {
  return JSON.stringify(iamPolicyFor(target), null, 2);
}
