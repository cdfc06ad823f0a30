"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteGroupAction } from "@/lib/groups/actions";
import type { GroupMessages } from "@/lib/groups/messages";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { Alert } from "@/components/ui/Alert";

export function DeleteGroupButton({ id, t, cancel }: { id: string; t: GroupMessages; cancel: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <>
      {error && <Alert kind="error" testId="group-delete-error">{error}</Alert>}
      <ConfirmButton label={t.delete} question={t.deleteConfirm} confirmLabel={t.delete} cancelLabel={cancel} disabled={pending} testId="group-delete"
        onConfirm={() => start(async () => {
          const r = await deleteGroupAction(id);
          if (r.ok) router.push("/ra/groups");
          else setError(r.error.message);
        })} />
    </>
  );
}
