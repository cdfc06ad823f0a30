import { z } from "zod";
import { ROLES } from "./types";

export const passwordSchema = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(256, "Use at most 256 characters.");

export const createAdminSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
  name: z.string().trim().max(200).optional(),
  role: z.enum(ROLES),
  password: passwordSchema,
});

export const inviteAdminSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
  role: z.enum(ROLES, { error: "Choose a role: ADMIN, OPERATOR or AUDITOR." }),
  totpRequired: z.boolean().default(false),
});

/** What the invitee types on /ra/invite/<token>: the name shown in the console and a password. */
export const acceptInvitationSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name as other administrators should see it.").max(200, "Use at most 200 characters for the name."),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "The two passwords differ: type the same password twice.", path: ["confirm"] });

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token.").max(100),
  role: z.enum(ROLES),
});

export const setupSchema = z.object({
  token: z.string().trim().min(1, "Enter the setup token printed on the server console."),
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
  password: passwordSchema,
});

export const updateAdminSchema = z.object({
  name: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(["ACTIVE", "DISABLED"]).optional(),
  totpRequired: z.boolean().optional(),
});

export const changePasswordSchema = z.object({
  current: z.string().min(1, "Type your current password."),
  next: passwordSchema,
});

export const totpCodeSchema = z.string().trim().regex(/^\d{6}$/, "Type the 6-digit code your authenticator app shows.");
