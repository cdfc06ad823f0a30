import { loadAdministrators } from "@/lib/auth/loaders";
import { AUTH_MESSAGES } from "@/lib/auth/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { AddAdministratorForm, AdministratorRow, SignInPolicyForm } from "@/components/admins/Administrators";
import { InviteAdministratorForm } from "@/components/admins/Invitations";

export default async function AdministratorsPage() {
  const { admins, policy, selfId, invitationHours } = await pageData(() => loadAdministrators());
  const { t: common, locale } = await getMessages();
  const t = AUTH_MESSAGES[locale].admins;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <section className="panel" aria-labelledby="policy-h"><h2 id="policy-h">{t.policy}</h2><SignInPolicyForm t={t} requireTotp={policy.requireTotp} /></section>
      <section className="panel" aria-labelledby="invite-h"><h2 id="invite-h">{t.invite}</h2><InviteAdministratorForm t={t} hours={invitationHours} /></section>
      <section className="panel" aria-labelledby="add-h"><h2 id="add-h">{t.createWithPassword}</h2><AddAdministratorForm t={t} /></section>
      <table className="data">
        <thead><tr><th>{t.email}</th><th>{t.role}</th><th>{t.status}</th><th>{t.totp}</th><th>{t.created}</th><th></th></tr></thead>
        <tbody>
          {admins.map((a) => <AdministratorRow key={a.id} admin={a} t={t} self={a.id === selfId} cancel={common.common.cancel} />)}
        </tbody>
      </table>
    </>
  );
}
