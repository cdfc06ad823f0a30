// The dock (seed 001's ドック) through its services on SQLite and PostgreSQL: put, list with
// each item's live state, remove, clear; idempotent puts, the cap, one dock per administrator,
// items that are deleted or whose account is, the roles that have none, and the bulk actions
// launched from it (which are audited by the use cases they call; the dock itself is not).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, createTestAuthority, expectInkanError, useServiceEnvironment } from "../helpers/services";
import { createAccount, deleteAccount } from "../../lib/accounts";
import { createAdmin, createApiToken, type Role } from "../../lib/auth";
import { issueWithServerKey, revokeCertificate } from "../../lib/ca";
import { addMember, createGroup } from "../../lib/groups";
import type { Actor } from "../../lib/audit";
import {
  MAX_DOCK_ITEMS, addDockedAccountsToGroup, clearDock, countDock, disableDockedAccounts, dockOwner, isDocked, listDock, putInDock, removeFromDock,
} from "../../lib/dock";

useServiceEnvironment();

const PASSWORD = `dock-${randomBytes(9).toString("base64url")}`;
let seq = 0;
const unique = (prefix: string) => `${prefix}-${++seq}-${randomBytes(3).toString("hex")}`;

async function staff(role: Role): Promise<Actor> {
  const email = `${unique(role.toLowerCase())}@example.test`;
  const { id } = await createAdmin({ email, role, password: PASSWORD }, TEST_ACTOR);
  return { kind: "admin", id, label: email, role, ip: "192.0.2.20", userAgent: "vitest" };
}

async function account(kind: "user" | "server" = "user") {
  const name = unique("acct");
  const a = await createAccount(kind === "user" ? { kind, name, email: `${name}@example.test` } : { kind, name, hostnames: [`${name}.example.test`] }, TEST_ACTOR);
  return { id: a.id, name: a.name };
}

async function certificate(accountName?: string) {
  const owner = accountName ?? (await account()).name;
  const c = await issueWithServerKey({ account: owner, keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
  return { id: c.id, serial: c.serial, accountName: owner };
}

describe.each(PROVIDERS)("the dock on %s", (provider) => {
  const t = withTestDatabase(provider);

  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
  });

  it("an operator puts accounts and certificates in, lists them with their state now, and takes one out", async () => {
    const op = await staff("OPERATOR");
    const [a1, a2] = [await account(), await account("server")];
    const [c1, c2] = [await certificate(a1.name), await certificate()];
    expect(await putInDock(op, "account", [a1.id, a2.id])).toEqual({ changed: 2, unchanged: 0, counts: { accounts: 2, certificates: 0 } });
    expect(await putInDock(op, "certificate", [c1.id, c2.id])).toEqual({ changed: 2, unchanged: 0, counts: { accounts: 2, certificates: 2 } });

    await revokeCertificate({ serial: c2.serial, reason: "keyCompromise" }, TEST_ACTOR);
    const dock = await listDock(await dockOwner(op));
    expect(dock.counts).toEqual({ accounts: 2, certificates: 2 });
    expect(dock.accounts.map((a) => [a.name, a.kind, a.status])).toEqual([[a1.name, "USER", "ACTIVE"], [a2.name, "SERVER", "ACTIVE"]]);
    expect(dock.certificates.map((c) => [c.serial, c.accountName, c.status, c.state])).toEqual([
      [c1.serial, a1.name, "ISSUED", "valid"],
      [c2.serial, c2.accountName, "REVOKED", "revoked"],
    ]);
    expect(dock.certificates[0].caSlug).toBe("ia1");

    // Expiry is judged at the time asked.
    const later = await listDock(await dockOwner(op), new Date(dock.certificates[0].notAfter.getTime() + 1000));
    expect(later.certificates[0].state).toBe("expired");

    expect(await removeFromDock(op, "certificate", [c1.id])).toEqual({ changed: 1, unchanged: 0, counts: { accounts: 2, certificates: 1 } });
    expect(await isDocked(await dockOwner(op), "certificate", c1.id)).toBe(false);
    expect(await isDocked(await dockOwner(op), "certificate", c2.id)).toBe(true);
    // Taking out what is not there is no error.
    expect(await removeFromDock(op, "certificate", [c1.id])).toMatchObject({ changed: 0, unchanged: 1 });
    expect(await clearDock(op)).toEqual({ accounts: 0, certificates: 0 });
    // The records themselves are untouched.
    expect(await t.db.account.count({ where: { id: { in: [a1.id, a2.id] }, status: "ACTIVE" } })).toBe(2);
  });

  it("putting an item twice keeps one row, and dock changes write no audit event", async () => {
    const op = await staff("ADMIN");
    const a = await account();
    const c = await certificate(a.name);
    const events = await t.db.auditEvent.count();
    await putInDock(op, "account", [a.id]);
    expect(await putInDock(op, "account", [a.id, a.id])).toEqual({ changed: 0, unchanged: 1, counts: { accounts: 1, certificates: 0 } });
    await putInDock(op, "certificate", [c.id]);
    await putInDock(op, "certificate", [c.id]);
    expect(await t.db.dockAccount.count({ where: { adminId: op.id } })).toBe(1);
    expect(await t.db.dockCertificate.count({ where: { adminId: op.id } })).toBe(1);
    await removeFromDock(op, "account", [a.id]);
    await clearDock(op, "certificate");
    expect(await t.db.auditEvent.count()).toBe(events);
  });

  it("each administrator has a dock of their own", async () => {
    const [alice, bob] = [await staff("OPERATOR"), await staff("OPERATOR")];
    const a = await account();
    const c = await certificate(a.name);
    await putInDock(alice, "account", [a.id]);
    await putInDock(alice, "certificate", [c.id]);
    expect(await countDock(await dockOwner(bob))).toEqual({ accounts: 0, certificates: 0 });
    // Bob's remove and clear touch only Bob's dock.
    expect(await removeFromDock(bob, "account", [a.id])).toMatchObject({ changed: 0 });
    await clearDock(bob);
    expect(await countDock(await dockOwner(alice))).toEqual({ accounts: 1, certificates: 1 });
    await putInDock(bob, "account", [a.id]);
    expect(await countDock(await dockOwner(bob))).toEqual({ accounts: 1, certificates: 0 });
    expect(await countDock(await dockOwner(alice))).toEqual({ accounts: 1, certificates: 1 });
  });

  it(`a dock holds at most ${MAX_DOCK_ITEMS} items of a kind; going over is refused whole with a clear error`, async () => {
    const op = await staff("OPERATOR");
    const stamp = unique("cap");
    await t.db.account.createMany({ data: Array.from({ length: MAX_DOCK_ITEMS + 1 }, (_, i) => ({ kind: "USER", name: `${stamp}-${i}` })) });
    const ids = (await t.db.account.findMany({ where: { name: { startsWith: `${stamp}-` } }, select: { id: true }, orderBy: { name: "asc" } })).map((r) => r.id);
    await expectInkanError(putInDock(op, "account", ids), "TOO_LARGE", new RegExp(`At most ${MAX_DOCK_ITEMS} items can be handled at once; ${MAX_DOCK_ITEMS + 1} were selected`));
    await putInDock(op, "account", ids.slice(0, MAX_DOCK_ITEMS - 1));
    const full = await expectInkanError(putInDock(op, "account", ids.slice(MAX_DOCK_ITEMS - 2)), "CONFLICT", /Your dock holds 999 accounts; adding 2 would pass the limit of 1000\. Act on or remove some first/);
    expect(full.messageIn("ja")).toContain("上限の 1000 件");
    expect(await countDock(await dockOwner(op))).toEqual({ accounts: MAX_DOCK_ITEMS - 1, certificates: 0 });
    // Exactly full is fine; items already in do not count twice.
    expect(await putInDock(op, "account", ids.slice(MAX_DOCK_ITEMS - 2, MAX_DOCK_ITEMS))).toMatchObject({ changed: 1, unchanged: 1, counts: { accounts: MAX_DOCK_ITEMS } });
  });

  it("unknown ids, deleted accounts and malformed selections are refused and nothing is put in", async () => {
    const op = await staff("OPERATOR");
    const a = await account();
    const gone = await account();
    await deleteAccount(gone.name, "keep", TEST_ACTOR);
    await expectInkanError(putInDock(op, "account", [a.id, "no-such-id"]), "NOT_FOUND", /1 of the selected accounts no longer exist\. Reload the page and select again; nothing was put in the dock/);
    await expectInkanError(putInDock(op, "certificate", ["no-such-id"]), "NOT_FOUND", /1 of the selected certificates no longer exist/);
    await expectInkanError(putInDock(op, "account", [a.id, gone.id]), "UNPROCESSABLE", new RegExp(`Deleted accounts cannot be put in the dock: ${gone.name}`));
    await expectInkanError(putInDock(op, "account", []), "VALIDATION", /Select at least one item first/);
    await expectInkanError(putInDock(op, "account", [42] as unknown as string[]), "VALIDATION", /The selection is malformed/);
    await expectInkanError(putInDock(op, "group" as "account", [a.id]), "VALIDATION", /The dock holds accounts and certificates only/);
    expect(await countDock(await dockOwner(op))).toEqual({ accounts: 0, certificates: 0 });
  });

  it("a docked account that is deleted shows as deleted, its certificates say so, and removed records leave the dock", async () => {
    const op = await staff("OPERATOR");
    const a = await account();
    const c = await certificate(a.name);
    const other = await certificate();
    await putInDock(op, "account", [a.id]);
    await putInDock(op, "certificate", [c.id, other.id]);
    await deleteAccount(a.name, "revoke", TEST_ACTOR);
    let dock = await listDock(await dockOwner(op));
    expect(dock.accounts.map((x) => [x.name, x.status])).toEqual([[a.name, "DELETED"]]);
    expect(dock.certificates.map((x) => [x.serial, x.accountStatus, x.state])).toEqual([[c.serial, "DELETED", "revoked"], [other.serial, "ACTIVE", "valid"]]);

    // A record removed outright (no code path does this today; a database restore might) takes its dock rows with it.
    await t.db.certificate.delete({ where: { id: other.id } });
    dock = await listDock(await dockOwner(op));
    expect(dock.certificates.map((x) => x.serial)).toEqual([c.serial]);
    expect(dock.counts).toEqual({ accounts: 1, certificates: 1 });
    // And so does a removed administrator.
    await t.db.admin.delete({ where: { id: op.id } });
    expect(await t.db.dockAccount.count({ where: { adminId: op.id } })).toBe(0);
    expect(await t.db.dockCertificate.count({ where: { adminId: op.id } })).toBe(0);
  });

  it("an auditor has no dock, and an API token uses the dock of the administrator who made it", async () => {
    const auditor = await staff("AUDITOR");
    const a = await account();
    const attempts = [
      () => putInDock(auditor, "account", [a.id]),
      () => removeFromDock(auditor, "account", [a.id]),
      () => clearDock(auditor),
      () => disableDockedAccounts(auditor, [a.id]),
      () => addDockedAccountsToGroup(auditor, { groupId: "x", accountIds: [a.id] }),
      () => dockOwner(auditor),
    ];
    for (const attempt of attempts) await expectInkanError(attempt(), "FORBIDDEN", /Your role \(AUDITOR\) has no dock/);
    const op = await staff("OPERATOR");
    const mine = await createApiToken({ name: unique("bot"), role: "OPERATOR", adminId: op.id }, TEST_ACTOR);
    const orphan = await createApiToken({ name: unique("bot"), role: "OPERATOR" }, TEST_ACTOR);
    const tokenActor = (id: string): Actor => ({ kind: "api", id, label: "bot", role: "OPERATOR" });
    await putInDock(tokenActor(mine.id), "account", [a.id]);
    expect(await countDock(await dockOwner(op))).toEqual({ accounts: 1, certificates: 0 });
    await expectInkanError(putInDock(tokenActor(orphan.id), "account", [a.id]), "FORBIDDEN", /this API token was created by none/);
    await expectInkanError(putInDock({ kind: "system", label: "scheduler" }, "account", [a.id]), "FORBIDDEN", /has no dock/);
  });

  it("docked accounts join a group through addMember: members and deleted accounts are left alone, each join is audited", async () => {
    const op = await staff("OPERATOR");
    const group = await createGroup({ name: unique("Dock group"), kind: "USER", description: "" }, TEST_ACTOR);
    const [a1, a2, member, gone] = [await account(), await account(), await account(), await account()];
    await addMember(group.id, member.name, TEST_ACTOR);
    await putInDock(op, "account", [a1.id, a2.id, member.id, gone.id]);
    await deleteAccount(gone.name, "keep", TEST_ACTOR);

    const notDocked = await account();
    await expectInkanError(addDockedAccountsToGroup(op, { groupId: group.id, accountIds: [a1.id, notDocked.id] }), "NOT_FOUND", /1 of the selected accounts are no longer in your dock.*nothing was changed/);
    await expectInkanError(addDockedAccountsToGroup(op, { groupId: "no-such-group", accountIds: [a1.id] }), "NOT_FOUND", /Choose a group that exists/);
    expect(await auditEvents(t.db, "group.add-member", group.id)).toHaveLength(1);

    const outcome = await addDockedAccountsToGroup(op, { groupId: group.id, accountIds: [a1.id, a2.id, member.id, gone.id] });
    expect(outcome).toEqual({ group: group.name, done: [a1.name, a2.name], unchanged: [member.name], gone: [gone.name] });
    const events = await auditEvents(t.db, "group.add-member", group.id);
    expect(events.slice(1).map((e) => [e.actor, e.details.account])).toEqual([[`admin:${op.label}`, a1.name], [`admin:${op.label}`, a2.name]]);
    expect(await t.db.groupMembership.count({ where: { groupId: group.id } })).toBe(3);
  });

  it("docked accounts are disabled through setAccountStatus: disabled and deleted ones are left alone", async () => {
    const op = await staff("ADMIN");
    const [a1, a2, gone] = [await account(), await account(), await account()];
    await putInDock(op, "account", [a1.id, a2.id, gone.id]);
    await deleteAccount(gone.name, "keep", TEST_ACTOR);
    expect(await disableDockedAccounts(op, [a1.id, gone.id])).toEqual({ done: [a1.name], unchanged: [], gone: [gone.name] });
    expect(await disableDockedAccounts(op, [a1.id, a2.id])).toEqual({ done: [a2.name], unchanged: [a1.name], gone: [] });
    expect((await auditEvents(t.db, "account.disable", a1.name)).map((e) => e.actor)).toEqual([`admin:${op.label}`]);
    expect(await t.db.account.count({ where: { id: { in: [a1.id, a2.id] }, status: "DISABLED" } })).toBe(2);
  });
});
