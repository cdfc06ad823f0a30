"use client";
import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { saveGroupAction } from "@/lib/groups/actions";
import type { GroupMessages } from "@/lib/groups/messages";
import type { GroupView } from "@/lib/groups/types";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

type TemplateChoice = { id: string; name: string; usage: "CLIENT" | "SERVER" };

/** Create (group = null) or edit a group: name, kind, description and the template it carries. */
export function GroupForm({ group, templates, t }: { group: GroupView | null; templates: TemplateChoice[]; t: GroupMessages }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(saveGroupAction.bind(null, group?.id ?? null), null);
  useEffect(() => {
    if (state?.ok && !group) router.push(`/ra/groups/${state.data.id}`);
    else if (state?.ok) router.refresh();
  }, [state, group, router]);
  const err = state && !state.ok ? state.error : undefined;
  const id = group ? `group-${group.id}` : "group-new";
  return (
    <form action={action} noValidate data-testid="group-form">
      {err && <Alert kind="error" testId="group-form-error">{err.message}</Alert>}
      {state?.ok && group && <Alert kind="ok" testId="group-saved">{t.saved}</Alert>}
      <Field label={t.name} name="name" required defaultValue={group?.name} error={err?.fields?.name} data-testid="group-name" />
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t.kind}</label>
        <select id={`${id}-kind`} name="kind" defaultValue={group?.kind ?? "USER"} disabled={Boolean(group?.builtIn)} data-testid="group-kind">
          <option value="USER">{t.user}</option>
          <option value="ROLE">{t.role}</option>
        </select>
        {/* A disabled select is not submitted: keep the built-in group's kind in the form. */}
        {group?.builtIn && <input type="hidden" name="kind" value={group.kind} />}
        {err?.fields?.kind && <span className="field-error">{err.fields.kind}</span>}
      </div>
      <Field label={t.description} name="description" defaultValue={group?.description} error={err?.fields?.description} />
      <div className="field">
        <label htmlFor={`${id}-template`}>{t.template}</label>
        <select id={`${id}-template`} name="templateId" defaultValue={group?.template?.id ?? ""} data-testid="group-template">
          <option value="">{t.noTemplate}</option>
          {(["CLIENT", "SERVER"] as const).map((usage) => (
            <optgroup key={usage} label={usage === "CLIENT" ? t.clientTemplates : t.serverTemplates}>
              {templates.filter((tm) => tm.usage === usage).map((tm) => <option key={tm.id} value={tm.id}>{tm.name}</option>)}
            </optgroup>
          ))}
        </select>
        {err?.fields?.templateId && <span className="field-error">{err.fields.templateId}</span>}
      </div>
      <button className="btn primary" type="submit" disabled={pending} data-testid="group-save">{group ? t.save : t.create}</button>
    </form>
  );
}
