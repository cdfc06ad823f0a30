"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { AccountMessages } from "@/lib/accounts/messages";
import { fill } from "@/lib/accounts/messages";
import { deleteAccountAction } from "@/lib/accounts/actions";
import { Alert } from "@/components/ui/Alert";

/**
 * "Delete account" with a modal dialog that states what happens to the account's valid
 * certificates and makes the administrator choose: revoke them or keep them valid.
 */
export function DeleteAccountDialog({ name, valid, total, t }: { name: string; valid: number; total: number; t: AccountMessages["page"] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [choice, setChoice] = useState<"revoke" | "keep">("revoke");
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const confirm = () =>
    start(async () => {
      const result = await deleteAccountAction(name, choice);
      if (result.ok) {
        dialog.current?.close();
        router.refresh();
      } else setError(result.error.message);
    });
  return (
    <>
      <button type="button" className="btn danger" onClick={() => dialog.current?.showModal()} data-testid="delete-account">{t.delete}</button>
      <dialog ref={dialog} aria-labelledby="delete-account-title" data-testid="delete-account-dialog">
        <h2 id="delete-account-title" style={{ marginTop: 0 }}>{fill(t.deleteTitle, { name })}</h2>
        {error && <Alert kind="error" testId="delete-error">{error}</Alert>}
        <p>{valid > 0 ? fill(t.deleteCounts, { valid, total }) : t.deleteNone}</p>
        {valid > 0 && (
          <fieldset className="field" style={{ border: 0, padding: 0 }}>
            <legend><b>{t.deleteChoice}</b></legend>
            <label className="row"><input type="radio" name="certificates" value="revoke" checked={choice === "revoke"} onChange={() => setChoice("revoke")} /> {t.deleteRevoke}</label>
            <label className="row"><input type="radio" name="certificates" value="keep" checked={choice === "keep"} onChange={() => setChoice("keep")} /> {t.deleteKeep}</label>
          </fieldset>
        )}
        <p className="help">{t.deleteAfter}</p>
        <div className="row">
          <button type="button" className="btn danger" onClick={confirm} disabled={pending} data-testid="delete-account-confirm">{t.deleteConfirm}</button>
          <button type="button" className="btn" onClick={() => dialog.current?.close()} autoFocus>{t.cancel}</button>
        </div>
      </dialog>
    </>
  );
}
