import Link from "next/link";
import type { Messages } from "@/lib/i18n";
import type { ClientIdentityJson } from "@/lib/mtls/api";
import { formatDateTime } from "@/components/ui/format";

const STATUS_LABEL = {
  valid: "statusValid", revoked: "statusRevoked", expired: "statusExpired", "not-yet-valid": "statusNotYetValid", unknown: "statusUnknown", foreign: "statusForeign",
} as const;

const SOURCE_LABEL = { "alb-verify": "sourceAlbVerify", "alb-passthrough": "sourceAlbPassthrough", pem: "sourcePem" } as const;

/** What identifyClient found: the verdict first, then the account, Inkan's record and what was presented. */
export function IdentityResult({ identity, t }: { identity: ClientIdentityJson; t: Messages }) {
  const m = t.mtls;
  const { presented, account, certificate } = identity;
  return (
    <section className="panel" data-testid="identity-result">
      <h2 style={{ marginTop: 0 }}>
        {m.result}{" "}
        <span className={`badge ${identity.status === "valid" ? "ok" : identity.status === "revoked" || identity.status === "foreign" ? "revoked" : "muted"}`} data-testid="identity-status" data-status={identity.status}>
          {m[STATUS_LABEL[identity.status]]}
        </span>
      </h2>
      <dl className="info">
        <dt>{m.explanation}</dt><dd data-testid="identity-explanation">{identity.explanation}</dd>
        {account && (<><dt>{m.account}</dt><dd><Link href={`/ra/accounts/${encodeURIComponent(account.name)}`}>{account.name}</Link>{account.displayName ? ` (${account.displayName})` : ""}{account.email ? ` · ${account.email}` : ""} · {account.kind === "SERVER" ? t.accounts.server : t.accounts.user}{account.status !== "ACTIVE" ? ` ${m.accountDisabled}` : ""}</dd></>)}
        {identity.authority && (<><dt>{m.authority}</dt><dd className="mono">{identity.authority.slug} ({identity.authority.subject})</dd></>)}
        {certificate && (<><dt>{m.certificate}</dt><dd className="mono"><Link href={`/ra/certificates/${certificate.serial}`}>{certificate.serial}</Link></dd></>)}
        {identity.revocation && (<><dt>{t.account.revokedAt}</dt><dd>{formatDateTime(identity.revocation.revokedAt)} ({identity.revocation.reason ?? "-"})</dd></>)}
        <dt>{m.checkedAt}</dt><dd>{formatDateTime(identity.checkedAt)}</dd>
      </dl>
      <h3>{m.presented}</h3>
      <dl className="info">
        <dt>{m.source}</dt><dd>{m[SOURCE_LABEL[presented.source]]}</dd>
        <dt>{t.account.serial}</dt><dd className="mono">{presented.serial}</dd>
        <dt>{t.certificate.subject}</dt><dd className="mono">{presented.subject || "-"}</dd>
        <dt>{t.certificate.issuer}</dt><dd className="mono">{presented.issuer}</dd>
        <dt>{t.certificate.validity}</dt><dd>{presented.notBefore ? `${formatDateTime(presented.notBefore)} – ${formatDateTime(presented.notAfter)}` : "-"}</dd>
        {presented.sha256 && (<><dt>SHA-256</dt><dd className="mono">{presented.sha256}</dd></>)}
      </dl>
    </section>
  );
}
