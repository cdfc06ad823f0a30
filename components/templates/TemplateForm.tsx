"use client";
import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { saveTemplateAction } from "@/lib/templates/actions";
import type { TemplateMessages } from "@/lib/templates/messages";
import { SUBJECT_FIELDS, type TemplateSpec } from "@/lib/templates/types";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

// Kept here (not imported from lib/pki, which components may not import); the server validates.
const KEY_ALGORITHMS = ["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256", "ECDSA-P384"];
const KEY_USAGES = ["digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement", "encipherOnly", "decipherOnly"];
const EKUS = ["serverAuth", "clientAuth", "codeSigning", "emailProtection", "timeStamping", "OCSPSigning", "msSmartcardLogin"];

const NEW_TEMPLATE: Omit<TemplateSpec, "id"> = {
  name: "", usage: "CLIENT", builtIn: null, subject: {}, keyAlgorithm: "RSA-2048", validityDays: 365, keyUsage: [], extendedKeyUsage: [],
  sanDnsFromHostnames: false, sanEmailFromAccount: true, emailInSubject: false, maxValidCertificates: 0,
};

function Check({ name, value, label, checked, testId }: { name: string; value?: string; label: string; checked: boolean; testId: string }) {
  return <label className="row"><input type="checkbox" name={name} value={value ?? "on"} defaultChecked={checked} data-testid={testId} /> {label}</label>;
}

/** Create (template = null) or edit a template: subject values, key, validity, usages, SAN rules, limit. */
export function TemplateForm({ template, t, readOnly = false }: { template: TemplateSpec | null; t: TemplateMessages; readOnly?: boolean }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(saveTemplateAction.bind(null, template?.id ?? null), null);
  const v = template ?? NEW_TEMPLATE;
  useEffect(() => {
    if (state?.ok && !template) router.push(`/ra/templates/${state.data.id}`);
    else if (state?.ok) router.refresh();
  }, [state, template, router]);
  const err = state && !state.ok ? state.error : undefined;
  const namedEkus = v.extendedKeyUsage.filter((e) => EKUS.includes(e));
  const otherEkus = v.extendedKeyUsage.filter((e) => !EKUS.includes(e));
  return (
    <form action={action} noValidate data-testid="template-form">
      {err && <Alert kind="error" testId="template-form-error">{err.message}</Alert>}
      {state?.ok && template && <Alert kind="ok" testId="template-saved">{t.saved}</Alert>}
      {/* Roles that may not change templates still read every setting, in disabled controls. */}
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
      <Field label={t.name} name="name" required defaultValue={v.name} error={err?.fields?.name} data-testid="template-name" />
      <div className="field">
        <label htmlFor="template-usage">{t.usage}</label>
        <select id="template-usage" name="usage" defaultValue={v.usage} data-testid="template-usage">
          <option value="CLIENT">{t.client}</option>
          <option value="SERVER">{t.server}</option>
        </select>
        {err?.fields?.usage && <span className="field-error">{err.fields.usage}</span>}
      </div>
      <fieldset>
        <legend>{t.subject}</legend>
        <p className="help">{t.valuesHelp}</p>
        <table className="data">
          <thead><tr><th scope="col">{t.field}</th><th scope="col">{t.required}</th><th scope="col">{t.optional}</th></tr></thead>
          <tbody>
            <tr><th scope="row">{t.cn}</th><td colSpan={2}>{v.usage === "SERVER" ? t.cnServer : t.cnClient}</td></tr>
            {SUBJECT_FIELDS.map((key) => (
              <tr key={key}>
                <th scope="row">{t[key]}</th>
                <td><textarea name={`${key}.required`} aria-label={`${t[key]}: ${t.required}`} rows={2} defaultValue={v.subject[key]?.required.join("\n")} data-testid={`subject-${key}-required`} /></td>
                <td><textarea name={`${key}.optional`} aria-label={`${t[key]}: ${t.optional}`} rows={2} defaultValue={v.subject[key]?.optional.join("\n")} data-testid={`subject-${key}-optional`} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        {err?.fields && Object.entries(err.fields).filter(([k]) => k.startsWith("subject")).map(([k, m]) => <span key={k} className="field-error">{m}</span>)}
        <Check name="emailInSubject" label={t.emailInSubject} checked={v.emailInSubject} testId="template-email-in-subject" />
      </fieldset>
      <div className="field">
        <label htmlFor="template-key">{t.keyAlgorithm}</label>
        <select id="template-key" name="keyAlgorithm" defaultValue={v.keyAlgorithm}>{KEY_ALGORITHMS.map((a) => <option key={a}>{a}</option>)}</select>
      </div>
      <Field label={t.validityDays} name="validityDays" type="number" min={1} max={3650} defaultValue={String(v.validityDays)} error={err?.fields?.validityDays} data-testid="template-validity" />
      <fieldset>
        <legend>{t.keyUsage}</legend>
        {KEY_USAGES.map((k) => <Check key={k} name="keyUsage" value={k} label={k} checked={v.keyUsage.includes(k as never)} testId={`ku-${k}`} />)}
      </fieldset>
      <fieldset>
        <legend>{t.eku}</legend>
        {EKUS.map((k) => <Check key={k} name="extendedKeyUsage" value={k} label={k} checked={namedEkus.includes(k)} testId={`eku-${k}`} />)}
        <Field label={t.extraEku} name="extraEku" multiline defaultValue={otherEkus.join("\n")} error={err?.fields?.extendedKeyUsage} />
      </fieldset>
      <fieldset>
        <legend>{t.san}</legend>
        <Check name="sanDnsFromHostnames" label={t.sanDns} checked={v.sanDnsFromHostnames} testId="template-san-dns" />
        <Check name="sanEmailFromAccount" label={t.sanEmail} checked={v.sanEmailFromAccount} testId="template-san-email" />
      </fieldset>
      <Field label={t.max} name="maxValidCertificates" type="number" min={0} defaultValue={String(v.maxValidCertificates)} error={err?.fields?.maxValidCertificates} data-testid="template-max" />
      </fieldset>
      {!readOnly && <button className="btn primary" type="submit" disabled={pending} data-testid="template-save">{template ? t.save : t.create}</button>}
    </form>
  );
}
