import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { findTemplate, listTemplates } from "./data";

export async function loadTemplateList() {
  const actor = await requireActor(EVERYONE);
  return { templates: await listTemplates(), canEdit: actor.role === "ADMIN" };
}

export async function loadTemplate(id: string) {
  const actor = await requireActor(EVERYONE);
  const template = await findTemplate(id);
  if (!template) throw new InkanError("NOT_FOUND", { en: "No such template.", ja: "そのテンプレートはありません。" });
  return { template, canEdit: actor.role === "ADMIN" };
}
