import { describe, expect, it } from "vitest";
import { iamPolicyFor, iamPolicyJson } from "./iam-policy";

const base = { region: "ap-northeast-1", bucket: "inkan-trust", keyPrefix: "inkan/alb", trustStoreArn: "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:truststore/inkan/0123456789abcdef", trustStoreName: null };

type Statement = { Sid: string; Resource: string[]; Action: string[] };
const statements = (target: Parameters<typeof iamPolicyFor>[0]) => (iamPolicyFor(target) as { Statement: Statement[] }).Statement;

describe("least-privilege IAM policy", () => {
  it("allows object access under the prefix only, trust-store writes on that store only, Describe* on any resource", () => {
    expect(iamPolicyFor(base)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "InkanBundleAndCrlObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: ["arn:aws:s3:::inkan-trust/inkan/alb/*"] },
        {
          Sid: "InkanTrustStore", Effect: "Allow",
          Action: [
            "elasticloadbalancing:CreateTrustStore", "elasticloadbalancing:ModifyTrustStore", "elasticloadbalancing:AddTrustStoreRevocations",
            "elasticloadbalancing:RemoveTrustStoreRevocations",
          ],
          Resource: [base.trustStoreArn],
        },
        {
          Sid: "InkanDescribeTrustStores", Effect: "Allow",
          Action: ["elasticloadbalancing:DescribeTrustStores", "elasticloadbalancing:DescribeTrustStoreRevocations"],
          Resource: ["*"],
        },
        { Sid: "InkanAcmImport", Effect: "Allow", Action: ["acm:ImportCertificate"], Resource: ["arn:aws:acm:ap-northeast-1:*:certificate/*"] },
      ],
    });
  });

  it("grants every Describe action only with Resource \"*\" (ELB Describe* has no resource-level permissions)", () => {
    const describes = statements(base).filter((s) => s.Action.some((a) => a.startsWith("elasticloadbalancing:Describe")));
    expect(describes.map((s) => s.Resource)).toEqual([["*"]]);
    expect(statements(base).filter((s) => !s.Resource.includes("*")).flatMap((s) => s.Action).filter((a) => a.includes(":Describe"))).toEqual([]);
  });

  it("allows the first ACM import of a target that has none yet", () => {
    const acm = statements(base).find((s) => s.Action.includes("acm:ImportCertificate"));
    expect(acm?.Resource).toEqual(["arn:aws:acm:ap-northeast-1:*:certificate/*"]);
  });

  it("names the store to be created by its ARN pattern, with no wildcard action", () => {
    const policy = statements({ ...base, trustStoreArn: null, trustStoreName: "inkan-ts", keyPrefix: "" });
    expect(policy[0].Resource).toEqual(["arn:aws:s3:::inkan-trust/*"]);
    expect(policy[1].Resource).toEqual(["arn:aws:elasticloadbalancing:ap-northeast-1:*:truststore/inkan-ts/*"]);
    expect(policy.flatMap((s) => s.Action).some((a) => a.endsWith(":*") || a === "*")).toBe(false);
  });

  it("is valid, pretty JSON", () => {
    expect(JSON.parse(iamPolicyJson(base))).toEqual(iamPolicyFor(base));
    expect(iamPolicyJson(base)).toContain('\n  "Statement"');
  });
});
