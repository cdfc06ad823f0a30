"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addMemberAction } from "@/lib/groups/actions";
import type { GroupMessages } from "@/lib/groups/messages";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

/** Adds an account to the group by its user ID or server name (a plain input, no autocomplete). */
export function AddMemberForm({ groupId, t }: { groupId: string; t: GroupMessages }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <form
      data-testid="add-member-form"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const name = String(new FormData(form).get("account") ?? "");
        start(async () => {
          const r = await addMemberAction(groupId, name);
          if (!r.ok) return setError(r.error.message);
          setError(undefined);
          form.reset();
          router.refresh();
        });
      }}
    >
      {error && <Alert kind="error" testId="add-member-error">{error}</Alert>}
      <Field label={t.accountToAdd} name="account" required autoComplete="off" data-testid="add-member-name" />
      <button className="btn primary" type="submit" disabled={pending} data-testid="add-member">{t.add}</button>
    </form>
  );
}
