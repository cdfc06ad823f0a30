"use client";
import { useActionState } from "react";
import { saveAlertSettingsAction } from "@/lib/alerts/actions";
import type { AlertMessages } from "@/lib/alerts/messages";
import type { AlertSettingsView } from "@/lib/alerts/types";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div className="field">
      <label><input type="checkbox" name={name} defaultChecked={checked} data-testid={`alerts-${name}`} /> {label}</label>
    </div>
  );
}

/** SMTP and webhook settings (ADMIN). The password and the secret are write-only: never sent to the browser. */
export function AlertSettingsForm({ settings, t }: { settings: AlertSettingsView; t: AlertMessages["page"] }) {
  const [state, action, pending] = useActionState(saveAlertSettingsAction, null);
  const err = state && !state.ok ? state.error : undefined;
  return (
    <form action={action} noValidate data-testid="alert-settings-form">
      {err && <Alert kind="error" testId="alert-settings-error">{err.message}</Alert>}
      {state?.ok && <Alert kind="ok" testId="alert-settings-saved">{t.saved}</Alert>}
      <fieldset>
        <legend>{t.email}</legend>
        <Check name="emailEnabled" label={t.emailEnabled} checked={settings.emailEnabled} />
        <Field label={t.smtpHost} name="smtpHost" defaultValue={settings.smtpHost} error={err?.fields?.smtpHost} autoComplete="off" />
        <Field label={t.smtpPort} name="smtpPort" type="number" min={1} max={65535} defaultValue={String(settings.smtpPort)} error={err?.fields?.smtpPort} />
        <Check name="smtpSecure" label={t.smtpSecure} checked={settings.smtpSecure} />
        <Field label={t.smtpUser} name="smtpUser" defaultValue={settings.smtpUser} error={err?.fields?.smtpUser} autoComplete="off" />
        <Field label={t.smtpPassword} name="smtpPassword" type="password" autoComplete="new-password" help={settings.hasSmtpPassword ? t.passwordSet : t.passwordUnset} error={err?.fields?.smtpPassword} />
        {settings.hasSmtpPassword && <Check name="clearSmtpPassword" label={t.clearPassword} checked={false} />}
        <Field label={t.fromAddress} name="fromAddress" type="email" defaultValue={settings.fromAddress} error={err?.fields?.fromAddress} />
        <Field label={t.adminRecipients} name="adminRecipients" multiline defaultValue={settings.adminRecipients.join("\n")} error={err?.fields?.adminRecipients} />
      </fieldset>
      <fieldset>
        <legend>{t.webhook}</legend>
        <Check name="webhookEnabled" label={t.webhookEnabled} checked={settings.webhookEnabled} />
        <Field label={t.webhookUrl} name="webhookUrl" type="url" defaultValue={settings.webhookUrl} error={err?.fields?.webhookUrl} />
        <Field label={t.webhookSecret} name="webhookSecret" type="password" autoComplete="new-password" help={`${settings.hasWebhookSecret ? t.secretSet : t.secretUnset} ${t.webhookHelp}`} error={err?.fields?.webhookSecret} />
        {settings.hasWebhookSecret && <Check name="clearWebhookSecret" label={t.clearPassword} checked={false} />}
      </fieldset>
      <button className="btn primary" type="submit" disabled={pending} data-testid="alert-settings-save">{t.save}</button>
    </form>
  );
}
