import { InkanError } from "@/lib/errors";
import type { Actor } from "@/lib/audit";
import { setAccountStatus, updateAccount } from "./mutations";
import { findAccountByName } from "./data";
import type { AccountListItem, AccountView } from "./types";

/** The REST API's JSON for an account (never the UA password hash). */
export function accountJson(a: AccountView | AccountListItem) {
  return {
    id: a.id, kind: a.kind.toLowerCase(), name: a.name, displayName: a.displayName, email: a.email,
    hostnames: a.hostnames, status: a.status, hasUaPassword: a.hasUaPassword,
    createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(), deletedAt: a.deletedAt?.toISOString() ?? null,
    ...("validCertificates" in a ? { validCertificates: a.validCertificates, nextExpiry: a.nextExpiry?.toISOString() ?? null } : {}),
  };
}

/**
 * PATCH /api/v1/accounts/<name>: the edit fields plus "status" ("ACTIVE" / "DISABLED", any
 * case). The status is checked before anything is written, then the edit, then the status.
 */
export async function patchAccount(name: string, body: Record<string, unknown>, actor: Actor): Promise<AccountView> {
  const { status, ...edit } = body;
  let next: "ACTIVE" | "DISABLED" | undefined;
  if (status !== undefined) {
    const s = typeof status === "string" ? status.toUpperCase() : "";
    if (s !== "ACTIVE" && s !== "DISABLED") throw new InkanError("VALIDATION", { en: 'status must be "ACTIVE" or "DISABLED" (delete an account with DELETE).', ja: 'status は "ACTIVE" か "DISABLED" です(アカウントの削除は DELETE で行います)。' });
    next = s;
  }
  if (Object.keys(edit).length > 0) await updateAccount(name, edit, actor);
  if (next) await setAccountStatus(name, next, actor);
  const account = await findAccountByName(name);
  if (!account) throw new InkanError("NOT_FOUND", { en: `No account named "${name}".`, ja: `アカウント「${name}」はありません。` });
  return account;
}
