import Link from "next/link";
import { loadAuthorityDetail } from "@/lib/ca/loaders";
import { CA_MESSAGES, fill } from "@/lib/ca/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { currentAdmin } from "@/lib/auth/guard";
import { formatDateTime } from "@/components/ui/format";
import { PublishCrlButton } from "@/components/authorities/PublishCrlButton";
import { RevokeAuthorityButton } from "@/components/authorities/RevokeAuthorityButton";

export default async function AuthorityPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ca = await pageData(() => loadAuthorityDetail(slug));
  const admin = await currentAdmin();
  const { t: common, locale } = await getMessages();
  const t = CA_MESSAGES[locale].authorities;
  const isAdmin = admin?.role === "ADMIN";
  return (
    <>
      <p><Link href="/ra/authorities">{t.title}</Link> &gt; {ca.slug}</p>
      <h1 data-testid="ca-title">
        {ca.parentSlug ? t.intermediate : t.root}: {ca.slug}{" "}
        {ca.revokedAt ? <span className="badge revoked">{t.revoked}</span> : <span className="badge ok">{t.active}</span>}
      </h1>
      <section className="panel" aria-label={ca.slug}>
        <dl className="info" data-testid="ca-info">
          <dt>{t.name}</dt><dd>{ca.name}</dd>
          <dt>{t.subject}</dt><dd className="mono" data-testid="ca-subject">{ca.subject}</dd>
          <dt>{t.issuer}</dt><dd className="mono">{ca.issuer}{ca.parentSlug && <> (<Link href={`/ra/authorities/${ca.parentSlug}`}>{ca.parentSlug}</Link>)</>}</dd>
          {ca.serial && (<><dt>{t.serial}</dt><dd className="mono">{ca.serial}</dd></>)}
          <dt>{t.key}</dt><dd>{ca.keyAlgorithm} ({ca.keyDescription})</dd>
          <dt>{t.validity}</dt><dd>{formatDateTime(ca.notBefore)} – {formatDateTime(ca.notAfter)}</dd>
          <dt>{t.sha1}</dt><dd className="mono" data-testid="ca-sha1">{ca.sha1}</dd>
          <dt>{t.sha256}</dt><dd className="mono" data-testid="ca-sha256">{ca.sha256}</dd>
          <dt>{t.basicConstraints}</dt><dd className="mono">{ca.basicConstraints}</dd>
          <dt>{t.keyUsage}</dt><dd>{ca.keyUsage.join(", ")}</dd>
          <dt>{t.ski}</dt><dd className="mono">{ca.subjectKeyIdentifier ?? "-"}</dd>
          <dt>{t.aki}</dt><dd className="mono">{ca.authorityKeyIdentifier ?? "-"}</dd>
          {ca.crlDistributionPoints.length > 0 && (<><dt>{t.crlDp}</dt><dd className="mono">{ca.crlDistributionPoints.join(", ")}</dd></>)}
          {ca.revokedAt && (<><dt>{t.revokedAt}</dt><dd>{formatDateTime(ca.revokedAt)} ({ca.revocationReason})</dd></>)}
        </dl>
      </section>

      <h2>{t.crl}</h2>
      <section className="panel">
        {ca.crl ? (
          <dl className="info" data-testid="crl-info">
            <dt>{t.crlNumber}</dt><dd data-testid="crl-number">{ca.crl.number}</dd>
            <dt>{t.thisUpdate}</dt><dd>{formatDateTime(ca.crl.thisUpdate)}</dd>
            <dt>{t.nextUpdate}</dt><dd>{formatDateTime(ca.crl.nextUpdate)}</dd>
            <dt>{t.entries}</dt><dd data-testid="crl-entries">{ca.crl.entries}</dd>
          </dl>
        ) : <p className="empty">{t.noCrl}</p>}
        {isAdmin && (
          <PublishCrlButton slug={ca.slug} label={t.publish} question={fill(t.publishConfirm, { slug: ca.slug })} done={t.published} cancel={common.common.cancel} />
        )}
      </section>

      <h2>{t.downloads}</h2>
      <div className="row panel" data-testid="ca-downloads">
        <a className="btn" href={`/crl/${ca.slug}.pem`} download>{t.caPem}</a>
        <a className="btn" href={`/crl/${ca.slug}.der`} download>{t.caDer}</a>
        <a className="btn" href={`/crl/${ca.slug}_crl.pem`} download>{t.crlPem}</a>
        <a className="btn" href={`/crl/${ca.slug}_crl.der`} download>{t.crlDer}</a>
        <a className="btn" href={`/crl/${ca.slug}_chain.pem`} download>{t.chainPem}</a>
        <Link className="btn" href={`/ra/authorities/${ca.slug}/recipes`} data-testid={`recipes-${ca.slug}`}>{t.recipes}</Link>
      </div>

      <h2>{t.children}</h2>
      {ca.children.length === 0 ? <p className="empty panel">-</p> : (
        <ul className="panel" data-testid="ca-children">
          {ca.children.map((c) => (
            <li key={c.slug}><Link href={`/ra/authorities/${c.slug}`}>{c.slug}</Link>{c.revokedAt && <> <span className="badge revoked">{t.revoked}</span></>}</li>
          ))}
        </ul>
      )}
      {isAdmin && !ca.revokedAt && ca.pathLength !== 0 && (
        <p><Link className="btn" href={`/ra/authorities/new?parent=${ca.slug}`} data-testid="create-intermediate">{t.create} ({t.intermediate})</Link></p>
      )}

      {isAdmin && ca.parentSlug && (
        <RevokeAuthorityButton
          slug={ca.slug}
          revoked={Boolean(ca.revokedAt)}
          heading={t.revoke}
          label={t.revoke}
          reasonLabel={t.reason}
          question={fill(t.revokeConfirm, { slug: ca.slug, parent: ca.parentSlug })}
          done={t.revokedDone}
          cancel={common.common.cancel}
        />
      )}

      <h2>{t.pem}</h2>
      <pre className="pem">{ca.pem}</pre>
    </>
  );
}
