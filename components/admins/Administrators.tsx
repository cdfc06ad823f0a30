"use client";
import { useRouter } from "next/navigation";
import { useActionState, useState, useTransition } from "react";
import type { AuthMessages } from "@/lib/auth/messages";
import {
  createAdminAction, resetAdminPasswordAction, resetTotpAction, setSignInPolicyAction, updateAdminAction,
} from "@/lib/auth/actions";
import type { ActionResult } from "@/lib/action-result";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { formatDateTime } from "@/components/ui/format";

type T = AuthMessages["admins"];
const ROLE_OPTIONS = ["ADMIN", "OPERATOR", "AUDITOR"] as const;

export interface AdminRow {
  id: string; email: string; name: string | null; role: string; status: string; createdAt: Date; totpEnabled: boolean; totpRequired: boolean;
}

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

/** One administrator's row: role, enable/disable, two-factor, password reset. */
export function AdministratorRow({ admin, t, self, cancel }: { admin: AdminRow; t: T; self: boolean; cancel: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ r: ActionResult<null>; ok: string } | null>(null);
  const [password, setPassword] = useState("");
  const run = (fn: () => Promise<ActionResult<null>>, ok = t.saved) => start(async () => { setResult({ r: await fn(), ok }); router.refresh(); });
  const active = admin.status === "ACTIVE";
  return (
    <tr data-testid={`admin-row-${admin.email}`}>
      <td>{admin.email}{self && <span className="badge muted"> {t.you}</span>}<br /><small>{admin.name}</small></td>
      <td>
        <select aria-label={`${t.role}: ${admin.email}`} defaultValue={admin.role} disabled={pending}
          onChange={(e) => { const role = e.currentTarget.value as (typeof ROLE_OPTIONS)[number]; run(() => updateAdminAction(admin.id, { role })); }}>
          {ROLE_OPTIONS.map((r) => <option key={r}>{r}</option>)}
        </select>
      </td>
      <td>{active ? <span className="badge ok">{t.active}</span> : <span className="badge muted">{t.disabled}</span>}</td>
      <td>
        {admin.totpEnabled ? t.enrolled : t.notEnrolled}
        <label className="check"><input type="checkbox" defaultChecked={admin.totpRequired} disabled={pending}
          onChange={(e) => { const totpRequired = e.currentTarget.checked; run(() => updateAdminAction(admin.id, { totpRequired })); }} /> {t.requireTotp}</label>
      </td>
      <td>{formatDateTime(admin.createdAt)}</td>
      <td>
        <div className="row">
          {active ? (
            <ConfirmButton label={t.disable} question={`${t.disableConfirm} (${admin.email})`} confirmLabel={t.disable} cancelLabel={cancel} disabled={pending || self}
              testId={`disable-${admin.email}`} onConfirm={() => run(() => updateAdminAction(admin.id, { status: "DISABLED" }))} />
          ) : (
            <button type="button" className="btn" disabled={pending} onClick={() => run(() => updateAdminAction(admin.id, { status: "ACTIVE" }))}>{t.enable}</button>
          )}
          {admin.totpEnabled && (
            <ConfirmButton label={t.resetTotp} question={`${t.resetTotpConfirm} (${admin.email})`} confirmLabel={t.resetTotp} cancelLabel={cancel} disabled={pending}
              onConfirm={() => run(() => resetTotpAction(admin.id))} />
          )}
        </div>
        <div className="row">
          <input type="password" aria-label={`${t.newPassword}: ${admin.email}`} placeholder={t.newPassword} value={password} autoComplete="new-password"
            onChange={(e) => setPassword(e.currentTarget.value)} />
          <ConfirmButton label={t.resetPassword} question={`${t.resetPasswordConfirm} (${admin.email})`} confirmLabel={t.resetPassword} cancelLabel={cancel}
            disabled={pending || password.length === 0} onConfirm={() => run(async () => { const r = await resetAdminPasswordAction(admin.id, password); if (r.ok) setPassword(""); return r; }, t.passwordReset)} />
        </div>
        {result && !result.r.ok && <Alert kind="error">{result.r.error.message}</Alert>}
        {result?.r.ok && <Alert kind="ok">{result.ok}</Alert>}
      </td>
    </tr>
  );
}
