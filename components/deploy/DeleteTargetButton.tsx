"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteTargetAction } from "@/lib/deploy/actions";
import { fill, type DeployMessages } from "@/lib/deploy/messages";
import type { DeployTargetView } from "@/lib/deploy/types";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { Alert } from "@/components/ui/Alert";

/** "Delete target", after a dialog that says what stays in AWS and what goes from Inkan. */
export function DeleteTargetButton({ target, t, cancel }: { target: DeployTargetView; t: DeployMessages; cancel: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const question = fill(t.edit.deleteConfirm, {
    name: target.name,
    store: target.trustStoreArn ?? target.trustStoreName ?? "",
    ids: target.revocationIds.join(", ") || t.edit.noIds,
    bucket: target.bucket,
    prefix: target.keyPrefix,
  });
  return (
    <>
      <ConfirmButton label={t.edit.delete} question={question} confirmLabel={t.edit.delete} cancelLabel={cancel} disabled={pending} testId="target-delete"
        onConfirm={() => start(async () => {
          const r = await deleteTargetAction(target.name);
          if (r.ok) router.push("/ra/deploy");
          else setError(r.error.message);
        })} />
      {error && <Alert kind="error" testId="target-delete-error">{error}</Alert>}
    </>
  );
}
