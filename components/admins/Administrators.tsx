"use client";
import { useRouter } from "next/navigation";
import { useActionState, useState, useTransition } from "react";
import type { AuthMessages } from "@/lib/auth/messages";
import {
  createAdminAction, resendInvitationAction, resetAdminPasswordAction, resetTotpAction, revokeInvitationAction, setSignInPolicyAction, updateAdminAction,
  type InvitationResult,
} from "@/lib/auth/actions";
import { fill } from "@/lib/i18n/fill";
import type { ActionResult } from "@/lib/action-result";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { InvitationLink } from "./Invitations";
import { formatDateTime } from "@/components/ui/format";

type T = AuthMessages["admins"];
const ROLE_OPTIONS = ["ADMIN", "OPERATOR", "AUDITOR"] as const;

export interface AdminRow {
  id: string; email: string; name: string | null; role: string; status: string; createdAt: Date; totpEnabled: boolean; totpRequired: boolean;
  invitation: { expiresAt: Date; expired: boolean } | null;
}

type Role = (typeof ROLE_OPTIONS)[number];
/** How a question names the administrator: "Taro (taro@example.com)", or the e-mail alone. */
const who = (a: AdminRow) => (a.name ? `${a.name} (${a.email})` : a.email);

export function AddAdministratorForm({ t }: { t: T }) {
  const [state, action, pending] = useActionState(createAdminAction, null);
  return (
    <form action={action} aria-label={t.create}>
      {state && !state.ok && <Alert kind="error" testId="admin-error">{state.error.message}</Alert>}
      {state?.ok && <Alert kind="ok">{t.created1} {state.data.email}</Alert>}
      <div className="row">
        <Field label={t.email} name="email" type="email" required autoComplete="off" />
        <Field label={t.name} name="name" type="text" autoComplete="off" />
        <div className="field">
          <label htmlFor="new-admin-role">{t.role}</label>
          <select id="new-admin-role" name="role" defaultValue="OPERATOR">
            {ROLE_OPTIONS.map((r) => <option key={r}>{r}</option>)}
          </select>
        </div>
      </div>
      <Field label={t.initialPassword} name="password" type="password" required autoComplete="new-password" minLength={12} />
      <button className="btn primary" type="submit" disabled={pending}>{t.create}</button>
    </form>
  );
}

export function SignInPolicyForm({ t, requireTotp }: { t: T; requireTotp: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<null> | null>(null);
  return (
    <div>
      {result && !result.ok && <Alert kind="error">{result.error.message}</Alert>}
      {result?.ok && <Alert kind="ok">{t.policySaved}</Alert>}
      <label className="check">
        <input type="checkbox" defaultChecked={requireTotp} disabled={pending} data-testid="policy-require-totp"
          onChange={(e) => { const on = e.currentTarget.checked; start(async () => { setResult(await setSignInPolicyAction(on)); router.refresh(); }); }} />
        {" "}{t.policyRequireTotp}
      </label>
    </div>
  );
}

/**
 * One administrator's row: role, enable/disable, two-factor, password reset, and for an
 * invited administrator the invitation (resend, revoke). Every change that takes something
 * away asks first in a dialog naming the administrator and the change.
 */
export function AdministratorRow({ admin, t, self, cancel }: { admin: AdminRow; t: T; self: boolean; cancel: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ r: ActionResult<unknown>; ok: string } | null>(null);
  const [invitation, setInvitation] = useState<InvitationResult | null>(null);
  const [password, setPassword] = useState("");
  const [newRole, setNewRole] = useState<Role | null>(null);
  const run = (fn: () => Promise<ActionResult<unknown>>, ok = t.saved) => start(async () => { setResult({ r: await fn(), ok }); router.refresh(); });
  const active = admin.status === "ACTIVE";
  const invited = admin.status === "INVITED";
  const q = (template: string, values: Record<string, string> = {}) => fill(template, { who: who(admin), ...values });
  return (
    <tr data-testid={`admin-row-${admin.email}`}>
      <td>{admin.email}{self && <span className="badge muted"> {t.you}</span>}<br /><small>{admin.name}</small></td>
      <td>
        {/* Controlled: the select shows the stored role until the dialog is confirmed, so Cancel changes nothing. */}
        <select aria-label={`${t.role}: ${admin.email}`} value={newRole ?? admin.role} disabled={pending || self} title={self ? t.selfHint : undefined}
          onChange={(e) => { const role = e.currentTarget.value as Role; if (role !== admin.role) setNewRole(role); }}>
          {ROLE_OPTIONS.map((r) => <option key={r}>{r}</option>)}
        </select>
        <ConfirmDialog open={newRole !== null} question={q(t.roleConfirm, { from: admin.role, to: newRole ?? "" })} confirmLabel={t.changeRole} cancelLabel={cancel}
          testId={`role-confirm-${admin.email}`} onCancel={() => setNewRole(null)}
          onConfirm={() => { const role = newRole!; run(async () => { const r = await updateAdminAction(admin.id, { role }); setNewRole(null); return r; }); }} />
      </td>
      <td>
        {invited ? (
          <span className="badge muted" data-testid={`invitation-${admin.email}`}>
            {admin.invitation?.expired ? fill(t.invitationExpired, { time: formatDateTime(admin.invitation.expiresAt) }) : fill(t.invitedStatus, { time: formatDateTime(admin.invitation?.expiresAt) })}
          </span>
        ) : active ? <span className="badge ok">{t.active}</span> : <span className="badge muted">{t.disabled}</span>}
      </td>
      <td>
        {admin.totpEnabled ? t.enrolled : t.notEnrolled}
        <label className="check"><input type="checkbox" defaultChecked={admin.totpRequired} disabled={pending}
          onChange={(e) => { const totpRequired = e.currentTarget.checked; run(() => updateAdminAction(admin.id, { totpRequired })); }} /> {t.requireTotp}</label>
      </td>
      <td>{formatDateTime(admin.createdAt)}</td>
      <td>
        {invited ? (
          <div className="row">
            <button type="button" className="btn" disabled={pending} data-testid={`resend-${admin.email}`}
              onClick={() => start(async () => { const r = await resendInvitationAction(admin.id); setInvitation(r.ok ? r.data : null); setResult({ r, ok: t.resent }); router.refresh(); })}>{t.resend}</button>
            <ConfirmButton label={t.revokeInvitation} question={q(t.revokeInvitationQuestion)} confirmLabel={t.revokeInvitation} cancelLabel={cancel} disabled={pending}
              testId={`revoke-${admin.email}`} onConfirm={() => run(() => revokeInvitationAction(admin.id), t.revoked)} />
          </div>
        ) : (
          <>
            <div className="row">
              {active ? (
                <ConfirmButton label={t.disable} question={q(t.disableQuestion)} confirmLabel={t.disable} cancelLabel={cancel} disabled={pending || self}
                  testId={`disable-${admin.email}`} onConfirm={() => run(() => updateAdminAction(admin.id, { status: "DISABLED" }))} />
              ) : (
                <button type="button" className="btn" disabled={pending} onClick={() => run(() => updateAdminAction(admin.id, { status: "ACTIVE" }))}>{t.enable}</button>
              )}
              {admin.totpEnabled && (
                <ConfirmButton label={t.resetTotp} question={q(t.resetTotpQuestion)} confirmLabel={t.resetTotp} cancelLabel={cancel} disabled={pending}
                  testId={`reset-totp-${admin.email}`} onConfirm={() => run(() => resetTotpAction(admin.id))} />
              )}
            </div>
            {self && <small className="help">{t.selfHint}</small>}
            <div className="row">
              <input type="password" aria-label={`${t.newPassword}: ${admin.email}`} placeholder={t.newPassword} value={password} autoComplete="new-password"
                onChange={(e) => setPassword(e.currentTarget.value)} />
              <ConfirmButton label={t.resetPassword} question={q(t.resetPasswordQuestion)} confirmLabel={t.resetPassword} cancelLabel={cancel}
                testId={`reset-password-${admin.email}`}
                disabled={pending || password.length === 0} onConfirm={() => run(async () => { const r = await resetAdminPasswordAction(admin.id, password); if (r.ok) setPassword(""); return r; }, t.passwordReset)} />
            </div>
          </>
        )}
        {result && !result.r.ok && <Alert kind="error" testId={`admin-row-error-${admin.email}`}>{result.r.error.message}</Alert>}
        {result?.r.ok && <Alert kind="ok">{result.ok}</Alert>}
        {invitation && <InvitationLink t={t} invitation={invitation} />}
      </td>
    </tr>
  );
}
