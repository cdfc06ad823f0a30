import Link from "next/link";
import { loadDeployTarget } from "@/lib/deploy/loaders";
import { DEPLOY_MESSAGES, fill } from "@/lib/deploy/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";
import { Alert } from "@/components/ui/Alert";
import { CopyBlock } from "@/components/mtls/CopyBlock";
import { DeployControls } from "@/components/deploy/DeployControls";
import { RetryRunButton } from "@/components/deploy/RetryRunButton";
import { DeleteTargetButton } from "@/components/deploy/DeleteTargetButton";

export const dynamic = "force-dynamic";

export default async function DeployTargetPage(props: { params: Promise<{ name: string }>; searchParams: Promise<{ before?: string; id?: string }> }) {
  const { name } = await props.params;
  const sp = await props.searchParams;
  const { target, status, statusError, policy, runs, next } = await pageData(() => loadDeployTarget(name, sp.before && sp.id ? { startedAt: sp.before, id: sp.id } : undefined));
  const { locale, t: app } = await getMessages();
  const t = DEPLOY_MESSAGES[locale];
  return (
    <>
      <p><Link href="/ra/deploy">← {t.targets}</Link></p>
      <h1>{t.title}: {target.name}</h1>
      <p className="mono" data-testid="target-summary">{target.region} · s3://{target.bucket}/{target.keyPrefix} · {target.caSlugs.join(", ")}</p>
      <p className="row">
        <Link className="btn" href={`/ra/deploy/${target.name}/edit`} data-testid="target-edit">{t.edit.open}</Link>
        <DeleteTargetButton target={target} t={t} cancel={app.common.cancel} />
      </p>

      <section className="panel" data-testid="trust-store-status">
        <h2>{t.status}</h2>
        {statusError ? <Alert kind="error">{fill(t.statusError, { error: statusError })}</Alert>
          : !status ? <p className="empty">{t.notCreated}</p> : (
            <>
              <p className="mono">{status.arn}</p>
              <dl>
                <dt>{t.storeState}</dt><dd data-testid="store-status">{status.status}</dd>
                <dt>{t.caCount}</dt><dd data-testid="store-ca-count">{status.numberOfCaCertificates}</dd>
                <dt>{t.revokedEntries}</dt><dd data-testid="store-revoked">{status.totalRevokedEntries}</dd>
              </dl>
              <table className="data">
                <caption>{t.revocationLists}</caption>
                <thead><tr><th>{t.revocationId}</th><th>{t.entries}</th><th>{t.owner}</th></tr></thead>
                <tbody>
                  {status.revocations.map((r) => (
                    <tr key={r.revocationId} data-testid={`store-revocation-${r.revocationId}`}><td>{r.revocationId}</td><td>{r.entries}</td><td>{r.ownedByInkan ? t.ownerInkan : t.ownerOther}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        <DeployControls name={target.name} t={t} />
      </section>

      <section className="panel">
        <h2>{t.policy}</h2>
        <p>{t.policyHelp}</p>
        <CopyBlock title="policy.json" text={policy} labels={{ copy: t.copy, copied: t.copied }} testId="iam-policy" />
      </section>

      <section className="panel">
        <h2>{t.history}</h2>
        {runs.length === 0 ? <p className="empty" data-testid="runs-empty">{t.noRuns}</p> : (
          <table className="data" data-testid="deploy-runs">
            <thead><tr><th>{t.when}</th><th>{t.trigger}</th><th>{t.who}</th><th>{t.added_}</th><th>{t.removed}</th><th>{t.entries}</th><th>{t.bundle}</th><th>{t.duration}</th><th>{t.outcome}</th><th>{t.error}</th><th></th></tr></thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-testid={`run-${run.id}`} data-trigger={run.trigger} data-status={run.status}>
                  <td>{formatDateTime(run.startedAt)}</td>
                  <td>{t.triggers[run.trigger]}</td>
                  <td data-testid="run-actor">{run.actor}</td>
                  <td className="mono" data-testid="run-added">{run.revocationIdsAdded.join(", ")}</td>
                  <td className="mono" data-testid="run-removed">{run.revocationIdsRemoved.join(", ")}</td>
                  <td>{run.entries ?? ""}</td>
                  <td data-testid="run-bundle">{run.bundleChange ? fill(run.bundleChange.operation === "ModifyTrustStore" ? t.bundleModified : t.bundleCreated, { count: run.bundleChange.certificates }) : ""}</td>
                  <td>{run.durationMs !== null ? `${(run.durationMs / 1000).toFixed(1)} s` : ""}</td>
                  <td>{t.outcomes[run.status]}</td>
                  <td>{run.errorCode ? <><span className="mono">{run.errorCode}</span>: {run.errorMessage}</> : ""}</td>
                  <td>{run.status === "FAILED" && <RetryRunButton runId={run.id} t={t} cancel={app.common.cancel} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="row">
          {sp.before && <Link href={`/ra/deploy/${target.name}`}>{t.newer}</Link>}
          {next && <Link href={`/ra/deploy/${target.name}?before=${encodeURIComponent(next.startedAt.toISOString())}&id=${next.id}`} data-testid="runs-older">{t.older}</Link>}
        </p>
      </section>
    </>
  );
}
