"use client";
import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { createTargetAction } from "@/lib/deploy/actions";
import type { DeployMessages } from "@/lib/deploy/messages";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

/** "Add target": region, bucket and prefix, the CAs, the trust store, credentials and endpoint overrides. */
export function TargetForm({ caSlugs, t }: { caSlugs: string[]; t: DeployMessages }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(createTargetAction, null);
  const [mode, setMode] = useState<"DEFAULT" | "STORED">("DEFAULT");
  useEffect(() => {
    if (state?.ok) router.push(`/ra/deploy/${state.data.name}`);
  }, [state, router]);
  const err = state && !state.ok ? state.error : undefined;
  return (
    <form action={action} noValidate data-testid="deploy-target-form">
      {err && <Alert kind="error" testId="deploy-target-error">{err.message}</Alert>}
      <Field label={t.name} name="name" required error={err?.fields?.name} data-testid="target-name" />
      <Field label={t.region} name="region" required defaultValue="ap-northeast-1" error={err?.fields?.region} data-testid="target-region" />
      <Field label={t.bucket} name="bucket" required error={err?.fields?.bucket} data-testid="target-bucket" />
      <Field label={t.keyPrefix} name="keyPrefix" defaultValue="inkan/" error={err?.fields?.keyPrefix} data-testid="target-prefix" />
      <fieldset className="field">
        <legend>{t.cas}</legend>
        {caSlugs.map((slug, i) => (
          <label key={slug} style={{ marginRight: 12 }}>
            <input type="checkbox" name="caSlugs" value={slug} defaultChecked={i === 0} data-testid={`target-ca-${slug}`} /> {slug}
          </label>
        ))}
        {err?.fields?.caSlugs && <span className="field-error">{err.fields.caSlugs}</span>}
      </fieldset>
      <fieldset className="field">
        <legend>{t.trustStore}</legend>
        <Field label={t.trustStoreArn} name="trustStoreArn" error={err?.fields?.trustStoreArn} data-testid="target-arn" />
        <Field label={t.trustStoreName} name="trustStoreName" help={t.trustStoreHelp} error={err?.fields?.trustStoreName} data-testid="target-store-name" />
      </fieldset>
      <fieldset className="field">
        <legend>{t.credentials}</legend>
        <label><input type="radio" name="credentialsMode" value="DEFAULT" checked={mode === "DEFAULT"} onChange={() => setMode("DEFAULT")} data-testid="target-cred-default" /> {t.credentialsDefault}</label><br />
        <label><input type="radio" name="credentialsMode" value="STORED" checked={mode === "STORED"} onChange={() => setMode("STORED")} data-testid="target-cred-stored" /> {t.credentialsStored}</label>
        {mode === "STORED" && (
          <>
            <Field label={t.accessKeyId} name="accessKeyId" autoComplete="off" error={err?.fields?.accessKeyId} data-testid="target-access-key" />
            <Field label={t.secretAccessKey} name="secretAccessKey" type="password" autoComplete="new-password" help={t.secretHelp} error={err?.fields?.secretAccessKey} data-testid="target-secret-key" />
          </>
        )}
      </fieldset>
      <details className="field">
        <summary>{t.endpoints}</summary>
        <p className="help">{t.endpointsHelp}</p>
        <Field label={t.s3Endpoint} name="s3Endpoint" error={err?.fields?.s3Endpoint} data-testid="target-s3-endpoint" />
        <Field label={t.elbv2Endpoint} name="elbv2Endpoint" error={err?.fields?.elbv2Endpoint} data-testid="target-elbv2-endpoint" />
        <Field label={t.acmEndpoint} name="acmEndpoint" error={err?.fields?.acmEndpoint} data-testid="target-acm-endpoint" />
      </details>
      <button className="btn primary" type="submit" disabled={pending} data-testid="target-add">{t.add}</button>
    </form>
  );
}
