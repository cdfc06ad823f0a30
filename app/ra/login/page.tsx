import { redirect } from "next/navigation";
import { currentAdmin } from "@/lib/auth/guard";
import { setupRequired } from "@/lib/setup";
import { getMessages } from "@/lib/i18n/locale";
import { LoginForm } from "@/components/auth/LoginForm";
import { LocaleSwitch } from "@/components/layout/LocaleSwitch";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await setupRequired()) redirect("/setup");
  if (await currentAdmin()) redirect("/ra");
  const { t, locale } = await getMessages();
  return (
    <main className="center panel" id="main">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>{t.login.title}</h1>
        <LocaleSwitch locale={locale} label={t.app.language} />
      </div>
      <LoginForm t={t.login} />
    </main>
  );
}
