"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { approveApplicationAction, rejectApplicationAction } from "@/lib/applications/actions";
import { fill, type ApplicationMessages } from "@/lib/applications/messages";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

/** Approve (confirmed in a dialog) or reject with a reason (a dialog that asks for it). */
export function ApplicationDecision({ id, userId, t, cancel }: { id: string; userId: string; t: ApplicationMessages["detail"]; cancel: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [rejectError, setRejectError] = useState<string | null>(null);
  const approve = () =>
    start(async () => {
      const result = await approveApplicationAction(id);
      if (result.ok) router.refresh();
      else setError(result.error.message);
    });
  const reject = (form: FormData) =>
    start(async () => {
      const result = await rejectApplicationAction(id, null, form);
      if (result.ok) {
        dialog.current?.close();
        router.refresh();
      } else setRejectError(result.error.message);
    });
  return (
    <div>
      {error && <Alert kind="error" testId="application-error">{error}</Alert>}
      <div className="row">
        <ConfirmButton label={t.approve} question={fill(t.approveQuestion, { user: userId })} confirmLabel={t.approve} cancelLabel={cancel} onConfirm={approve} disabled={pending} testId="application-approve" />
        <button type="button" className="btn danger" onClick={() => dialog.current?.showModal()} disabled={pending} data-testid="application-reject">{t.reject}</button>
      </div>
      <dialog ref={dialog} aria-labelledby="reject-title" data-testid="application-reject-dialog">
        <form action={reject}>
          <h2 id="reject-title" style={{ marginTop: 0 }}>{t.rejectTitle}</h2>
          {rejectError && <Alert kind="error" testId="application-reject-error">{rejectError}</Alert>}
          <div className="field">
            <label htmlFor="reject-reason">{t.reason}</label>
            <textarea id="reject-reason" name="reason" required maxLength={1000} autoFocus data-testid="application-reject-reason" />
          </div>
          <div className="row">
            <button type="submit" className="btn danger" disabled={pending} data-testid="application-reject-confirm">{t.rejectConfirm}</button>
            <button type="button" className="btn" onClick={() => dialog.current?.close()}>{cancel}</button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
