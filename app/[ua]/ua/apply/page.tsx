import { notFound } from "next/navigation";
import { loadApplyPage } from "@/lib/applications/loaders";
import { APPLICATION_MESSAGES } from "@/lib/applications/messages";
import { getLocale } from "@/lib/i18n/locale";
import { ApplyForm } from "@/components/applications/ApplyForm";

export const dynamic = "force-dynamic";

/** Public while the UA takes applications; otherwise this address does not exist (404). */
export default async function ApplyPage(props: { params: Promise<{ ua: string }> }) {
  const { ua: uaName } = await props.params;
  const data = await loadApplyPage(uaName);
  if (!data) notFound();
  const t = APPLICATION_MESSAGES[await getLocale()].apply;
  return (
    <main className="center panel" id="main">
      <h1>{t.title}</h1>
      <ApplyForm ua={data.ua} t={t} />
      <p><a href={`/${data.ua}/ua`}>{t.back}</a></p>
    </main>
  );
}
