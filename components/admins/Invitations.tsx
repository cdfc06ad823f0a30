"use client";
import { useActionState, useState } from "react";
import type { AuthMessages } from "@/lib/auth/messages";
import { inviteAdminAction, type InvitationResult } from "@/lib/auth/actions";
import { fill } from "@/lib/i18n/fill";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

type T = AuthMessages["admins"];

/** The ADMIN's form: e-mail, role, and whether this administrator must use two-factor sign-in. */
export function InviteAdministratorForm({ t, hours }: { t: T; hours: number }) {
  const [state, action, pending] = useActionState(inviteAdminAction, null);
  return (
    <form action={action} aria-label={t.invite}>
      <p>{fill(t.inviteIntro, { hours })}</p>
      {state && !state.ok && <Alert kind="error" testId="invite-error">{state.error.message}</Alert>}
      {state?.ok && <InvitationLink t={t} invitation={state.data} />}
      <div className="row">
        <Field label={t.email} name="email" type="email" required autoComplete="off" />
        <div className="field">
          <label htmlFor="invite-role">{t.role}</label>
          <select id="invite-role" name="role" defaultValue="OPERATOR">
            {(["ADMIN", "OPERATOR", "AUDITOR"] as const).map((r) => <option key={r}>{r}</option>)}
          </select>
        </div>
      </div>
      <label className="check"><input type="checkbox" name="totpRequired" /> {t.inviteRequireTotp}</label>
      <div><button className="btn primary" type="submit" disabled={pending}>{t.inviteSend}</button></div>
    </form>
  );
}

/** The link, shown once after an invitation or a resend, with what became of the e-mail. */
export function InvitationLink({ t, invitation }: { t: T; invitation: InvitationResult }) {
  const [copied, setCopied] = useState(false);
  const mail = invitation.mail.status === "sent"
    ? fill(t.mailSent, { email: invitation.email })
    : invitation.mail.status === "failed"
      ? fill(t.mailFailed, { email: invitation.email, error: invitation.mail.error ?? "" })
      : fill(t.mailNotConfigured, { email: invitation.email });
  return (
    <div className="alert ok" role="status" data-testid="invitation-result">
      <p>{fill(t.invited, { email: invitation.email })} <span data-testid="invitation-mail">{mail}</span></p>
      <div className="field">
        <label htmlFor="invitation-link">{t.inviteLink}</label>
        <input id="invitation-link" className="mono" readOnly value={invitation.link} data-testid="invitation-link" onFocus={(e) => e.currentTarget.select()} />
      </div>
      <button type="button" className="btn" onClick={async () => { await navigator.clipboard?.writeText(invitation.link); setCopied(true); }}>{t.copy}</button>
      {copied && <span role="status"> {t.copied}</span>}
    </div>
  );
}
