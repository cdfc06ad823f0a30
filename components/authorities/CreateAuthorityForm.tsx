"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId } from "react";
import { createAuthorityAction } from "@/lib/ca/actions";
import type { CaMessages } from "@/lib/ca/messages";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

const ALGORITHMS = ["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256", "ECDSA-P384"];

export function CreateAuthorityForm({ t, parents, defaultParent }: { t: CaMessages["authorities"]; parents: { slug: string; name: string }[]; defaultParent?: string }) {
  const router = useRouter();
  const id = useId();
  const [state, action, pending] = useActionState(createAuthorityAction, null);
  useEffect(() => {
    if (state?.ok) router.push(`/ra/authorities/${state.data.slug}`);
  }, [state, router]);
  const fields = state && !state.ok ? state.error.fields ?? {} : {};
  return (
    <form action={action} data-testid="create-ca-form" className="panel">
      {state && !state.ok && <Alert kind="error" testId="form-error">{state.error.message}</Alert>}
      <Field label={t.slug} name="slug" type="text" required autoComplete="off" error={fields.slug} />
      <Field label={t.name} name="name" type="text" autoComplete="off" />
      <Field label={t.subject} name="subject" type="text" required help={t.subjectHelp} error={fields.subject} />
      <div className="field">
        <label htmlFor={`${id}-parent`}>{t.parent}</label>
        <select id={`${id}-parent`} name="parent" defaultValue={defaultParent ?? ""} aria-describedby={`${id}-parent-help`}>
          <option value="">{t.parentNone}</option>
          {parents.map((p) => <option key={p.slug} value={p.slug}>{p.slug}{p.name !== p.slug ? ` (${p.name})` : ""}</option>)}
        </select>
        <span className="help" id={`${id}-parent-help`}>{t.parentHelp}</span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-alg`}>{t.keyAlgorithm}</label>
        <select id={`${id}-alg`} name="keyAlgorithm" defaultValue="RSA-3072">
          {ALGORITHMS.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
        {fields.keyAlgorithm && <span className="field-error">{fields.keyAlgorithm}</span>}
      </div>
      <Field label={t.validityDays} name="validityDays" type="number" min={1} max={36500} defaultValue={1825} required />
      <Field label={t.crlValidityHours} name="crlValidityHours" type="number" min={1} max={8760} defaultValue={168} required />
      <button className="btn primary" type="submit" disabled={pending}>{t.submit}</button>
    </form>
  );
}
