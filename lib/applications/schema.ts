import { z } from "zod";
import { accountNameSchema, emailSchema, UA_PASSWORD_MAX, UA_PASSWORD_MIN } from "@/lib/accounts";
import type { ApplyField, ApplyFieldProblem } from "./types";

// Messages are keys (ApplyFieldProblem): the public form shows them in the applicant's language.
export const applySchema = z
  .object({
    userId: z.string().trim().min(1, "required").pipe(accountNameSchema),
    displayName: z.string().trim().min(1, "required").max(200, "tooLong"),
    email: z.string().trim().min(1, "required").pipe(emailSchema),
    password: z.string().min(1, "required").min(UA_PASSWORD_MIN, "passwordShort").max(UA_PASSWORD_MAX, "tooLong"),
    confirm: z.string(),
    note: z.string().trim().max(1000, "tooLong").default(""),
  })
  .superRefine((a, ctx) => {
    if (a.password !== a.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "mismatch" });
  });

export type ApplyInput = z.input<typeof applySchema>;

/** zod issues → one problem key per field (the first one). */
export function applyProblems(issues: Array<{ path: PropertyKey[]; message: string; code?: string }>): Partial<Record<ApplyField, ApplyFieldProblem>> {
  const out: Partial<Record<ApplyField, ApplyFieldProblem>> = {};
  for (const i of issues) {
    const field = String(i.path[0] ?? "") as ApplyField;
    if (out[field]) continue;
    const m = i.message;
    out[field] =
      m === "required" || m === "tooLong" || m === "passwordShort" || m === "mismatch" ? m
        : field === "email" ? "email"
          : field === "userId" ? (/at most/i.test(m) ? "tooLong" : "format")
            : "format";
  }
  return out;
}

export const rejectReasonSchema = z
  .string()
  .trim()
  .min(1, "Write why the application is rejected (the reason is kept with it).")
  .max(1000, "Use at most 1000 characters for the reason.");
