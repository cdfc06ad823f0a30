export { createTemplate, updateTemplate, deleteTemplate, ensureBuiltInTemplate } from "./mutations";
export { listTemplates, findTemplate, findBuiltInTemplate, toTemplateSpec } from "./data";
export { resolveEffectiveTemplate, compareGroups, usageForAccountKind, type GroupTemplate } from "./effective";
export { BUILT_IN_TEMPLATES, CLIENT_TEMPLATE_KEY, SERVER_TEMPLATE_KEY } from "./builtins";
export { parseTemplateInput, splitValues, LEAF_KEY_USAGES, NAMED_EKUS, type TemplateInput } from "./schema";
export { SUBJECT_FIELDS } from "./types";
export type { EffectiveTemplate, EffectiveField, TemplateSource, TemplateSpec, TemplateView, TemplateUsage, SubjectFieldKey, SubjectRule } from "./types";
