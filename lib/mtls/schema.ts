import { z } from "zod";

/** A header pasted or posted: ALB's are up to a few KB (the leaf), a passthrough chain more. */
const headerValue = z.string().max(64 * 1024);

/** POST /api/v1/identity and the identity tool: ALB headers, or the leaf PEM (plain or URL-encoded). */
export const identityRequestSchema = z.union([
  z.object({ headers: z.record(z.string().max(200), z.union([headerValue, z.array(headerValue).max(4)])) }).strict(),
  z.object({ leafPem: z.string().min(1, "The leafPem field is empty.").max(64 * 1024) }).strict(),
]);

export type IdentityRequest = z.infer<typeof identityRequestSchema>;

// File paths and URLs end up unquoted in nginx/Apache configuration and shell scripts, so
// only characters that need no quoting anywhere are accepted.
const PATH = /^\/[A-Za-z0-9._/-]*$/;
const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const LISTEN = /^((\d{1,3}\.){3}\d{1,3}:|\[[0-9a-f:]+\]:)?\d{1,5}$/;
const CRON_FIELD = /^[0-9*/,-]+$/;

const path = z.string().trim().regex(PATH, "Use an absolute path of letters, digits and . _ - / only.");
const list = (max: number, message: string) =>
  z.string().trim().default("").transform((s) => s.split(",").map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(max).regex(/^[^"\\\r\n]+$/, message)).max(10));

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Recipe options as the recipes page's form (query string) sends them; every field has a default. */
export const recipeOptionsSchema = z.object({
  verify: z.preprocess(blankToUndefined, z.enum(["required", "optional"]).default("required")),
  depth: z.preprocess(blankToUndefined, z.coerce.number().int().min(1, "The verify depth is 1 to 9.").max(9, "The verify depth is 1 to 9.").optional()),
  serverName: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().regex(HOST, "Use a host name such as www.example.local.").optional()),
  listen: z.preprocess(blankToUndefined, z.string().trim().regex(LISTEN, 'Use a port ("443") or address:port ("192.0.2.10:443").').default("443")),
  upstream: z.preprocess(blankToUndefined, z.string().trim().regex(/^https?:\/\/[A-Za-z0-9.:[\]-]+(\/[A-Za-z0-9._~/-]*)?$/, "Use the application's URL, like http://127.0.0.1:8080.").default("http://127.0.0.1:8080")),
  directory: z.preprocess(blankToUndefined, path.optional()),
  subjectO: z.preprocess(blankToUndefined, list(64, "Organization values may not contain quotes, backslashes or line breaks.")),
  subjectC: z.preprocess(blankToUndefined, list(2, "Country values are two-letter codes like JP.").pipe(z.array(z.string().regex(/^[A-Z]{2}$/, "Country values are two-letter codes like JP.")))),
  subjectOU: z.preprocess(blankToUndefined, list(64, "Organizational unit values may not contain quotes, backslashes or line breaks.")),
  schedule: z.preprocess(blankToUndefined, z.string().trim().refine((s) => s.split(/\s+/).length === 5 && s.split(/\s+/).every((f) => CRON_FIELD.test(f)), "Use five cron fields, like 17 * * * *.").default("17 * * * *")),
  server: z.preprocess(blankToUndefined, z.string().trim().regex(/^[0-9A-Fa-f:]{1,60}$/, "A serial is hex digits.").optional()),
});

/** The form's fields as strings (blank means the default). */
export type RecipeOptionsInput = Partial<Record<keyof z.input<typeof recipeOptionsSchema>, string>>;
