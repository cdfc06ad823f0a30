import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { IdentityTool } from "@/components/mtls/IdentityTool";

export default async function MtlsToolPage() {
  await pageData(() => requireActor(EVERYONE));
  const { t } = await getMessages();
  return (
    <>
      <h1>{t.mtls.toolTitle}</h1>
      <p>{t.mtls.toolIntro}</p>
      <IdentityTool t={t} />
    </>
  );
}
