import { z } from "zod";
import { CERTIFICATE_STORES } from "./types";

// Names that are routes of their own and so cannot be a UA's URL segment.
const RESERVED = new Set(["ra", "api", "crl", "setup", "_next", "favicon.ico"]);

const flag = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const uaNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "A UA name is 1-63 lowercase letters, digits or hyphens; it becomes the URL /<name>/ua.")
  .refine((n) => !RESERVED.has(n), "This name is used by Inkan itself; pick another.");

export const uaSettingsSchema = z.object({
  name: uaNameSchema,
  caSlug: z.string().trim().min(1, "Choose the CA this UA issues from."),
  importToStore: flag,
  certificateStore: z.enum(CERTIFICATE_STORES).default("USER"),
  importOnce: flag,
  downloadAllowed: flag,
  downloadWindowMinutes: z.coerce.number().int("Whole minutes only.").min(0).max(525_600, "At most one year (525600 minutes)."),
  iphoneUa: flag,
  iphoneLayout: flag,
  protectWithLoginPassword: flag,
  profileName: z.string().trim().min(1, "The profile name is required (it is shown on the device).").max(128),
  profileIdentifier: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,126}$/, "The identifier is required, in reverse-DNS form like com.example.profile."),
  profileOrganization: z.string().trim().max(128).default(""),
  profileDescription: z.string().trim().max(512).default(""),
  androidDownload: flag,
  macDownload: flag,
  selfEnroll: flag,
  pkcs12Encryption: z.enum(["legacy", "aes256"]).default("legacy"),
  lockThreshold: z.coerce.number().int().min(1, "At least one attempt.").max(100),
  lockMinutes: z.coerce.number().int().min(1, "At least one minute.").max(10_080, "At most one week."),
  acceptApplications: flag.default(false), // off unless an ADMIN turns it on
  /** Groups an approved applicant joins (ids). */
  applicationGroupIds: z.array(z.string().trim().min(1).max(64)).max(50, "Choose at most 50 groups.").default([]),
});

export type UaSettingsInput = z.input<typeof uaSettingsSchema>;

export const uaSignInSchema = z.object({
  userId: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
});
