"use client";
import { useEffect, useId, useRef } from "react";

/**
 * A modal question the caller opens by setting `open` (for changes that start elsewhere than
 * a button, such as choosing another value in a select). Esc and Cancel call onCancel; the
 * Cancel button has focus first, so Enter alone never confirms.
 */
export function ConfirmDialog(props: {
  open: boolean;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  const { open } = props;
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // showModal focuses the first button (Confirm); React's autoFocus ran at mount, while hidden.
      cancel.current?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby={`${id}-q`} data-testid={props.testId} onCancel={(e) => { e.preventDefault(); props.onCancel(); }}>
      <p id={`${id}-q`}>{props.question}</p>
      <div className="row">
        <button type="button" className="btn danger" onClick={props.onConfirm}>{props.confirmLabel}</button>
        <button type="button" className="btn" onClick={props.onCancel} ref={cancel}>{props.cancelLabel}</button>
      </div>
    </dialog>
  );
}
