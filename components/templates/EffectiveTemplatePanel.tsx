import Link from "next/link";
import { loadEffectiveTemplate } from "@/lib/groups/loaders";
import { TEMPLATE_MESSAGES, type TemplateMessages } from "@/lib/templates/messages";
import type { TemplateSource } from "@/lib/templates/types";
import { getLocale } from "@/lib/i18n/locale";
import { Alert } from "@/components/ui/Alert";

function SourceCell({ source, t }: { source: TemplateSource | "account"; t: TemplateMessages }) {
  if (source === "account") return <>{t.fromAccount}</>;
  if (!source.groupId) return <>{t.fallback}: {source.templateName}</>;
  return <><Link href={`/ra/groups/${source.groupId}`}>{source.groupName}</Link> ({source.templateName})</>;
}

/**
 * The account page's "template info" (テンプレート情報): the effective template as the seed's
 * table shows it (type / required / optional), plus which group each value came from.
 */
export async function EffectiveTemplatePanel({ account }: { account: { name: string; kind: "USER" | "SERVER"; email: string | null; hostnames: string[] } }) {
  const { kind, email, hostnames } = account;
  const eff = await loadEffectiveTemplate(account.name);
  const t = TEMPLATE_MESSAGES[await getLocale()];
  const primary = eff.primary;
  const cn = kind === "SERVER" ? (hostnames[0] ?? account.name) : account.name;
  const eku = eff.extendedKeyUsage.length ? eff.extendedKeyUsage : [eff.usage === "SERVER" ? "serverAuth" : "clientAuth"];
  const sans = [...(eff.sanDnsFromHostnames ? hostnames.map((h) => `DNS:${h}`) : []), ...(eff.sanEmailFromAccount && email ? [`email:${email}`] : [])];
  return (
    <section className="panel" aria-labelledby="template-info-h" data-testid="template-info">
      <h2 id="template-info-h" style={{ marginTop: 0 }}>{t.templateInfo}</h2>
      {eff.usage === "SERVER" && !eff.inServerRoleGroup && <Alert kind="info" testId="server-rule-warning">{t.serverRule.replace("{group}", eff.serverRoleGroupName)}</Alert>}
      <table className="data" data-testid="template-info-table">
        <thead><tr><th>{t.type}</th><th>{t.required}</th><th>{t.optional}</th><th>{t.source}</th></tr></thead>
        <tbody>
          <tr data-testid="template-row-CN"><td>{t.cn}</td><td>{cn}</td><td></td><td><SourceCell source="account" t={t} /></td></tr>
          {eff.subject.map((f) => (
            <tr key={f.key} data-testid={`template-row-${f.key}`}>
              <td>{t[f.key]}</td><td>{f.required.join(", ")}</td><td>{f.optional.join(", ")}</td><td><SourceCell source={f.source} t={t} /></td>
            </tr>
          ))}
          {eff.emailInSubject && email && <tr><td>{t.email}</td><td>{email}</td><td></td><td><SourceCell source="account" t={t} /></td></tr>}
        </tbody>
      </table>
      <dl className="info" data-testid="template-settings">
        <dt>{t.settings}</dt><dd><SourceCell source={primary} t={t} /></dd>
        <dt>{t.validityDays}</dt><dd>{eff.validityDays}</dd>
        <dt>{t.keyAlgorithm}</dt><dd>{eff.keyAlgorithm}</dd>
        <dt>{t.keyUsage}</dt><dd>{eff.keyUsage.length ? eff.keyUsage.join(", ") : t.automatic}</dd>
        <dt>{t.eku}</dt><dd>{eku.join(", ")}</dd>
        <dt>{t.san}</dt><dd>{sans.join(", ") || "-"}</dd>
        <dt>{t.max}</dt><dd>{eff.maxValidCertificates || t.unlimited}</dd>
      </dl>
      {eff.candidates.length > 1 || eff.candidates.some((c) => !c.applies) ? (
        <>
          <p className="help">{t.precedence.replace("{template}", primary.templateName)}</p>
          <ol data-testid="template-precedence">
            {eff.candidates.map((c) => (
              <li key={`${c.groupId}-${c.templateId}`}>
                {c.groupName} ({c.templateName}){c.applies ? "" : ` — ${t.notApplied.replace("{usage}", c.usage === "SERVER" ? t.server : t.client)}`}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
