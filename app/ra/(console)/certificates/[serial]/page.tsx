import Link from "next/link";
import { loadCertificateDetail } from "@/lib/ca/loaders";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";
import { StatusBadge } from "@/components/certificates/StatusBadge";
import { RevokeForm } from "@/components/certificates/RevokeForm";
import { DownloadPkcs12Form } from "@/components/certificates/DownloadPkcs12Form";

export default async function CertificatePage({ params }: { params: Promise<{ serial: string }> }) {
  const { serial } = await params;
  const cert = await pageData(() => loadCertificateDetail(serial));
  const { t } = await getMessages();
  const file = (format: string) => `/api/v1/certificates/${cert.serial}/file?format=${format}`;
  return (
    <>
      <p><Link href={`/ra/accounts/${encodeURIComponent(cert.accountName)}`}>{cert.accountName}</Link> &gt; {t.certificate.title}</p>
      <h1>{t.certificate.title} <StatusBadge status={cert.status} t={t.certificate} /></h1>
      <section className="panel">
        <dl className="info" data-testid="certificate-info">
          <dt>{t.account.serial}</dt><dd className="mono" data-testid="serial">{cert.serial}</dd>
          <dt>{t.certificate.subject}</dt><dd className="mono">{cert.subject}</dd>
          <dt>{t.certificate.issuer}</dt><dd className="mono">{cert.issuer} ({cert.caSlug})</dd>
          <dt>{t.certificate.account}</dt><dd>{cert.accountName}</dd>
          <dt>{t.certificate.sans}</dt><dd className="mono">{cert.sans.join(", ") || "-"}</dd>
          <dt>{t.certificate.validity}</dt><dd>{formatDateTime(cert.notBefore)} – {formatDateTime(cert.notAfter)}</dd>
          <dt>{t.account.keyType}</dt><dd>{cert.keyAlgorithm}</dd>
          <dt>{t.certificate.source}</dt><dd>{cert.source === "CSR" ? t.certificate.csr : t.certificate.keygen}</dd>
          <dt>SHA-1</dt><dd className="mono">{cert.sha1}</dd>
          <dt>SHA-256</dt><dd className="mono">{cert.sha256}</dd>
          {cert.status === "REVOKED" && (<><dt>{t.account.revokedAt}</dt><dd>{formatDateTime(cert.revokedAt)} ({cert.revocationReason})</dd></>)}
        </dl>
      </section>
      <h2>{t.certificate.downloads}</h2>
      <div className="row panel">
        <a className="btn" href={file("pem")} download data-testid="download-pem">{t.certificate.pem}</a>
        <a className="btn" href={file("der")} download data-testid="download-der">{t.certificate.der}</a>
        <a className="btn" href={file("chain")} download data-testid="download-chain">{t.certificate.chain}</a>
      </div>
      {cert.hasServerKey && cert.status === "ISSUED" && (
        <section className="panel"><DownloadPkcs12Form serial={cert.serial} t={t.account} label={t.certificate.downloadP12} /></section>
      )}
      {cert.status === "ISSUED" && (
        <>
          <h2>{t.certificate.revoke}</h2>
          <section className="panel"><RevokeForm serial={cert.serial} t={t} /></section>
        </>
      )}
      <h2>{t.certificate.activity}</h2>
      <table className="data">
        <tbody>
          {cert.events.map((e) => (
            <tr key={e.id}><td>{formatDateTime(e.at)}</td><td>{e.action}</td><td>{e.actor}</td><td>{e.ip}</td><td className="mono">{e.details}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>PEM</h2>
      <pre className="pem">{cert.pem}</pre>
    </>
  );
}
