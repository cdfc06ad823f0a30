"use client";
import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { saveUaAction } from "@/lib/enrollment/actions";
import type { EnrollmentMessages } from "@/lib/enrollment/messages";
import type { UaSettings } from "@/lib/enrollment/types";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

const NEW_UA: Omit<UaSettings, "id"> = {
  name: "", caSlug: "ia1", importToStore: true, certificateStore: "USER", importOnce: false, downloadAllowed: true, downloadWindowMinutes: 0,
  iphoneUa: false, iphoneLayout: false, protectWithLoginPassword: false, profileName: "", profileIdentifier: "", profileOrganization: "",
  profileDescription: "", androidDownload: true, macDownload: true, selfEnroll: false, pkcs12Encryption: "legacy", lockThreshold: 5, lockMinutes: 15,
  acceptApplications: false, applicationGroupIds: [],
};

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div className="field">
      <label><input type="checkbox" name={name} defaultChecked={checked} data-testid={`ua-${name}`} /> {label}</label>
    </div>
  );
}

/** Create (ua = null) or edit a UA's settings, grouped as on the seed's Gléas screens. */
export function UaSettingsForm({ ua, caSlugs, groups, t }: { ua: UaSettings | null; caSlugs: string[]; groups: Array<{ id: string; name: string }>; t: EnrollmentMessages["settings"] }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(saveUaAction.bind(null, ua?.name ?? null), null);
  const v = ua ?? NEW_UA;
  useEffect(() => {
    if (state?.ok && !ua) router.push(`/ra/enrollment/${state.data.name}`);
  }, [state, ua, router]);
  const err = state && !state.ok ? state.error : undefined;
  return (
    <form action={action} noValidate data-testid="ua-settings-form">
      {err && <Alert kind="error" testId="ua-settings-error">{err.message}</Alert>}
      {state?.ok && ua && <Alert kind="ok" testId="ua-settings-saved">{t.saved}</Alert>}
      {ua ? <input type="hidden" name="name" value={ua.name} /> : <Field label={t.name} name="name" required error={err?.fields?.name} />}
      <div className="field">
        <label htmlFor="ua-ca">{t.ca}</label>
        <select id="ua-ca" name="caSlug" defaultValue={v.caSlug}>{caSlugs.map((s) => <option key={s} value={s}>{s}</option>)}</select>
      </div>
      <fieldset>
        <legend>{t.basic}</legend>
        <Check name="importToStore" label={t.importToStore} checked={v.importToStore} />
        <div className="field">
          <label htmlFor="ua-store">{t.store}</label>
          <select id="ua-store" name="certificateStore" defaultValue={v.certificateStore}>
            <option value="USER">{t.storeUser}</option><option value="MACHINE">{t.storeMachine}</option>
          </select>
        </div>
        <Check name="importOnce" label={t.importOnce} checked={v.importOnce} />
        <Check name="downloadAllowed" label={t.downloadAllowed} checked={v.downloadAllowed} />
        <Field label={t.downloadWindow} name="downloadWindowMinutes" type="number" min={0} defaultValue={String(v.downloadWindowMinutes)} error={err?.fields?.downloadWindowMinutes} />
        <Check name="selfEnroll" label={t.selfEnroll} checked={v.selfEnroll} />
        <div className="field">
          <label htmlFor="ua-enc">{t.encryption}</label>
          <select id="ua-enc" name="pkcs12Encryption" defaultValue={v.pkcs12Encryption} aria-describedby="ua-enc-help">
            <option value="legacy">{t.legacy}</option><option value="aes256">{t.aes256}</option>
          </select>
          <span className="help" id="ua-enc-help">{t.encryptionHint}</span>
        </div>
        <Field label={t.lockThreshold} name="lockThreshold" type="number" min={1} defaultValue={String(v.lockThreshold)} error={err?.fields?.lockThreshold} />
        <Field label={t.lockMinutes} name="lockMinutes" type="number" min={1} defaultValue={String(v.lockMinutes)} error={err?.fields?.lockMinutes} />
      </fieldset>
      <fieldset>
        <legend>{t.iphone}</legend>
        <Check name="iphoneUa" label={t.iphoneUa} checked={v.iphoneUa} />
        <Check name="iphoneLayout" label={t.iphoneLayout} checked={v.iphoneLayout} />
        <Check name="protectWithLoginPassword" label={t.protect} checked={v.protectWithLoginPassword} />
        <p><strong>{t.profile}</strong></p>
        <Field label={t.profileName} name="profileName" defaultValue={v.profileName} error={err?.fields?.profileName} />
        <Field label={t.profileIdentifier} name="profileIdentifier" defaultValue={v.profileIdentifier} error={err?.fields?.profileIdentifier} />
        <Field label={t.profileOrganization} name="profileOrganization" defaultValue={v.profileOrganization} />
        <Field label={t.profileDescription} name="profileDescription" defaultValue={v.profileDescription} />
      </fieldset>
      <fieldset>
        <legend>{t.android} / {t.mac}</legend>
        <Check name="androidDownload" label={t.androidDownload} checked={v.androidDownload} />
        <Check name="macDownload" label={t.macDownload} checked={v.macDownload} />
      </fieldset>
      <fieldset>
        <legend>{t.applications}</legend>
        <Check name="acceptApplications" label={t.acceptApplications} checked={v.acceptApplications} />
        <fieldset className="field" aria-describedby="ua-app-groups-help" data-testid="ua-application-groups">
          <legend>{t.applicationGroups}</legend>
          {groups.length === 0 ? <p className="empty">{t.noGroups}</p> : groups.map((g) => (
            <label key={g.id} className="row">
              <input type="checkbox" name="applicationGroupIds" value={g.id} defaultChecked={v.applicationGroupIds.includes(g.id)} /> {g.name}
            </label>
          ))}
          <span className="help" id="ua-app-groups-help">{t.applicationGroupsHelp}</span>
          {err?.fields?.applicationGroupIds && <span className="field-error">{err.fields.applicationGroupIds}</span>}
        </fieldset>
      </fieldset>
      <button className="btn primary" type="submit" disabled={pending} data-testid="ua-save">{ua ? t.save : t.create}</button>
    </form>
  );
}
