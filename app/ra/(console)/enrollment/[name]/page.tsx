import { loadUa } from "@/lib/enrollment/loaders";
import { ENROLLMENT_MESSAGES } from "@/lib/enrollment/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";
import { UaSettingsForm } from "@/components/enrollment/UaSettingsForm";
import { ResetDeliveryButton } from "@/components/enrollment/ResetDeliveryButton";
import Link from "next/link";

export const dynamic = "force-dynamic";

export default async function UaSettingsPage(props: { params: Promise<{ name: string }> }) {
  const { name } = await props.params;
  const { ua, caSlugs, deliveries, groups } = await pageData(() => loadUa(name));
  const { locale, t: app } = await getMessages();
  const t = ENROLLMENT_MESSAGES[locale].settings;
  return (
    <>
      <h1>{t.title}: {ua.name}</h1>
      <p><a href={`/${ua.name}/ua`}>{t.open}</a></p>
      <section className="panel"><UaSettingsForm ua={ua} caSlugs={caSlugs} groups={groups} t={t} /></section>
      <section className="panel">
        <h2>{t.deliveries}</h2>
        {deliveries.length === 0 ? <p className="empty">{t.noDeliveries}</p> : (
          <table className="data">
            <thead><tr><th>{t.user}</th><th>{t.serial}</th><th>{t.first}</th><th>{t.windowEnds}</th><th>{t.locked}</th><th>{t.count}</th><th></th></tr></thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} data-testid={`delivery-${d.serial}`}>
                  <td>{d.accountName}</td>
                  <td className="mono"><Link href={`/ra/certificates/${d.serial}`}>{d.serial}</Link></td>
                  <td>{formatDateTime(d.firstDeliveredAt)}</td><td>{formatDateTime(d.windowEndsAt)}</td><td>{formatDateTime(d.lockedAt)}</td><td>{d.count}</td>
                  <td>{(d.firstDeliveredAt || d.lockedAt) && <ResetDeliveryButton id={d.id} ua={ua.name} t={t} cancel={app.common.cancel} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
