import Link from "next/link";
import { loadDeployTargets } from "@/lib/deploy/loaders";
import { DEPLOY_MESSAGES } from "@/lib/deploy/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";
import { TargetForm } from "@/components/deploy/TargetForm";

export const dynamic = "force-dynamic";

export default async function DeployPage() {
  const { targets, caSlugs } = await pageData(() => loadDeployTargets());
  const t = DEPLOY_MESSAGES[await getLocale()];
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <h2>{t.targets}</h2>
      {targets.length === 0 ? <p className="empty panel" data-testid="deploy-empty">{t.none}</p> : (
        <table className="data" data-testid="deploy-targets">
          <thead><tr><th>{t.name}</th><th>{t.region}</th><th>{t.bucket}</th><th>{t.cas}</th><th>{t.trustStore}</th><th>{t.lastSuccess}</th></tr></thead>
          <tbody>
            {targets.map((target) => (
              <tr key={target.id} data-testid={`target-row-${target.name}`}>
                <td><Link href={`/ra/deploy/${target.name}`}>{target.name}</Link></td>
                <td>{target.region}</td>
                <td className="mono">s3://{target.bucket}/{target.keyPrefix}</td>
                <td>{target.caSlugs.join(", ")}</td>
                <td className="mono">{target.trustStoreArn ?? target.trustStoreName}</td>
                <td>{target.lastSuccessAt ? formatDateTime(target.lastSuccessAt) : t.never}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="panel">
        <h2>{t.add}</h2>
        <TargetForm caSlugs={caSlugs} t={t} />
      </section>
    </>
  );
}
