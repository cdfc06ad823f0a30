import { z } from "zod";

export const groupInputSchema = z.object({
  name: z.string().trim().min(1, "Enter the group's name.").max(100, "Use at most 100 characters."),
  kind: z.enum(["USER", "ROLE"], { message: "Choose user group or role group." }),
  description: z.string().trim().max(500, "Use at most 500 characters.").default(""),
  templateId: z.string().trim().optional().transform((v) => v || null),
});

export type GroupInput = z.input<typeof groupInputSchema>;

export const memberNameSchema = z.string().trim().min(1, "Enter the user ID or server name of the account to add.").max(128);
