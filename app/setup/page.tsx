import { setupRequired } from "@/lib/setup";
import { getMessages } from "@/lib/i18n/locale";
import { SetupForm } from "@/components/auth/SetupForm";
import { Alert } from "@/components/ui/Alert";

export const dynamic = "force-dynamic";

export default async function SetupPage() {
  const { t } = await getMessages();
  const required = await setupRequired();
  return (
    <main className="center panel" id="main">
      <h1>{t.setup.title}</h1>
      {required ? <SetupForm t={t.setup} /> : <Alert kind="info"><a href="/ra/login">{t.setup.done}</a></Alert>}
    </main>
  );
}
