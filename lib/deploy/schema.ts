import { z } from "zod";

// Trust store names: up to 32 alphanumerics and hyphens, not starting or ending with a hyphen (ELB rule).
const trustStoreName = z.string().trim().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, "A trust store name is 1–32 letters, digits and hyphens, not starting or ending with a hyphen.");
const endpoint = z.string().trim().url("An endpoint override is a URL such as https://s3.example.com.").optional().or(z.literal("").transform(() => undefined));

// Everything a target holds but its name: what the add form and the edit form share.
const targetFields = z.object({
  region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "A region looks like ap-northeast-1."),
  bucket: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "An S3 bucket name is 3–63 lowercase letters, digits, dots and hyphens."),
  keyPrefix: z.string().trim().max(200, "The key prefix is at most 200 characters.").regex(/^[A-Za-z0-9!_.*'()/-]*$/, "The key prefix may contain letters, digits and !_.*'()/- only.").default(""),
  caSlugs: z.array(z.string().trim().min(1)).min(1, "Choose at least one CA for the bundle.").max(25, "At most 25 CAs fit in an ALB trust store bundle."),
  trustStoreArn: z.string().trim().regex(/^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:truststore\/[A-Za-z0-9-]+\/[A-Za-z0-9]+$/, "A trust store ARN looks like arn:aws:elasticloadbalancing:REGION:ACCOUNT:truststore/NAME/ID.").optional().or(z.literal("").transform(() => undefined)),
  trustStoreName: trustStoreName.optional().or(z.literal("").transform(() => undefined)),
  credentialsMode: z.enum(["DEFAULT", "STORED"]).default("DEFAULT"),
  accessKeyId: z.string().trim().regex(/^[A-Z0-9]{16,128}$/, "An access key ID is 16–128 uppercase letters and digits.").optional().or(z.literal("").transform(() => undefined)),
  secretAccessKey: z.string().min(16, "The secret access key is at least 16 characters.").max(256).optional().or(z.literal("").transform(() => undefined)),
  s3Endpoint: endpoint,
  elbv2Endpoint: endpoint,
  acmEndpoint: endpoint,
});

/** Either an existing trust store's ARN or the name of one to create: what is wrong, by field. */
export function trustStoreChoiceIssues(v: { trustStoreArn?: string; trustStoreName?: string }): Array<{ path: string[]; message: string }> {
  if (!v.trustStoreArn && !v.trustStoreName) return [{ path: ["trustStoreName"], message: "Give an existing trust store ARN, or a name for the trust store Inkan creates." }];
  if (v.trustStoreArn && v.trustStoreName) return [{ path: ["trustStoreArn"], message: "Give either a trust store ARN or a name to create one, not both." }];
  return [];
}

export const deployTargetSchema = targetFields.extend({
  name: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "A target name is lowercase letters, digits and hyphens (at most 63)."),
}).superRefine((v, ctx) => {
  for (const issue of trustStoreChoiceIssues(v)) ctx.addIssue({ code: "custom", ...issue });
  if (v.credentialsMode === "STORED" && (!v.accessKeyId || !v.secretAccessKey)) ctx.addIssue({ code: "custom", path: ["accessKeyId"], message: "A stored access key needs both the access key ID and the secret access key." });
});

/**
 * An edit: the name stays (URLs, the CLI's --target and the audit log use it). The trust store
 * fields and a stored secret may be left out; updateTarget decides against the stored target
 * (the store is fixed once Inkan wrote to it; an empty secret keeps the sealed one).
 */
export const deployTargetUpdateSchema = targetFields.superRefine((v, ctx) => {
  if (v.credentialsMode === "STORED" && !v.accessKeyId) ctx.addIssue({ code: "custom", path: ["accessKeyId"], message: "A stored access key needs its access key ID." });
});

export type DeployTargetInput = z.input<typeof deployTargetSchema>;
export type DeployTargetUpdateInput = z.input<typeof deployTargetUpdateSchema>;

export const DEPLOY_TRIGGERS = ["MANUAL", "SCHEDULE", "REVOCATION", "CLI", "RETRY"] as const;
export type DeployTrigger = (typeof DEPLOY_TRIGGERS)[number];
