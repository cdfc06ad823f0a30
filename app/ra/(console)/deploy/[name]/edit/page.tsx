import Link from "next/link";
import { loadDeployTargetEdit } from "@/lib/deploy/loaders";
import { DEPLOY_MESSAGES, fill } from "@/lib/deploy/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { TargetForm } from "@/components/deploy/TargetForm";

export const dynamic = "force-dynamic";

export default async function EditDeployTargetPage(props: { params: Promise<{ name: string }> }) {
  const { name } = await props.params;
  const { target, caSlugs } = await pageData(() => loadDeployTargetEdit(name));
  const t = DEPLOY_MESSAGES[await getLocale()];
  return (
    <>
      <p><Link href={`/ra/deploy/${target.name}`}>← {target.name}</Link></p>
      <h1>{fill(t.edit.title, { name: target.name })}</h1>
      <section className="panel">
        <TargetForm caSlugs={caSlugs} t={t} target={target} />
      </section>
    </>
  );
}
