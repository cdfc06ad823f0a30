"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteTemplateAction } from "@/lib/templates/actions";
import type { TemplateMessages } from "@/lib/templates/messages";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { Alert } from "@/components/ui/Alert";

export function DeleteTemplateButton({ id, t, cancel }: { id: string; t: TemplateMessages; cancel: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <>
      {error && <Alert kind="error" testId="template-delete-error">{error}</Alert>}
      <ConfirmButton label={t.delete} question={t.deleteConfirm} confirmLabel={t.delete} cancelLabel={cancel} disabled={pending} testId="template-delete"
        onConfirm={() => start(async () => {
          const r = await deleteTemplateAction(id);
          if (r.ok) router.push("/ra/templates");
          else setError(r.error.message);
        })} />
    </>
  );
}
