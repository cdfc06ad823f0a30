import Link from "next/link";
import { getMessages } from "@/lib/i18n/locale";

// Rendered with status 403 by forbidden() (lib/http/page.ts) when a role may not see a page.
export default async function Forbidden() {
  const { t } = await getMessages();
  return (
    <main className="center panel" id="main">
      <h1 data-testid="forbidden">{t.forbidden.title}</h1>
      <p>{t.forbidden.body}</p>
      <p><Link href="/ra">{t.forbidden.home}</Link></p>
    </main>
  );
}
