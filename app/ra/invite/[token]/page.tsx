import Link from "next/link";
import { loadInvitation } from "@/lib/auth/loaders";
import { AUTH_MESSAGES } from "@/lib/auth/messages";
import { getMessages } from "@/lib/i18n/locale";
import { fill } from "@/lib/i18n/fill";
import { Alert } from "@/components/ui/Alert";
import { LocaleSwitch } from "@/components/layout/LocaleSwitch";
import { AcceptInvitationForm } from "@/components/admins/AcceptInvitation";

export const dynamic = "force-dynamic";

// Public (outside the console layout): the invitee has no session; the token in the path is
// the credential, checked by the loader and again by the action.
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await loadInvitation(token);
  const { t: common, locale } = await getMessages();
  const t = AUTH_MESSAGES[locale].invite;
  return (
    <main className="center panel" id="main">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>{t.title}</h1>
        <LocaleSwitch locale={locale} label={common.app.language} />
      </div>
      {invitation.state === "valid" ? (
        <>
          <p>{fill(t.intro, { role: invitation.role ?? "", email: invitation.email ?? "" })}</p>
          {invitation.twoFactorRequired && <Alert kind="info" testId="invite-totp-next">{t.totpNext}</Alert>}
          <AcceptInvitationForm t={t} token={token} email={invitation.email ?? ""} />
        </>
      ) : (
        <>
          <Alert kind="error" testId={`invitation-${invitation.state}`}>{t[invitation.state]}</Alert>
          <p><Link href="/ra/login">{t.toLogin}</Link></p>
        </>
      )}
    </main>
  );
}
