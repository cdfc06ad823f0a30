import { InkanError, isInkanError } from "@/lib/errors";
import type { Actor } from "@/lib/audit";
import { addMember, findGroup } from "@/lib/groups";
import { setAccountStatus } from "@/lib/accounts";
import { dockedAccounts } from "./data";
import { dockOwner } from "./owner";
import { parseDockIds } from "./schema";
import type { DockAccountsOutcome } from "./types";

// Bulk actions on docked accounts. They add no use case of their own: each account goes
// through the one the console already has (addMember, setAccountStatus), in its own
// transaction with its own audit event, as revokeCertificates does for certificates. The
// selection is checked first, so a bad one changes nothing.

/** The selected accounts, all of which must still be in the actor's dock. */
async function selection(actor: Actor, accountIds: string[]) {
  const adminId = await dockOwner(actor);
  const ids = parseDockIds(accountIds);
  const accounts = await dockedAccounts(adminId, ids);
  if (accounts.length !== ids.length) {
    throw new InkanError("NOT_FOUND", {
      en: `${ids.length - accounts.length} of the selected accounts are no longer in your dock. Reload the Dock page and select again; nothing was changed.`,
      ja: `選択したアカウントのうち ${ids.length - accounts.length} 件はもうドックにありません。ドックのページを再読み込みして選択し直してください。何も変更していません。`,
    });
  }
  return accounts;
}

/** Adds the selected docked accounts to a group; members already in it and deleted accounts are left as they are. */
export async function addDockedAccountsToGroup(actor: Actor, input: { groupId: string; accountIds: string[] }, now = new Date()): Promise<DockAccountsOutcome & { group: string }> {
  const accounts = await selection(actor, input.accountIds);
  const group = typeof input.groupId === "string" && input.groupId ? await findGroup(input.groupId) : null;
  if (!group) {
    throw new InkanError("NOT_FOUND", { en: "Choose a group that exists; the chosen one may have been deleted. Reload the page.", ja: "存在するグループを選んでください。選んだグループは削除された可能性があります。ページを再読み込みしてください。" });
  }
  const outcome: DockAccountsOutcome = { done: [], unchanged: [], gone: [] };
  for (const account of accounts) {
    if (account.status === "DELETED") {
      outcome.gone.push(account.name);
      continue;
    }
    try {
      await addMember(group.id, account.name, actor, now);
      outcome.done.push(account.name);
    } catch (err) {
      if (!isInkanError(err) || err.code !== "CONFLICT") throw err;
      outcome.unchanged.push(account.name);
    }
  }
  return { ...outcome, group: group.name };
}

/** Disables the selected docked accounts; disabled and deleted ones are left as they are. */
export async function disableDockedAccounts(actor: Actor, accountIds: string[]): Promise<DockAccountsOutcome> {
  const accounts = await selection(actor, accountIds);
  const outcome: DockAccountsOutcome = { done: [], unchanged: [], gone: [] };
  for (const account of accounts) {
    if (account.status === "DELETED") outcome.gone.push(account.name);
    else if (account.status === "DISABLED") outcome.unchanged.push(account.name);
    else {
      const after = await setAccountStatus(account.name, "DISABLED", actor);
      (after.status === "DISABLED" ? outcome.done : outcome.unchanged).push(account.name);
    }
  }
  return outcome;
}
