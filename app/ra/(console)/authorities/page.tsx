import Link from "next/link";
import { loadAuthorities } from "@/lib/ca/loaders";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { currentAdmin } from "@/lib/auth/guard";
import { formatDateTime } from "@/components/ui/format";
import { PublishCrlButton } from "@/components/authorities/PublishCrlButton";

export default async function AuthoritiesPage() {
  const authorities = await pageData(() => loadAuthorities());
  const admin = await currentAdmin();
  const { t } = await getMessages();
  return (
    <>
      <h1>{t.authorities.title}</h1>
      {authorities.map((ca) => (
        <section className="panel" key={ca.slug} data-testid={`ca-${ca.slug}`}>
          <h2 style={{ marginTop: 0 }}>{ca.slug}</h2>
          <dl className="info">
            <dt>{t.authorities.subject}</dt><dd className="mono">{ca.subject}</dd>
            <dt>{t.authorities.key}</dt><dd>{ca.keyAlgorithm}</dd>
            <dt>{t.certificate.validity}</dt><dd>{formatDateTime(ca.notBefore)} – {formatDateTime(ca.notAfter)}</dd>
            <dt>SHA-1</dt><dd className="mono">{ca.sha1}</dd>
            <dt>SHA-256</dt><dd className="mono">{ca.sha256}</dd>
            <dt>{t.authorities.crl}</dt>
            <dd>{ca.crl ? `#${ca.crl.number} · ${formatDateTime(ca.crl.thisUpdate)} → ${formatDateTime(ca.crl.nextUpdate)} · ${t.authorities.entries}: ${ca.crl.entries}` : "-"}</dd>
            <dt>{t.authorities.download}</dt>
            <dd className="row">
              <a href={`/crl/${ca.slug}.pem`}>{ca.slug}.pem</a>
              <a href={`/crl/${ca.slug}.der`}>{ca.slug}.der</a>
              <a href={`/crl/${ca.slug}_crl.pem`}>{ca.slug}_crl.pem</a>
              <a href={`/crl/${ca.slug}_crl.der`}>{ca.slug}_crl.der</a>
            </dd>
            <dt>{t.mtls.recipes}</dt>
            <dd><Link href={`/ra/authorities/${ca.slug}/recipes`} data-testid={`recipes-${ca.slug}`}>nginx · Apache · IIS · AWS ALB</Link></dd>
          </dl>
          {admin?.role === "ADMIN" && <PublishCrlButton slug={ca.slug} label={t.authorities.publish} done={t.authorities.published} />}
        </section>
      ))}
    </>
  );
}
