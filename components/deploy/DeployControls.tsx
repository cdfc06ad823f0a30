"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deployAction } from "@/lib/deploy/actions";
import { fill, type DeployMessages } from "@/lib/deploy/messages";
import type { DeployOutcome } from "@/lib/deploy/deploy";
import { Alert } from "@/components/ui/Alert";

/** "Deploy now" and "Dry run", with the run's outcome or the plan. */
export function DeployControls({ name, t }: { name: string; t: DeployMessages }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [busy, setBusy] = useState<"deploy" | "plan" | null>(null);
  const [outcome, setOutcome] = useState<DeployOutcome | null>(null);
  const [error, setError] = useState<string>();
  const go = (dryRun: boolean) => {
    setBusy(dryRun ? "plan" : "deploy");
    setError(undefined);
    setOutcome(null);
    start(async () => {
      const r = await deployAction(name, dryRun);
      setBusy(null);
      if (!r.ok) return setError(r.error.message);
      setOutcome(r.data);
      if (!dryRun) router.refresh();
    });
  };
  return (
    <div>
      <div className="row">
        <button type="button" className="btn primary" disabled={pending} onClick={() => go(false)} data-testid="deploy-now">{busy === "deploy" ? t.deploying : t.deployNow}</button>
        <button type="button" className="btn" disabled={pending} onClick={() => go(true)} data-testid="deploy-dry-run">{busy === "plan" ? t.planning : t.dryRun}</button>
      </div>
      {error && <Alert kind="error" testId="deploy-error">{error}</Alert>}
      {outcome?.kind === "run" && (outcome.run.status === "SUCCEEDED"
        ? <Alert kind="ok" testId="deploy-result">{t.runSucceeded}</Alert>
        : <Alert kind="error" testId="deploy-result">{fill(t.runFailed, { code: outcome.run.errorCode ?? "", message: outcome.run.errorMessage ?? "" })}</Alert>)}
      {outcome?.kind === "plan" && (
        <div className="panel" data-testid="deploy-plan">
          <h3>{t.plan}</h3>
          <ul>
            {!outcome.plan.trustStoreExists && <li>{t.storeWouldBeCreated}</li>}
            <li data-testid="plan-bundle">{outcome.plan.bundleChanged ? t.bundleChanged : t.bundleSame}</li>
            {outcome.plan.crls.map((c) => (
              <li key={c.caSlug} data-testid={`plan-crl-${c.caSlug}`}>{fill(c.add ? t.crlToAdd : t.crlCurrent, { ca: c.caSlug, number: c.crlNumber, entries: c.entries })}</li>
            ))}
            <li data-testid="plan-remove">{outcome.plan.revocationIdsToRemove.length ? fill(t.idsToRemove, { ids: outcome.plan.revocationIdsToRemove.join(", ") }) : t.nothingToRemove}</li>
            {outcome.plan.quotaProblem && <li className="field-error">{fill(t.quotaProblem, { message: outcome.plan.quotaProblem })}</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
