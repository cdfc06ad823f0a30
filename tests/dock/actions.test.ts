// The dock's server actions behind requireActor (a real Bearer API token per role through
// next/headers), on SQLite and PostgreSQL: every action in lib/dock/actions.ts is refused to
// an AUDITOR and to an unknown token, and works for OPERATOR and ADMIN, each in the dock of
// the administrator who made the token. An action missing from CALLS fails the test.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import { createAdmin, createApiToken, type Role } from "../../lib/auth";
import { createGroup } from "../../lib/groups";
import { countDock } from "../../lib/dock";
import * as actions from "../../lib/dock/actions";
import { loadDock, loadDockCounts, loadDockState } from "../../lib/dock/loaders";
import type { ActionResult } from "../../lib/action-result";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

useServiceEnvironment();

const ROLES = ["ADMIN", "OPERATOR", "AUDITOR"] as const;
const SECRETS = Object.fromEntries(ROLES.map((r) => [r, `inkan_${randomBytes(24).toString("base64url")}`])) as Record<Role, string>;
const bearer = (secret: string) => {
  request.headers = new Headers({ authorization: `Bearer ${secret}`, "x-forwarded-for": "192.0.2.77", "user-agent": "vitest" });
};

describe.each(PROVIDERS)("dock actions and roles on %s", (provider) => {
  const t = withTestDatabase(provider);
  const admins: Partial<Record<Role, string>> = {};
  let accountId = "";
  let groupId = "";

  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
    for (const role of ROLES) {
      const { id } = await createAdmin({ email: `${role.toLowerCase()}@dock.example.test`, role, password: `pw-${randomBytes(9).toString("base64url")}` }, TEST_ACTOR);
      admins[role] = id;
      await createApiToken({ name: `${role.toLowerCase()}-bot`, role, adminId: id, secret: SECRETS[role] }, TEST_ACTOR);
    }
    accountId = (await createAccount({ kind: "user", name: "dock-user", email: "dock-user@example.test" }, TEST_ACTOR)).id;
    groupId = (await createGroup({ name: "Dock testers", kind: "USER", description: "" }, TEST_ACTOR)).id;
  });

  // One call per action, in an order that works when run as one role from an empty dock.
  const CALLS: Record<keyof typeof actions, () => Promise<ActionResult<unknown>>> = {
    putInDockAction: () => actions.putInDockAction("account", [accountId]),
    addDockedAccountsToGroupAction: () => actions.addDockedAccountsToGroupAction(groupId, [accountId]),
    disableDockedAccountsAction: () => actions.disableDockedAccountsAction([accountId]),
    removeFromDockAction: () => actions.removeFromDockAction("account", [accountId]),
    clearDockAction: () => actions.clearDockAction(null),
  };

  it("every dock action is in the table", () => {
    expect(Object.keys(actions).sort()).toEqual(Object.keys(CALLS).sort());
  });

  it("an auditor and an unknown token are refused by every dock action, and nothing is written", async () => {
    for (const [name, call] of Object.entries(CALLS)) {
      bearer(SECRETS.AUDITOR);
      expect(await call(), `${name} as AUDITOR`).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      bearer(`inkan_${randomBytes(24).toString("base64url")}`);
      expect(await call(), `${name} with an unknown token`).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    }
    expect(await t.db.dockAccount.count()).toBe(0);
  });

  it.each(["OPERATOR", "ADMIN"] as const)("%s may use every dock action, in the dock of the token's administrator", async (role) => {
    bearer(SECRETS[role]);
    const results: Record<string, ActionResult<unknown>> = {};
    for (const [name, call] of Object.entries(CALLS)) {
      results[name] = await call();
      if (name === "putInDockAction") expect(await countDock(admins[role]!)).toEqual({ accounts: 1, certificates: 0 });
    }
    for (const [name, result] of Object.entries(results)) expect(result, name).toMatchObject({ ok: true });
    expect(results.putInDockAction).toMatchObject({ data: { changed: 1 } });
    expect(await countDock(admins[role]!)).toEqual({ accounts: 0, certificates: 0 });
    // Reset for the next role: the account is enabled again.
    await t.db.account.update({ where: { id: accountId }, data: { status: "ACTIVE" } });
  });

  it("the dock page is refused to an auditor, whose layout and record pages show no dock", async () => {
    bearer(SECRETS.AUDITOR);
    await expect(loadDock()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await loadDockCounts()).toBeNull();
    expect(await loadDockState("account", accountId)).toBeNull();
    bearer(SECRETS.OPERATOR);
    await actions.putInDockAction("account", [accountId]);
    expect(await loadDockCounts()).toEqual({ accounts: 1, certificates: 0 });
    expect(await loadDockState("account", accountId)).toEqual({ inDock: true });
    const page = await loadDock();
    expect(page.accounts.map((a) => a.name)).toEqual(["dock-user"]);
    expect(page.groups.map((g) => g.name)).toContain("Dock testers");
    bearer(SECRETS.ADMIN);
    expect(await loadDockState("account", accountId)).toEqual({ inDock: false });
    bearer(SECRETS.OPERATOR);
    await actions.clearDockAction(null);
  });

  it("bad input is refused with a message that says what to do", async () => {
    bearer(SECRETS.OPERATOR);
    expect(await actions.putInDockAction("account", ["no-such-id"])).toMatchObject({ ok: false, error: { code: "NOT_FOUND", message: expect.stringMatching(/Reload the page and select again/) } });
    expect(await actions.putInDockAction("template" as "account", [accountId])).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await actions.clearDockAction("template" as "account")).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await actions.disableDockedAccountsAction("x" as unknown as string[])).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringMatching(/selection is malformed/) } });
  });
});
