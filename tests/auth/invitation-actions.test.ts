// The authorization matrix of the invitation server actions (requireActor with a Bearer API
// token per role), on SQLite and PostgreSQL: invite, resend and revoke are ADMIN-only, an
// OPERATOR, an AUDITOR and an unknown token are refused with nothing written; accepting is
// public and needs nothing but a live token.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, useServiceEnvironment } from "../helpers/services";
import { createApiToken, signInAdmin } from "../../lib/auth";
import { acceptInvitationAction, inviteAdminAction, resendInvitationAction, revokeInvitationAction, updateAdminAction } from "../../lib/auth/actions";
import { inviteAdmin } from "../../lib/auth/invitations";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type Role = "ADMIN" | "OPERATOR" | "AUDITOR";
const SECRETS: Record<Role | "UNKNOWN", string> = {
  ADMIN: `inkan_${randomBytes(24).toString("base64url")}`,
  OPERATOR: `inkan_${randomBytes(24).toString("base64url")}`,
  AUDITOR: `inkan_${randomBytes(24).toString("base64url")}`,
  UNKNOWN: `inkan_${randomBytes(24).toString("base64url")}`, // never created
};
const as = (who: Role | "UNKNOWN" | null) => {
  const base = { "x-forwarded-for": "192.0.2.81", "user-agent": "vitest" };
  request.headers = new Headers(who ? { ...base, authorization: `Bearer ${SECRETS[who]}` } : base);
};
const PASSWORD = "invitee-Pa55word-for-tests";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

describe.each(PROVIDERS)("invitation actions on %s", (provider) => {
  useServiceEnvironment();
  const t = withTestDatabase(provider);

  beforeAll(async () => {
    for (const role of ["ADMIN", "OPERATOR", "AUDITOR"] as const) {
      await createApiToken({ name: `${role.toLowerCase()}-bot`, role, secret: SECRETS[role] }, TEST_ACTOR);
    }
  });

  it("only an ADMIN invites, resends and revokes; everyone else is refused and nothing is written", async () => {
    const pending = await inviteAdmin({ email: "pending@example.test", role: "OPERATOR" }, TEST_ACTOR);
    const before = await t.db.adminInvitation.count();
    for (const [who, code] of [["OPERATOR", "FORBIDDEN"], ["AUDITOR", "FORBIDDEN"], ["UNKNOWN", "UNAUTHENTICATED"]] as const) {
      as(who);
      expect(await inviteAdminAction(null, form({ email: `by-${who.toLowerCase()}@example.test`, role: "ADMIN" }))).toMatchObject({ ok: false, error: { code } });
      expect(await resendInvitationAction(pending.adminId)).toMatchObject({ ok: false, error: { code } });
      expect(await revokeInvitationAction(pending.adminId)).toMatchObject({ ok: false, error: { code } });
    }
    expect(await t.db.adminInvitation.count()).toBe(before);
    expect(await t.db.admin.count({ where: { email: { startsWith: "by-" } } })).toBe(0);
    expect(await t.db.admin.findUniqueOrThrow({ where: { id: pending.adminId } })).toMatchObject({ status: "INVITED" });

    as("ADMIN");
    const invited = await inviteAdminAction(null, form({ email: "new-op@example.test", role: "OPERATOR", totpRequired: "on" }));
    expect(invited).toMatchObject({ ok: true, data: { email: "new-op@example.test", mail: { status: "not-configured" } } });
    expect(await t.db.admin.findUniqueOrThrow({ where: { email: "new-op@example.test" } })).toMatchObject({ status: "INVITED", totpRequired: true });
    expect((await auditEvents(t.db, "admin.invite", "new-op@example.test"))[0]).toMatchObject({ actor: "api:admin-bot" });
    expect(await resendInvitationAction(pending.adminId)).toMatchObject({ ok: true, data: { email: "pending@example.test" } });
    expect(await revokeInvitationAction(pending.adminId)).toEqual({ ok: true, data: null });
    expect(await t.db.admin.findUnique({ where: { id: pending.adminId } })).toBeNull();
  });

  it("accepting is public: no session or token is needed, only a live invitation token; a bad token is refused", async () => {
    const { link } = await inviteAdmin({ email: "public@example.test", role: "AUDITOR" }, TEST_ACTOR);
    const token = link.slice(link.lastIndexOf("/") + 1);
    as(null);
    const fields = { name: "Public Invitee", password: PASSWORD, confirm: PASSWORD };
    expect(await acceptInvitationAction("x".repeat(43), null, form(fields))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await acceptInvitationAction(undefined as unknown as string, null, form(fields))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await acceptInvitationAction(token, null, form(fields))).toEqual({ ok: true, data: { email: "public@example.test", twoFactorRequired: false } });
    expect(await acceptInvitationAction(token, null, form(fields))).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringMatching(/already used/) } });
    const [accepted] = await auditEvents(t.db, "admin.invite.accept", "public@example.test");
    expect(accepted).toMatchObject({ actor: "admin:public@example.test", ip: "192.0.2.81", userAgent: "vitest" });
    expect(await signInAdmin("public@example.test", PASSWORD, {})).toMatchObject({ ok: true });
  });

  it("the role change a confirmation dialog sends is ADMIN-only too", async () => {
    const { adminId } = await inviteAdmin({ email: "role@example.test", role: "OPERATOR" }, TEST_ACTOR);
    for (const who of ["OPERATOR", "AUDITOR"] as const) {
      as(who);
      expect(await updateAdminAction(adminId, { role: "ADMIN" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(await t.db.admin.findUniqueOrThrow({ where: { id: adminId } })).toMatchObject({ role: "OPERATOR" });
    as("ADMIN");
    expect(await updateAdminAction(adminId, { role: "AUDITOR" })).toEqual({ ok: true, data: null });
  });
});
