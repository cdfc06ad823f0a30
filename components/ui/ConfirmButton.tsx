"use client";
import { useRef } from "react";

/** A button that asks in a modal dialog before running a destructive action (Esc cancels). */
export function ConfirmButton(props: {
  label: string;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  testId?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // showModal focuses the first button (the destructive one); React's autoFocus ran at mount,
  // while the dialog was hidden. Cancel takes focus, so Enter alone never confirms.
  const open = () => {
    dialog.current?.showModal();
    cancel.current?.focus();
  };
  return (
    <>
      <button type="button" className="btn danger" disabled={props.disabled} onClick={open} data-testid={props.testId}>
        {props.label}
      </button>
      <dialog ref={dialog} aria-labelledby={props.testId ? `${props.testId}-q` : undefined}>
        <p id={props.testId ? `${props.testId}-q` : undefined}>{props.question}</p>
        <div className="row">
          <button type="button" className="btn danger" onClick={() => { dialog.current?.close(); props.onConfirm(); }} data-testid={props.testId ? `${props.testId}-confirm` : undefined}>
            {props.confirmLabel}
          </button>
          <button type="button" className="btn" onClick={() => dialog.current?.close()} ref={cancel}>
            {props.cancelLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
