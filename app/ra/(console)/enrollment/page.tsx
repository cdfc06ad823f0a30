import Link from "next/link";
import { loadUaList } from "@/lib/enrollment/loaders";
import { ENROLLMENT_MESSAGES } from "@/lib/enrollment/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { UaSettingsForm } from "@/components/enrollment/UaSettingsForm";

export const dynamic = "force-dynamic";

export default async function EnrollmentPage() {
  const { uas, caSlugs, groups } = await pageData(() => loadUaList());
  const t = ENROLLMENT_MESSAGES[await getLocale()].settings;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {uas.length === 0 ? <p className="empty panel">{t.none}</p> : (
        <table className="data">
          <thead><tr><th>{t.name}</th><th>{t.ca}</th><th>{t.importOnce}</th><th>{t.downloadWindow}</th><th>{t.iphoneUa}</th><th>{t.accepting}</th><th></th></tr></thead>
          <tbody>
            {uas.map((ua) => (
              <tr key={ua.id} data-testid={`ua-row-${ua.name}`}>
                <td><Link href={`/ra/enrollment/${ua.name}`}>{ua.name}</Link></td>
                <td>{ua.caSlug}</td><td>{ua.importOnce ? "✓" : ""}</td><td>{ua.downloadWindowMinutes || ""}</td><td>{ua.iphoneUa ? "✓" : ""}</td><td>{ua.acceptApplications ? "✓" : ""}</td>
                <td><a href={`/${ua.name}/ua`}>{t.open}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="panel">
        <h2>{t.create}</h2>
        <UaSettingsForm ua={null} caSlugs={caSlugs} groups={groups} t={t} />
      </section>
    </>
  );
}
