import { getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { InkanError, NAME_TAKEN } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { parseTemplateInput, type TemplateInput, type ValidTemplate } from "./schema";
import { templateColumns, toTemplateSpec } from "./data";
import { BUILT_IN_TEMPLATES, type CLIENT_TEMPLATE_KEY, type SERVER_TEMPLATE_KEY } from "./builtins";
import type { TemplateSpec } from "./types";

const nameTaken = (name: string) =>
  new InkanError("CONFLICT", {
    en: `A template named "${name}" already exists. Choose another name or edit that template.`,
    ja: `テンプレート「${name}」はすでにあります。別の名前を選ぶか、そのテンプレートを編集してください。`,
  }, { errors: [{ field: "name", message: NAME_TAKEN }] });

function auditDetails(t: ValidTemplate) {
  return { name: t.name, usage: t.usage, subject: t.subject, keyAlgorithm: t.keyAlgorithm, validityDays: t.validityDays, keyUsage: t.keyUsage, extendedKeyUsage: t.extendedKeyUsage, maxValidCertificates: t.maxValidCertificates };
}

export async function createTemplate(input: TemplateInput, actor: Actor, now = new Date()): Promise<TemplateSpec> {
  const t = parseTemplateInput(input);
  try {
    return await getDb().$transaction(async (tx) => {
      const row = await tx.template.create({ data: { ...templateColumns(t), createdAt: now } });
      await recordEvent(tx, { actor, action: "template.create", target: { type: "template", id: row.id }, details: auditDetails(t) }, now);
      return toTemplateSpec(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(t.name);
    throw err;
  }
}

/** Edits a template; certificates already issued keep what they were issued with. */
export async function updateTemplate(id: string, input: TemplateInput, actor: Actor, now = new Date()): Promise<TemplateSpec> {
  const t = parseTemplateInput(input);
  try {
    return await getDb().$transaction(async (tx) => {
      const current = await tx.template.findUnique({ where: { id }, select: { usage: true, builtIn: true } });
      if (!current) throw new InkanError("NOT_FOUND", { en: "This template no longer exists.", ja: "このテンプレートはもうありません。" });
      if (current.builtIn && current.usage !== t.usage) {
        throw new InkanError("UNPROCESSABLE", {
          en: "A built-in template keeps its usage (client or server). Create a new template for the other usage.",
          ja: "組み込みテンプレートの用途(クライアント/サーバ)は変えられません。別の用途には新しいテンプレートを作成してください。",
        }, { errors: [{ field: "usage", message: { en: "Built-in templates keep their usage.", ja: "組み込みテンプレートの用途は変えられません。" } }] });
      }
      const row = await tx.template.update({ where: { id }, data: templateColumns(t) });
      await recordEvent(tx, { actor, action: "template.update", target: { type: "template", id }, details: auditDetails(t) }, now);
      return toTemplateSpec(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(t.name);
    throw err;
  }
}

/** Deletes a template that no group carries. Built-ins cannot be deleted. */
export async function deleteTemplate(id: string, actor: Actor, now = new Date()): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const row = await tx.template.findUnique({ where: { id }, include: { groups: { select: { name: true } } } });
    if (!row) throw new InkanError("NOT_FOUND", { en: "This template no longer exists.", ja: "このテンプレートはもうありません。" });
    if (row.builtIn) throw new InkanError("UNPROCESSABLE", { en: `"${row.name}" is a built-in template and cannot be deleted. You can edit its values instead.`, ja: `「${row.name}」は組み込みテンプレートのため削除できません。代わりに値を編集できます。` });
    if (row.groups.length) {
      throw new InkanError("CONFLICT", {
        en: `The template "${row.name}" is attached to ${row.groups.map((g) => `"${g.name}"`).join(", ")}. Attach another template to those groups (or none) first.`,
        ja: `テンプレート「${row.name}」は ${row.groups.map((g) => `「${g.name}」`).join("、")} に割り当てられています。先にそれらのグループに別のテンプレートを割り当てるか、テンプレートを外してください。`,
      });
    }
    // Certificates issued with it keep their data; their template reference is cleared (ON DELETE SET NULL).
    await tx.template.delete({ where: { id } });
    await recordEvent(tx, { actor, action: "template.delete", target: { type: "template", id }, details: { name: row.name } }, now);
  });
}

/** Creates a built-in template if it is missing (first start, or a database from before templates); `actor` null writes no event. Returns its id. */
export async function ensureBuiltInTemplate(tx: Tx, key: typeof CLIENT_TEMPLATE_KEY | typeof SERVER_TEMPLATE_KEY, actor: Actor | null, now: Date): Promise<string> {
  const existing = await tx.template.findUnique({ where: { builtIn: key }, select: { id: true } });
  if (existing) return existing.id;
  const t = BUILT_IN_TEMPLATES[key];
  const row = await tx.template.create({ data: { ...templateColumns(t), builtIn: key, createdAt: now } });
  if (actor) await recordEvent(tx, { actor, action: "template.create", target: { type: "template", id: row.id }, details: { ...auditDetails(t), builtIn: key } }, now);
  return row.id;
}
