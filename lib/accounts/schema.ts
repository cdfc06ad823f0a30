import { z } from "zod";

// RFC 1123 host names, optionally with a leading wildcard label.
export const hostnameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, "Host names use letters, digits, hyphens and dots (e.g. www.example.local).");

export const accountKindSchema = z.enum(["user", "server"]);

export const accountNameSchema = z
  .string()
  .trim()
  .min(1, "Enter the account's user ID or server name.")
  .max(128, "Use at most 128 characters.")
  .regex(/^[A-Za-z0-9._@-]+$/, "Use letters, digits and . _ @ - only (it becomes part of URLs and certificate subjects).");

export const displayNameSchema = z.string().trim().max(200, "Use at most 200 characters for the display name.");
export const emailSchema = z.union([z.literal(""), z.string().trim().toLowerCase().email("Enter a valid e-mail address.")]);
/** The UA password rule (an account's, a registration application's). */
export const UA_PASSWORD_MIN = 8;
export const UA_PASSWORD_MAX = 256;
const uaPasswordSchema = z.union([z.literal(""), z.string().min(UA_PASSWORD_MIN, "The UA password needs at least 8 characters.").max(UA_PASSWORD_MAX)]);

export const createAccountSchema = z
  .object({
    kind: accountKindSchema,
    name: accountNameSchema,
    displayName: displayNameSchema.optional().transform((v) => v || undefined),
    email: emailSchema.optional().transform((v) => v || undefined),
    hostnames: z.array(hostnameSchema).max(100).default([]),
    uaPassword: uaPasswordSchema.optional().transform((v) => v || undefined),
  })
  .superRefine((a, ctx) => {
    if (a.kind === "server" && a.hostnames.length === 0) {
      // A server account without a host name could never get a usable server certificate.
      ctx.addIssue({ code: "custom", path: ["hostnames"], message: "A server account needs at least one host name." });
    }
    if (a.kind === "user" && a.hostnames.length > 0) {
      ctx.addIssue({ code: "custom", path: ["hostnames"], message: "Only server accounts carry host names." });
    }
  });

export type CreateAccountInput = z.input<typeof createAccountSchema>;

/** Splits a textarea / comma list of host names. */
export function splitHostnames(text: string | null | undefined): string[] {
  return (text ?? "").split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * A partial edit (PATCH): only the keys present change. An empty display name or e-mail
 * clears it; the UA password is replaced when given (it is never read back). The user ID
 * is not editable: it is in issued subjects and in the audit trail.
 */
export const updateAccountSchema = z
  .object({
    displayName: displayNameSchema.optional(),
    email: emailSchema.optional(),
    hostnames: z.array(hostnameSchema).max(100, "Use at most 100 host names.").optional(),
    uaPassword: z.string().min(8, "The UA password needs at least 8 characters.").max(256).optional(),
  })
  .strict();

export type UpdateAccountInput = z.input<typeof updateAccountSchema>;

export const deleteCertificatesChoiceSchema = z.enum(["revoke", "keep"], {
  error: 'Say what happens to the account\'s certificates: "revoke" (reason cessationOfOperation) or "keep" (they stay valid and listed).',
});
export type DeleteCertificatesChoice = z.infer<typeof deleteCertificatesChoiceSchema>;
