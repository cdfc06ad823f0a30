"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { addMemberAction } from "@/lib/groups/actions";
import type { GroupMessages } from "@/lib/groups/messages";
import { Alert } from "@/components/ui/Alert";

/** The account page's "add" next to user groups / role groups: choose a group to join. */
export function JoinGroupForm({ account, groups, kind, t }: { account: string; groups: Array<{ id: string; name: string }>; kind: "USER" | "ROLE"; t: GroupMessages }) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  if (groups.length === 0) return null;
  return (
    <form
      className="row"
      data-testid={`join-${kind.toLowerCase()}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        const groupId = String(new FormData(e.currentTarget).get("groupId") ?? "");
        start(async () => {
          const r = await addMemberAction(groupId, account);
          if (!r.ok) return setError(r.error.message);
          setError(undefined);
          router.refresh();
        });
      }}
    >
      <label htmlFor={id}>{t.chooseGroup}</label>
      <select id={id} name="groupId" data-testid={`join-${kind.toLowerCase()}-select`}>
        {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
      </select>
      <button className="btn" type="submit" disabled={pending} data-testid={`join-${kind.toLowerCase()}`}>{t.join}</button>
      {error && <Alert kind="error" testId="join-error">{error}</Alert>}
    </form>
  );
}
