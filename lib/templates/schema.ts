import { z } from "zod";
import { EKU_OIDS, KEY_ALGORITHMS, KEY_USAGE_BITS, encodeName, isPkiError, type KeyAlgorithm, type KeyUsageFlag } from "@/lib/pki";
import { InkanError } from "@/lib/errors";
import { pkiErrorText } from "@/lib/i18n/pki";
import { validationError } from "@/lib/i18n/validation";
import { SUBJECT_FIELDS, type SubjectFieldKey, type TemplateSubject } from "./types";

/** End-entity key usages a template may set (never keyCertSign / cRLSign: leaves are not CAs). */
export const LEAF_KEY_USAGES = KEY_USAGE_BITS.filter((k) => k !== "keyCertSign" && k !== "cRLSign") as KeyUsageFlag[];
export const NAMED_EKUS = Object.keys(EKU_OIDS);

const values = z.array(z.string().trim().min(1)).max(20, "Use at most 20 values per attribute.");

export const templateInputSchema = z.object({
  name: z.string().trim().min(1, "Enter the template's name.").max(100, "Use at most 100 characters."),
  usage: z.enum(["CLIENT", "SERVER"], { message: "Choose client or server certificates." }),
  subject: z.partialRecord(z.enum(SUBJECT_FIELDS), z.object({ required: values, optional: values })).default({}),
  keyAlgorithm: z.enum(KEY_ALGORITHMS as unknown as [KeyAlgorithm, ...KeyAlgorithm[]], { message: `Choose one of ${KEY_ALGORITHMS.join(", ")}.` }),
  validityDays: z.coerce.number({ message: "Enter the validity in days." }).int("Enter whole days.").min(1, "The validity is at least 1 day.").max(3650, "The validity is at most 3650 days (10 years)."),
  keyUsage: z.array(z.enum(LEAF_KEY_USAGES as [KeyUsageFlag, ...KeyUsageFlag[]], { message: "Unknown key usage." })).default([]),
  extendedKeyUsage: z.array(z.string().trim().refine((e) => NAMED_EKUS.includes(e) || /^\d+(\.\d+)+$/.test(e), "Use a named extended key usage or a dotted OID.")).max(10).default([]),
  sanDnsFromHostnames: z.boolean().default(true),
  sanEmailFromAccount: z.boolean().default(true),
  emailInSubject: z.boolean().default(false),
  maxValidCertificates: z.coerce.number({ message: "Enter a number (0 = no limit)." }).int("Enter a whole number.").min(0, "Use 0 for no limit.").max(1000, "Use at most 1000 (or 0 for no limit)."),
});

export type TemplateInput = z.input<typeof templateInputSchema>;
export type ValidTemplate = z.output<typeof templateInputSchema>;

/** Validates a template; subject values are checked by the same encoder that will write them. */
export function parseTemplateInput(input: TemplateInput): ValidTemplate {
  const parsed = templateInputSchema.safeParse(input);
  if (!parsed.success) {
    throw validationError(parsed.error.issues);
  }
  const subject: TemplateSubject = {};
  for (const key of SUBJECT_FIELDS) {
    const rule = parsed.data.subject[key];
    if (!rule || (rule.required.length === 0 && rule.optional.length === 0)) continue;
    for (const value of [...rule.required, ...rule.optional]) checkSubjectValue(key, value);
    subject[key] = { required: dedupe(rule.required), optional: dedupe(rule.optional).filter((v) => !rule.required.includes(v)) };
  }
  return { ...parsed.data, subject, keyUsage: dedupe(parsed.data.keyUsage), extendedKeyUsage: dedupe(parsed.data.extendedKeyUsage) };
}

function dedupe<T>(list: T[]): T[] {
  return [...new Set(list)];
}

function checkSubjectValue(key: SubjectFieldKey, value: string): void {
  try {
    encodeName([{ type: key, value }]);
  } catch (err) {
    if (!isPkiError(err)) throw err;
    const text = pkiErrorText(err);
    throw new InkanError("VALIDATION", { en: `${key} "${value}": ${text.en}`, ja: `${key}「${value}」: ${text.ja}` }, { errors: [{ field: `subject.${key}`, message: text }] });
  }
}

/** Splits a form's list of values, one per line (not commas: "Example Co., Ltd." is one O). */
export function splitValues(text: string | null | undefined): string[] {
  return (text ?? "").split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
}
