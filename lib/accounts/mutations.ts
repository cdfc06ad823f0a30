import { getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { validationError } from "@/lib/i18n/validation";
import { recordEvent, type Actor } from "@/lib/audit";
import { ensureServerRoleMembership } from "@/lib/groups";
import { hashPassword } from "@/lib/auth";
import { createAccountSchema, updateAccountSchema, type CreateAccountInput, type UpdateAccountInput } from "./schema";
import { toAccountView } from "./data";
import { accountSearchText } from "./search-text";
import type { AccountStatus, AccountView } from "./types";

/** The refusal for a name already taken, by a live account or by a deleted one. */
export function nameTakenError(name: string, status: string): InkanError {
  return status === "DELETED"
    ? new InkanError("CONFLICT", {
      en: `The user ID "${name}" belonged to a deleted account; it stays reserved because that account's certificates and audit trail refer to it. Choose another user ID.`,
      ja: `ユーザID「${name}」は削除済みのアカウントのものです。その証明書と監査ログが参照しているため使えません。別のユーザIDを選んでください。`,
    })
    : new InkanError("CONFLICT", {
      en: `An account named "${name}" already exists. Choose another user ID or open the existing account.`,
      ja: `アカウント「${name}」はすでにあります。別のユーザIDを選ぶか、既存のアカウントを開いてください。`,
    });
}

/** Creates a user or server account; the UA password is stored only as an argon2id hash. */
export async function createAccount(input: CreateAccountInput, actor: Actor): Promise<AccountView> {
  const parsed = createAccountSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const a = parsed.data;
  const uaPasswordHash = a.uaPassword ? await hashPassword(a.uaPassword) : null;
  try {
    return await getDb().$transaction(async (tx) => {
      const existing = await tx.account.findUnique({ where: { name: a.name }, select: { status: true } });
      if (existing) throw nameTakenError(a.name, existing.status);
      return insertAccount(tx, { ...a, uaPasswordHash }, actor);
    });
  } catch (err) {
    // Two simultaneous creations: the unique index decides, and the loser hears the same as a late one.
    if (isUniqueViolation(err)) throw nameTakenError(a.name, "ACTIVE");
    throw err;
  }
}

/**
 * Inserts a validated account and its audit event inside the caller's transaction (the form,
 * the API, the CLI and the CSV import all create accounts here).
 */
export async function insertAccount(
  tx: Tx,
  a: { kind: "user" | "server"; name: string; displayName?: string; email?: string; hostnames: string[]; uaPasswordHash: string | null },
  actor: Actor,
  details: Record<string, unknown> = {},
): Promise<AccountView> {
  const hostnames = [...new Set(a.hostnames)];
  const row = await tx.account.create({
    data: {
      kind: a.kind === "server" ? "SERVER" : "USER",
      name: a.name,
      displayName: a.displayName,
      email: a.email,
      hostnames: JSON.stringify(hostnames),
      searchText: accountSearchText({ ...a, hostnames }),
      uaPasswordHash: a.uaPasswordHash,
    },
  });
  // Group rules for new accounts (e.g. server accounts join the built-in role group "SSL server
  // certificate") belong here, so the form, API, CLI and CSV import all apply them.
  if (row.kind === "SERVER") await ensureServerRoleMembership(tx, row.id);
  await recordEvent(tx, {
    actor,
    action: "account.create",
    target: { type: "account", id: row.name },
    details: { kind: row.kind, email: row.email, hostnames, ...details },
  });
  return toAccountView(row);
}

async function liveAccount(tx: Tx, name: string) {
  const row = await tx.account.findUnique({ where: { name } });
  if (!row) throw new InkanError("NOT_FOUND", { en: `No account named "${name}".`, ja: `アカウント「${name}」はありません。` });
  if (row.status === "DELETED") throw new InkanError("CONFLICT", { en: `The account "${name}" is deleted; it can no longer be changed.`, ja: `アカウント「${name}」は削除されているため、変更できません。` });
  return row;
}

/**
 * Edits display name, e-mail, host names (server accounts) and resets the UA password (user
 * accounts). Only the fields given change; the audit event lists each change (old → new),
 * the password only as "reset".
 */
export async function updateAccount(name: string, input: UpdateAccountInput, actor: Actor): Promise<{ account: AccountView; changed: string[] }> {
  const parsed = updateAccountSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const u = parsed.data;
  const uaPasswordHash = u.uaPassword ? await hashPassword(u.uaPassword) : undefined;
  return getDb().$transaction(async (tx) => {
    const row = await liveAccount(tx, name);
    const before = toAccountView(row);
    if (u.hostnames !== undefined) {
      if (before.kind !== "SERVER" && u.hostnames.length > 0) throw validationError([{ path: ["hostnames"], message: "Only server accounts carry host names." }]);
      if (before.kind === "SERVER" && u.hostnames.length === 0) throw validationError([{ path: ["hostnames"], message: "A server account needs at least one host name." }]);
    }
    if (u.uaPassword !== undefined && before.kind !== "USER") {
      throw validationError([{ path: ["uaPassword"], message: "Only user accounts sign in at a UA; server accounts have no UA password." }]);
    }
    const next = {
      displayName: u.displayName !== undefined ? u.displayName || null : before.displayName,
      email: u.email !== undefined ? u.email || null : before.email,
      hostnames: u.hostnames !== undefined ? [...new Set(u.hostnames)] : before.hostnames,
    };
    const changes: Record<string, unknown> = {};
    if (next.displayName !== before.displayName) changes.displayName = { from: before.displayName, to: next.displayName };
    if (next.email !== before.email) changes.email = { from: before.email, to: next.email };
    if (JSON.stringify(next.hostnames) !== JSON.stringify(before.hostnames)) changes.hostnames = { from: before.hostnames, to: next.hostnames };
    // Named so the audit scrubber (which redacts "password" keys) keeps it: only the fact is recorded.
    if (uaPasswordHash) changes.uaLogin = "reset";
    const changed = Object.keys(changes);
    if (changed.length === 0) return { account: before, changed };
    const updated = await tx.account.update({
      where: { id: row.id },
      data: {
        displayName: next.displayName,
        email: next.email,
        hostnames: JSON.stringify(next.hostnames),
        searchText: accountSearchText({ name: row.name, ...next }),
        ...(uaPasswordHash ? { uaPasswordHash } : {}),
      },
    });
    await recordEvent(tx, { actor, action: "account.update", target: { type: "account", id: row.name }, details: changes });
    return { account: toAccountView(updated), changed };
  });
}

/**
 * Disables or enables an account. A disabled account cannot sign in at its UA and gets no new
 * certificate (lib/enrollment/sign-in.ts and lib/ca/issue.ts read the status); its valid
 * certificates stay valid. Setting the status it already has changes nothing.
 */
export async function setAccountStatus(name: string, status: Exclude<AccountStatus, "DELETED">, actor: Actor): Promise<AccountView> {
  return getDb().$transaction(async (tx) => {
    const row = await liveAccount(tx, name);
    if (row.status === status) return toAccountView(row);
    // Conditional on the status read, so a concurrent delete is not overwritten.
    const { count } = await tx.account.updateMany({ where: { id: row.id, status: row.status }, data: { status } });
    if (count === 0) throw new InkanError("CONFLICT", { en: `The account "${name}" changed meanwhile; reload and try again.`, ja: `アカウント「${name}」がその間に変更されました。再読み込みしてからやり直してください。` });
    await recordEvent(tx, { actor, action: status === "DISABLED" ? "account.disable" : "account.enable", target: { type: "account", id: row.name } });
    return toAccountView({ ...row, status, updatedAt: new Date() });
  });
}
