import Link from "next/link";
import { loadParentChoices } from "@/lib/ca/loaders";
import { CA_MESSAGES } from "@/lib/ca/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { CreateAuthorityForm } from "@/components/authorities/CreateAuthorityForm";

export default async function NewAuthorityPage({ searchParams }: { searchParams: Promise<{ parent?: string }> }) {
  const parents = await pageData(() => loadParentChoices());
  const { parent } = await searchParams;
  const t = CA_MESSAGES[await getLocale()].authorities;
  return (
    <>
      <p><Link href="/ra/authorities">{t.title}</Link> &gt; {t.create}</p>
      <h1>{t.create}</h1>
      <CreateAuthorityForm t={t} parents={parents} defaultParent={parents.some((p) => p.slug === parent) ? parent : undefined} />
    </>
  );
}
