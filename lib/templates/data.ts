import { getDb, type Tx } from "@/lib/db";
import type { KeyAlgorithm, KeyUsageFlag } from "@/lib/pki";
import { SUBJECT_FIELDS, type TemplateSpec, type TemplateSubject, type TemplateUsage, type TemplateView } from "./types";
import type { ValidTemplate } from "./schema";

type TemplateRow = NonNullable<Awaited<ReturnType<ReturnType<typeof getDb>["template"]["findUnique"]>>>;

function parseSubject(json: string): TemplateSubject {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const subject: TemplateSubject = {};
  for (const key of SUBJECT_FIELDS) {
    const rule = raw[key] as { required?: unknown; optional?: unknown } | undefined;
    // Rows written before required/optional existed held plain values: read them as required.
    if (typeof rule === "string") subject[key] = { required: [rule], optional: [] };
    else if (Array.isArray(rule)) subject[key] = { required: rule.map(String), optional: [] };
    else if (rule && typeof rule === "object") {
      subject[key] = { required: Array.isArray(rule.required) ? rule.required.map(String) : [], optional: Array.isArray(rule.optional) ? rule.optional.map(String) : [] };
    }
  }
  return subject;
}

export function toTemplateSpec(row: TemplateRow): TemplateSpec {
  return {
    id: row.id,
    name: row.name,
    usage: row.usage as TemplateUsage,
    builtIn: row.builtIn,
    subject: parseSubject(row.subject),
    keyAlgorithm: row.keyAlgorithm as KeyAlgorithm,
    validityDays: row.validityDays,
    keyUsage: JSON.parse(row.keyUsage) as KeyUsageFlag[],
    extendedKeyUsage: JSON.parse(row.extendedKeyUsage) as string[],
    sanDnsFromHostnames: row.sanDnsFromHostnames,
    sanEmailFromAccount: row.sanEmailFromAccount,
    emailInSubject: row.emailInSubject,
    maxValidCertificates: row.maxValidCertificates,
  };
}

/** Column values for a validated template. */
export function templateColumns(t: ValidTemplate) {
  return {
    name: t.name,
    usage: t.usage,
    subject: JSON.stringify(t.subject),
    keyAlgorithm: t.keyAlgorithm,
    validityDays: t.validityDays,
    keyUsage: JSON.stringify(t.keyUsage),
    extendedKeyUsage: JSON.stringify(t.extendedKeyUsage),
    sanDnsFromHostnames: t.sanDnsFromHostnames,
    sanEmailFromAccount: t.sanEmailFromAccount,
    emailInSubject: t.emailInSubject,
    maxValidCertificates: t.maxValidCertificates,
  };
}

const withGroups = { groups: { select: { id: true, name: true, kind: true }, orderBy: { name: "asc" as const } } };

function toTemplateView(row: TemplateRow & { groups: Array<{ id: string; name: string; kind: string }> }): TemplateView {
  return { ...toTemplateSpec(row), createdAt: row.createdAt, groups: row.groups.map((g) => ({ ...g, kind: g.kind as "USER" | "ROLE" })) };
}

/** Every template (there are few: profiles, not accounts), built-ins first. */
export async function listTemplates(): Promise<TemplateView[]> {
  const rows = await getDb().template.findMany({ include: withGroups, orderBy: [{ name: "asc" }] });
  return rows.map(toTemplateView).sort((a, b) => Number(Boolean(b.builtIn)) - Number(Boolean(a.builtIn)));
}

export async function findTemplate(id: string): Promise<TemplateView | null> {
  const row = await getDb().template.findUnique({ where: { id }, include: withGroups });
  return row ? toTemplateView(row) : null;
}

export async function findBuiltInTemplate(tx: Tx, key: string): Promise<TemplateSpec | null> {
  const row = await tx.template.findUnique({ where: { builtIn: key } });
  return row ? toTemplateSpec(row) : null;
}
