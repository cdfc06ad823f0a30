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
  return (
    <>
      <button type="button" className="btn danger" disabled={props.disabled} onClick={() => dialog.current?.showModal()} data-testid={props.testId}>
        {props.label}
      </button>
      <dialog ref={dialog} aria-labelledby={props.testId ? `${props.testId}-q` : undefined}>
        <p id={props.testId ? `${props.testId}-q` : undefined}>{props.question}</p>
        <div className="row">
          <button type="button" className="btn danger" onClick={() => { dialog.current?.close(); props.onConfirm(); }} data-testid={props.testId ? `${props.testId}-confirm` : undefined}>
            {props.confirmLabel}
          </button>
          <button type="button" className="btn" onClick={() => dialog.current?.close()} autoFocus>
            {props.cancelLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
