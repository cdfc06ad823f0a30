"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { addDockedAccountsToGroupAction, disableDockedAccountsAction } from "@/lib/dock/actions";
import { fill, type DockMessages } from "@/lib/dock/messages";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { RemoveFromDock } from "./RemoveFromDock";
import { useSelection } from "./useSelection";

export interface DockAccountRow {
  id: string;
  name: string;
  kind: "USER" | "SERVER";
  displayName: string | null;
  status: "ACTIVE" | "DISABLED" | "DELETED";
  dockedAt: string;
}

/** The dock's accounts: select some, add them to a group, disable them, or take them out of the dock. */
export function DockAccounts({ rows, groups, t }: { rows: DockAccountRow[]; groups: Array<{ id: string; name: string }>; t: DockMessages["page"] }) {
  const router = useRouter();
  const groupSelect = useId();
  const selection = useSelection(rows.map((r) => r.id));
  const [groupId, setGroupId] = useState(groups[0]?.id ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const count = selection.selected.length;
  const allSelected = rows.length > 0 && count === rows.length;

  const outcomeText = (done: string, o: { done: string[]; unchanged: string[]; gone: string[] }, already: string) =>
    [fill(done, { count: o.done.length }), o.unchanged.length ? fill(already, { count: o.unchanged.length }) : "", o.gone.length ? fill(t.gone, { count: o.gone.length }) : ""].filter(Boolean).join(" ");

  const addToGroup = () =>
    start(async () => {
      const result = await addDockedAccountsToGroupAction(groupId, selection.selected);
      if (!result.ok) return setMessage({ ok: false, text: result.error.message });
      setMessage({ ok: true, text: outcomeText(t.groupDone.replace("{group}", result.data.group), result.data, t.groupAlready) });
      router.refresh();
    });
  const disable = () =>
    start(async () => {
      const result = await disableDockedAccountsAction(selection.selected);
      if (!result.ok) return setMessage({ ok: false, text: result.error.message });
      setMessage({ ok: true, text: outcomeText(t.disableDone, result.data, t.disableAlready) });
      router.refresh();
    });
  const removed = (r: { ok: boolean; text: string } | null, n: number) => {
    setMessage(r ?? { ok: true, text: fill(t.removed, { count: n }) });
    if (!r) selection.clear();
  };

  if (rows.length === 0) return <p className="empty panel" data-testid="dock-accounts-empty">{t.noAccounts}</p>;
  return (
    <>
      {message && <Alert kind={message.ok ? "ok" : "error"} testId="dock-accounts-result">{message.text}</Alert>}
      <div className="row panel" data-testid="dock-accounts-bar">
        <span aria-live="polite" data-testid="dock-accounts-selected">{fill(t.selected, { count })}</span>
        {groups.length > 0 ? (
          <>
            <label htmlFor={groupSelect}>{t.group}</label>
            <select id={groupSelect} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </select>
            <button type="button" className="btn" onClick={addToGroup} disabled={pending || count === 0} data-testid="dock-add-to-group">{t.addToGroup}</button>
          </>
        ) : (
          <span className="help">{t.noGroups}</span>
        )}
        <ConfirmButton label={t.disable} question={fill(t.disableConfirm, { count })} confirmLabel={t.disable} cancelLabel={t.cancel} disabled={pending || count === 0} testId="dock-disable" onConfirm={disable} />
        <RemoveFromDock kind="account" ids={selection.selected} label={t.removeSelected} testId="dock-accounts-remove-selected" onResult={removed} />
      </div>
      <table className="data" data-testid="dock-accounts">
        <caption className="help" style={{ textAlign: "left" }}>{t.accounts}</caption>
        <thead>
          <tr>
            <th scope="col"><input type="checkbox" aria-label={`${t.selectAll} (${t.accounts})`} checked={allSelected} onChange={(e) => selection.setAll(e.target.checked)} /></th>
            <th scope="col">{t.name}</th><th scope="col">{t.kind}</th><th scope="col">{t.displayName}</th><th scope="col">{t.status}</th><th scope="col">{t.docked}</th><th scope="col"><span className="help">{t.remove}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-account={r.name}>
              <td><input type="checkbox" aria-label={`${t.select} ${r.name}`} checked={selection.has(r.id)} onChange={(e) => selection.toggle(r.id, e.target.checked)} /></td>
              <th scope="row" style={{ fontWeight: "normal" }}><Link href={`/ra/accounts/${encodeURIComponent(r.name)}`}>{r.name}</Link></th>
              <td>{r.kind === "SERVER" ? t.server : t.user}</td>
              <td>{r.displayName}</td>
              <td data-testid="dock-account-status">
                <span className={`badge ${r.status === "ACTIVE" ? "ok" : r.status === "DELETED" ? "revoked" : "muted"}`}>
                  {r.status === "ACTIVE" ? t.active : r.status === "DISABLED" ? t.disabled : t.deleted}
                </span>
              </td>
              <td>{r.dockedAt}</td>
              <td><RemoveFromDock kind="account" ids={[r.id]} label={t.remove} ariaLabel={`${t.remove} ${r.name}`} testId="dock-remove" onResult={removed} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
