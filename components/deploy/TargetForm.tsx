"use client";
import { useActionState, useEffect, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { createTargetAction, updateTargetAction } from "@/lib/deploy/actions";
import type { DeployMessages } from "@/lib/deploy/messages";
import type { DeployTargetView } from "@/lib/deploy/types";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

/**
 * "Add target", or with `target` its edit form: region, bucket and prefix, the CAs, the trust
 * store, credentials and endpoint overrides. Editing keeps the name, shows a trust store Inkan
 * already manages read-only, and keeps a stored secret unless a new one is typed.
 */
export function TargetForm({ caSlugs, t, target }: { caSlugs: string[]; t: DeployMessages; target?: DeployTargetView }) {
  const router = useRouter();
  const submit = useMemo(() => (target ? updateTargetAction.bind(null, target.name) : createTargetAction), [target]);
  const [state, action, pending] = useActionState(submit, null);
  const [mode, setMode] = useState<"DEFAULT" | "STORED">(target?.credentialsMode ?? "DEFAULT");
  useEffect(() => {
    if (state?.ok) router.push(`/ra/deploy/${state.data.name}`);
  }, [state, router]);
  const err = state && !state.ok ? state.error : undefined;
  // The target's CAs first, in their bundle order, then the others.
  const choices = target ? [...target.caSlugs, ...caSlugs.filter((s) => !target.caSlugs.includes(s))] : caSlugs;
  const secretKept = target?.credentialsMode === "STORED" && target.secretStored;
  return (
    <form action={action} noValidate data-testid="deploy-target-form">
      {err && <Alert kind="error" testId="deploy-target-error">{err.message}</Alert>}
      {target
        ? <Field label={t.name} defaultValue={target.name} readOnly help={t.edit.nameFixed} data-testid="target-name" />
        : <Field label={t.name} name="name" required error={err?.fields?.name} data-testid="target-name" />}
      <Field label={t.region} name="region" required defaultValue={target?.region ?? "ap-northeast-1"} error={err?.fields?.region} data-testid="target-region" />
      <Field label={t.bucket} name="bucket" required defaultValue={target?.bucket} error={err?.fields?.bucket} data-testid="target-bucket" />
      <Field label={t.keyPrefix} name="keyPrefix" defaultValue={target?.keyPrefix ?? "inkan/"} error={err?.fields?.keyPrefix} data-testid="target-prefix" />
      <fieldset className="field">
        <legend>{t.cas}</legend>
        {choices.map((slug, i) => (
          <label key={slug} style={{ marginRight: 12 }}>
            <input type="checkbox" name="caSlugs" value={slug} defaultChecked={target ? target.caSlugs.includes(slug) : i === 0} data-testid={`target-ca-${slug}`} /> {slug}
          </label>
        ))}
        {err?.fields?.caSlugs && <span className="field-error">{err.fields.caSlugs}</span>}
      </fieldset>
      <fieldset className="field">
        <legend>{t.trustStore}</legend>
        {target?.trustStoreManaged ? (
          <>
            <p className="mono" data-testid="target-store-fixed">{target.trustStoreArn ?? target.trustStoreName}</p>
            <p className="help">{t.edit.storeManaged}</p>
            {err?.fields?.trustStoreArn && <span className="field-error">{err.fields.trustStoreArn}</span>}
          </>
        ) : (
          <>
            {target && <p className="help">{t.edit.storeEditable}</p>}
            <Field label={t.trustStoreArn} name="trustStoreArn" defaultValue={target?.trustStoreArn ?? undefined} error={err?.fields?.trustStoreArn} data-testid="target-arn" />
            <Field label={t.trustStoreName} name="trustStoreName" defaultValue={target && !target.trustStoreArn ? target.trustStoreName ?? undefined : undefined} help={t.trustStoreHelp} error={err?.fields?.trustStoreName} data-testid="target-store-name" />
          </>
        )}
      </fieldset>
      <fieldset className="field">
        <legend>{t.credentials}</legend>
        <label><input type="radio" name="credentialsMode" value="DEFAULT" checked={mode === "DEFAULT"} onChange={() => setMode("DEFAULT")} data-testid="target-cred-default" /> {t.credentialsDefault}</label><br />
        <label><input type="radio" name="credentialsMode" value="STORED" checked={mode === "STORED"} onChange={() => setMode("STORED")} data-testid="target-cred-stored" /> {t.credentialsStored}</label>
        {mode === "STORED" && (
          <>
            <Field label={t.accessKeyId} name="accessKeyId" autoComplete="off" defaultValue={target?.accessKeyId ?? undefined} error={err?.fields?.accessKeyId} data-testid="target-access-key" />
            <Field label={t.secretAccessKey} name="secretAccessKey" type="password" autoComplete="new-password" help={secretKept ? t.edit.secretKeep : t.secretHelp} error={err?.fields?.secretAccessKey} data-testid="target-secret-key" />
          </>
        )}
        {mode === "DEFAULT" && secretKept && <p className="help" data-testid="target-key-dropped">{t.edit.defaultDropsKey}</p>}
      </fieldset>
      <details className="field" open={Boolean(target?.s3Endpoint || target?.elbv2Endpoint || target?.acmEndpoint) || undefined}>
        <summary>{t.endpoints}</summary>
        <p className="help">{t.endpointsHelp}</p>
        <Field label={t.s3Endpoint} name="s3Endpoint" defaultValue={target?.s3Endpoint ?? undefined} error={err?.fields?.s3Endpoint} data-testid="target-s3-endpoint" />
        <Field label={t.elbv2Endpoint} name="elbv2Endpoint" defaultValue={target?.elbv2Endpoint ?? undefined} error={err?.fields?.elbv2Endpoint} data-testid="target-elbv2-endpoint" />
        <Field label={t.acmEndpoint} name="acmEndpoint" defaultValue={target?.acmEndpoint ?? undefined} error={err?.fields?.acmEndpoint} data-testid="target-acm-endpoint" />
      </details>
      {target
        ? <button className="btn primary" type="submit" disabled={pending} data-testid="target-save">{t.edit.save}</button>
        : <button className="btn primary" type="submit" disabled={pending} data-testid="target-add">{t.add}</button>}
    </form>
  );
}
