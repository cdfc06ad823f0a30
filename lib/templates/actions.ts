"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/guard";
import { ADMIN_ONLY } from "@/lib/auth";
import { runAction, type ActionResult } from "@/lib/action-result";
import { createTemplate, deleteTemplate, updateTemplate } from "./mutations";
import { splitValues, type TemplateInput } from "./schema";
import { SUBJECT_FIELDS } from "./types";

function templateFrom(form: FormData): TemplateInput {
  const text = (k: string) => String(form.get(k) ?? "");
  return {
    name: text("name"),
    usage: text("usage") === "SERVER" ? "SERVER" : "CLIENT",
    subject: Object.fromEntries(SUBJECT_FIELDS.map((k) => [k, { required: splitValues(text(`${k}.required`)), optional: splitValues(text(`${k}.optional`)) }])),
    keyAlgorithm: text("keyAlgorithm") as TemplateInput["keyAlgorithm"],
    validityDays: text("validityDays"),
    keyUsage: form.getAll("keyUsage").map(String) as TemplateInput["keyUsage"],
    extendedKeyUsage: [...form.getAll("extendedKeyUsage").map(String), ...splitValues(text("extraEku"))],
    sanDnsFromHostnames: form.get("sanDnsFromHostnames") === "on",
    sanEmailFromAccount: form.get("sanEmailFromAccount") === "on",
    emailInSubject: form.get("emailInSubject") === "on",
    maxValidCertificates: text("maxValidCertificates") || "0",
  };
}

/** Create a template (existing = null) or save one. ADMIN only. */
export async function saveTemplateAction(existing: string | null, _prev: unknown, form: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const t = existing ? await updateTemplate(existing, templateFrom(form), actor) : await createTemplate(templateFrom(form), actor);
    revalidatePath("/ra/templates");
    return { id: t.id };
  });
}

export async function deleteTemplateAction(id: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await deleteTemplate(id, actor);
    revalidatePath("/ra/templates");
    return undefined;
  });
}
