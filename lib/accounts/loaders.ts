import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { findAccountByName, countAccounts, countAccountCertificates, listGroupNames } from "./data";
import { listAccounts } from "./list";
import { parseListQuery } from "./list-query";

/** The list page: its state comes from the URL; bad parameters are reported and ignored. */
const writes = (role: string | undefined) => role === "ADMIN" || role === "OPERATOR";

export async function loadAccountList(params: Record<string, string | string[] | undefined>) {
  const actor = await requireActor(EVERYONE);
  const { query, problems } = parseListQuery(params);
  const [page, groups] = await Promise.all([listAccounts({ ...query, limit: query.limit ?? 50 }), listGroupNames()]);
  return { query, problems, page, groups, canWrite: writes(actor.role) };
}

export async function loadAccount(name: string) {
  await requireActor(EVERYONE);
  const account = await findAccountByName(name);
  if (!account) throw new InkanError("NOT_FOUND", { en: `No account named "${name}".`, ja: `アカウント「${name}」はありません。` });
  return account;
}

/** The account page's header data: the account and its certificate counts (for the delete dialog). */
export async function loadAccountSummary(name: string) {
  const actor = await requireActor(EVERYONE);
  const account = await findAccountByName(name);
  if (!account) throw new InkanError("NOT_FOUND", { en: `No account named "${name}".`, ja: `アカウント「${name}」はありません。` });
  return { account, certificates: await countAccountCertificates(account.id), canWrite: writes(actor.role) };
}

export async function loadAccountCount() {
  await requireActor(EVERYONE);
  return countAccounts();
}

/** The import page is for those who may write. */
export async function loadImportPage() {
  const actor = await requireActor(EVERYONE);
  return { canWrite: writes(actor.role) };
}
