import type { KeyAlgorithm, KeyUsageFlag } from "@/lib/pki";

export type TemplateUsage = "CLIENT" | "SERVER";

/** Subject attributes a template fills in; CN (and e-mail) always come from the account. */
export const SUBJECT_FIELDS = ["DC", "C", "ST", "L", "O", "OU"] as const;
export type SubjectFieldKey = (typeof SUBJECT_FIELDS)[number];

/**
 * Values of one subject attribute. Required values are in every certificate; optional values
 * are allowed, and included only when a CSR's subject asks for exactly that value.
 */
export interface SubjectRule {
  required: string[];
  optional: string[];
}

export type TemplateSubject = Partial<Record<SubjectFieldKey, SubjectRule>>;

/** A template (certificate profile) as stored, parsed. */
export interface TemplateSpec {
  id: string;
  name: string;
  usage: TemplateUsage;
  builtIn: string | null;
  subject: TemplateSubject;
  keyAlgorithm: KeyAlgorithm;
  validityDays: number;
  /** [] = by key type (digitalSignature, plus keyEncipherment for RSA). */
  keyUsage: KeyUsageFlag[];
  /** [] = by usage (clientAuth / serverAuth). */
  extendedKeyUsage: string[];
  sanDnsFromHostnames: boolean;
  sanEmailFromAccount: boolean;
  emailInSubject: boolean;
  /** Valid (issued, unexpired) certificates an account may hold; 0 = no limit. */
  maxValidCertificates: number;
}

export interface TemplateView extends TemplateSpec {
  createdAt: Date;
  groups: Array<{ id: string; name: string; kind: "USER" | "ROLE" }>;
}

/** Where a template came from for one account: a group, or the built-in fallback (group null). */
export interface TemplateSource {
  groupId: string | null;
  groupName: string | null;
  groupKind: "USER" | "ROLE" | null;
  templateId: string;
  templateName: string;
}

export interface EffectiveField extends SubjectRule {
  key: SubjectFieldKey;
  source: TemplateSource;
}

/** The template an account gets, merged from its groups' templates, with the origin of every value. */
export interface EffectiveTemplate {
  usage: TemplateUsage;
  /** The highest-precedence template: it decides every setting except the subject fields. */
  primary: TemplateSource;
  /** Subject fields in encoding order (DC, C, ST, L, O, OU), each from the highest-precedence template that sets it. */
  subject: EffectiveField[];
  keyAlgorithm: KeyAlgorithm;
  validityDays: number;
  keyUsage: KeyUsageFlag[];
  extendedKeyUsage: string[];
  sanDnsFromHostnames: boolean;
  sanEmailFromAccount: boolean;
  emailInSubject: boolean;
  maxValidCertificates: number;
  /** Every template seen, in precedence order; `applies` is false when its usage does not match the account. */
  candidates: Array<TemplateSource & { usage: TemplateUsage; applies: boolean }>;
}
