import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { listAccounts, findAccountByName, countAccounts } from "./data";
import type { AccountKind } from "./types";

export async function loadAccountList(params: { q?: string; kind?: string; cursor?: string }) {
  await requireActor(EVERYONE);
  const kind = params.kind === "USER" || params.kind === "SERVER" ? (params.kind as AccountKind) : undefined;
  return listAccounts({ query: params.q, kind, cursor: params.cursor, limit: 50 });
}

export async function loadAccount(name: string) {
  await requireActor(EVERYONE);
  const account = await findAccountByName(name);
  if (!account) throw new InkanError("NOT_FOUND", `No account named "${name}".`);
  return account;
}

export async function loadAccountCount() {
  await requireActor(EVERYONE);
  return countAccounts();
}
