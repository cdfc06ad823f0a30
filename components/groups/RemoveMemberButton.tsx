"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { removeMemberAction } from "@/lib/groups/actions";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

/** Removes an account from a group after confirmation (from the group page or the account page). */
export function RemoveMemberButton(props: { groupId: string; account: string; label: string; question: string; cancel: string; testId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <>
      <ConfirmButton label={props.label} question={props.question} confirmLabel={props.label} cancelLabel={props.cancel} disabled={pending} testId={props.testId}
        onConfirm={() => start(async () => {
          const r = await removeMemberAction(props.groupId, props.account);
          if (r.ok) router.refresh();
          else setError(r.error.message);
        })} />
      {error && <span className="field-error" role="alert">{error}</span>}
    </>
  );
}
