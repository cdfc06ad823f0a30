import { describe, expect, it } from "vitest";
import { iamPolicyFor, iamPolicyJson } from "./iam-policy";

const base = { region: "ap-northeast-1", bucket: "inkan-trust", keyPrefix: "inkan/alb", trustStoreArn: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:truststore/inkan/0123456789abcdef", trustStoreName: null, acm: false };

describe("least-privilege IAM policy", () => {
  it("allows object access under the prefix only and trust-store actions on that store only", () => {
    expect(iamPolicyFor(base)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "InkanBundleAndCrlObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: ["arn:aws:s3:::inkan-trust/inkan/alb/*"] },
        {
          Sid: "InkanTrustStore", Effect: "Allow",
          Action: [
            "elasticloadbalancing:CreateTrustStore", "elasticloadbalancing:ModifyTrustStore", "elasticloadbalancing:AddTrustStoreRevocations",
            "elasticloadbalancing:RemoveTrustStoreRevocations", "elasticloadbalancing:DescribeTrustStoreRevocations",
          ],
          Resource: [base.trustStoreArn],
        },
        { Sid: "InkanDescribeTrustStores", Effect: "Allow", Action: ["elasticloadbalancing:DescribeTrustStores"], Resource: ["*"] },
      ],
    });
  });

  it("names the store to be created by its ARN pattern, and adds ACM import when used", () => {
    const policy = iamPolicyFor({ ...base, trustStoreArn: null, trustStoreName: "inkan-ts", acm: true, keyPrefix: "" }) as { Statement: Array<{ Sid: string; Resource: string[]; Action: string[] }> };
    expect(policy.Statement[0].Resource).toEqual(["arn:aws:s3:::inkan-trust/*"]);
    expect(policy.Statement[1].Resource).toEqual(["arn:aws:elasticloadbalancing:ap-northeast-1:*:truststore/inkan-ts/*"]);
    expect(policy.Statement.at(-1)).toEqual({ Sid: "InkanAcmImport", Effect: "Allow", Action: ["acm:ImportCertificate"], Resource: ["arn:aws:acm:ap-northeast-1:*:certificate/*"] });
    expect(policy.Statement.flatMap((s) => s.Action).some((a) => a.endsWith(":*") || a === "*")).toBe(false);
  });

  it("is valid, pretty JSON", () => {
    expect(JSON.parse(iamPolicyJson(base))).toEqual(iamPolicyFor(base));
    expect(iamPolicyJson(base)).toContain('\n  "Statement"');
  });
});
