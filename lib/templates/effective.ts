import { SUBJECT_FIELDS, type EffectiveField, type EffectiveTemplate, type TemplateSource, type TemplateSpec, type TemplateUsage } from "./types";

export interface GroupTemplate {
  group: { id: string; name: string; kind: "USER" | "ROLE" };
  template: TemplateSpec | null;
}

/** Server accounts get server templates, user accounts client templates; others are shown but not applied. */
export function usageForAccountKind(kind: "USER" | "SERVER"): TemplateUsage {
  return kind === "SERVER" ? "SERVER" : "CLIENT";
}

/**
 * Precedence between groups' templates: role groups before user groups, then group name
 * (code-point order, so the result never depends on the server's locale).
 */
export function compareGroups(a: GroupTemplate["group"], b: GroupTemplate["group"]): number {
  if (a.kind !== b.kind) return a.kind === "ROLE" ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function sourceOf(group: GroupTemplate["group"] | null, template: TemplateSpec): TemplateSource {
  return { groupId: group?.id ?? null, groupName: group?.name ?? null, groupKind: group?.kind ?? null, templateId: template.id, templateName: template.name };
}

/**
 * Merges the templates of an account's groups. Each subject attribute comes from the
 * highest-precedence template that sets it; every other setting from the highest-precedence
 * template. With no applicable template the built-in `fallback` applies (shown as "no group").
 */
export function resolveEffectiveTemplate(kind: "USER" | "SERVER", memberships: GroupTemplate[], fallback: TemplateSpec): EffectiveTemplate {
  const usage = usageForAccountKind(kind);
  const ranked = memberships
    .filter((m): m is GroupTemplate & { template: TemplateSpec } => m.template !== null)
    .sort((a, b) => compareGroups(a.group, b.group));
  const candidates = ranked.map((m) => ({ ...sourceOf(m.group, m.template), usage: m.template.usage, applies: m.template.usage === usage }));
  const applicable = ranked.filter((m) => m.template.usage === usage);
  const chain = applicable.length ? applicable : [{ group: null, template: fallback }];
  const top = chain[0].template;
  const subject: EffectiveField[] = [];
  for (const key of SUBJECT_FIELDS) {
    const from = chain.find((m) => {
      const rule = m.template.subject[key];
      return rule && (rule.required.length > 0 || rule.optional.length > 0);
    });
    if (from) subject.push({ key, ...from.template.subject[key]!, source: sourceOf(from.group, from.template) });
  }
  return {
    usage,
    primary: sourceOf(chain[0].group, top),
    subject,
    keyAlgorithm: top.keyAlgorithm,
    validityDays: top.validityDays,
    keyUsage: top.keyUsage,
    extendedKeyUsage: top.extendedKeyUsage,
    sanDnsFromHostnames: top.sanDnsFromHostnames,
    sanEmailFromAccount: top.sanEmailFromAccount,
    emailInSubject: top.emailInSubject,
    maxValidCertificates: top.maxValidCertificates,
    candidates,
  };
}
