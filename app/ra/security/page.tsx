import Link from "next/link";
import { loadOwnSecurity } from "@/lib/auth/loaders";
import { AUTH_MESSAGES } from "@/lib/auth/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/Alert";
import { LocaleSwitch } from "@/components/layout/LocaleSwitch";
import { SignOutButton } from "@/components/layout/SignOutButton";
import { ChangePasswordForm, TotpEnrollment } from "@/components/admins/Security";

export const dynamic = "force-dynamic";

// Outside the console layout on purpose: an administrator who must set up two-factor
// sign-in is sent here and can reach nothing else until it is done.
export default async function SecurityPage() {
  const me = await pageData(() => loadOwnSecurity());
  if (!me) redirect("/ra/login");
  const { t: common, locale } = await getMessages();
  const t = AUTH_MESSAGES[locale].security;
  const pending = me.twoFactor.required && !me.twoFactor.enrolled;
  return (
    <main className="center panel" id="main">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>{t.title}</h1>
        <div className="row"><LocaleSwitch locale={locale} label={common.app.language} /><SignOutButton label={common.app.signOut} /></div>
      </div>
      <p>{me.email} ({me.role})</p>
      {pending ? <Alert kind="info" testId="totp-pending">{t.pending}</Alert> : <p><Link href="/ra">{t.toConsole}</Link></p>}
      <section aria-labelledby="totp-h">
        <h2 id="totp-h">{t.totp}</h2>
        {me.twoFactor.enrolled ? <p data-testid="totp-on">{t.totpOn}</p> : <><p>{t.totpOff}</p><TotpEnrollment t={t} /></>}
      </section>
      <section aria-labelledby="password-h">
        <h2 id="password-h">{t.password}</h2>
        <ChangePasswordForm t={t} />
      </section>
    </main>
  );
}
