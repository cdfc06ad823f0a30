import Link from "next/link";
import { loadCertificateDetail } from "@/lib/ca/loaders";
import { CA_MESSAGES } from "@/lib/ca/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";
import { StatusBadge } from "@/components/certificates/StatusBadge";
import { RevokeForm } from "@/components/certificates/RevokeForm";
import { DownloadPkcs12Form } from "@/components/certificates/DownloadPkcs12Form";
import { currentAdmin } from "@/lib/auth/guard";
import { loadAcmTargets } from "@/lib/deploy/loaders";
import { DEPLOY_MESSAGES } from "@/lib/deploy/messages";
import { AcmExportPanel } from "@/components/deploy/AcmExportPanel";
import { DockToggleButton } from "@/components/dock/DockToggleButton";
import { loadDockState } from "@/lib/dock/loaders";
import { DOCK_MESSAGES } from "@/lib/dock/messages";

export default async function CertificatePage({ params }: { params: Promise<{ serial: string }> }) {
  const { serial } = await params;
  const cert = await pageData(() => loadCertificateDetail(serial));
  const { t, locale } = await getMessages();
  const c = CA_MESSAGES[locale].certificates;
  // Exporting an unencrypted key for ACM is for ADMINs only, and only while Inkan holds the key.
  const acm = cert.hasServerKey && cert.status === "ISSUED" && (await currentAdmin())?.role === "ADMIN" ? await loadAcmTargets() : null;
  const dock = await pageData(() => loadDockState("certificate", cert.id));
  const file = (format: string) => `/api/v1/certificates/${cert.serial}/file?format=${format}&ca=${encodeURIComponent(cert.caSlug)}`;
  return (
    <>
      <p><Link href="/ra/certificates">{c.title}</Link> &gt; <Link href={`/ra/accounts/${encodeURIComponent(cert.accountName)}`}>{cert.accountName}</Link> &gt; {t.certificate.title}</p>
      <h1>{t.certificate.title} <StatusBadge status={cert.status} t={t.certificate} /></h1>
      <section className="panel">
        <dl className="info" data-testid="certificate-info">
          <dt>{t.account.serial}</dt><dd className="mono" data-testid="serial">{cert.serial}</dd>
          <dt>{t.certificate.subject}</dt><dd className="mono" data-testid="subject">{cert.subjectString}</dd>
          <dt>{t.certificate.issuer}</dt><dd className="mono">{cert.issuer} (<Link href={`/ra/authorities/${cert.caSlug}`}>{cert.caSlug}</Link>)</dd>
          <dt>{t.certificate.account}</dt><dd>{cert.accountName}</dd>
          <dt>{t.certificate.sans}</dt><dd className="mono">{cert.sanList.join(", ") || "-"}</dd>
          <dt>{t.certificate.validity}</dt><dd>{formatDateTime(cert.notBefore)} – {formatDateTime(cert.notAfter)}</dd>
          <dt>{t.account.keyType}</dt><dd>{cert.keyAlgorithm}</dd>
          <dt>{c.key}</dt><dd>{cert.keyDescription}</dd>
          <dt>{c.signatureAlgorithm}</dt><dd>{cert.signatureAlgorithm}</dd>
          <dt>{c.keyUsage}</dt><dd>{cert.keyUsage.join(", ") || "-"}</dd>
          <dt>{c.eku}</dt><dd>{cert.extendedKeyUsage.join(", ") || "-"}</dd>
          <dt>{c.basicConstraints}</dt><dd className="mono">{cert.basicConstraints}</dd>
          <dt>{c.ski}</dt><dd className="mono">{cert.subjectKeyIdentifier ?? "-"}</dd>
          <dt>{c.aki}</dt><dd className="mono">{cert.authorityKeyIdentifier ?? "-"}</dd>
          <dt>{c.crlDp}</dt><dd className="mono">{cert.crlDistributionPoints.join(", ") || "-"}</dd>
          <dt>{t.certificate.source}</dt><dd>{cert.source === "CSR" ? t.certificate.csr : t.certificate.keygen}</dd>
          <dt>SHA-1</dt><dd className="mono" data-testid="sha1">{cert.sha1}</dd>
          <dt>SHA-256</dt><dd className="mono" data-testid="sha256">{cert.sha256}</dd>
          {cert.status === "REVOKED" && (<><dt>{t.account.revokedAt}</dt><dd>{formatDateTime(cert.revokedAt)} ({cert.revocationReason})</dd></>)}
        </dl>
      </section>
      {dock && <DockToggleButton kind="certificate" id={cert.id} inDock={dock.inDock} t={{ put: DOCK_MESSAGES[locale].put, remove: DOCK_MESSAGES[locale].remove, inDock: DOCK_MESSAGES[locale].inDock }} />}
      <h2>{t.certificate.downloads}</h2>
      <div className="row panel">
        <a className="btn" href={file("pem")} download data-testid="download-pem">{t.certificate.pem}</a>
        <a className="btn" href={file("der")} download data-testid="download-der">{t.certificate.der}</a>
        <a className="btn" href={file("chain")} download data-testid="download-chain">{t.certificate.chain}</a>
      </div>
      {cert.hasServerKey && cert.status === "ISSUED" && (
        <section className="panel"><DownloadPkcs12Form serial={cert.serial} t={t.account} label={t.certificate.downloadP12} /></section>
      )}
      {acm && <AcmExportPanel serial={cert.serial} targets={acm} t={DEPLOY_MESSAGES[locale].acm} />}
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
      <pre className="pem" data-testid="pem">{cert.pem}</pre>
    </>
  );
}
