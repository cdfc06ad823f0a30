// Administrator invitations through the services, on SQLite and PostgreSQL: invite → accept
// → sign in; a pending administrator cannot sign in; used, expired and revoked links are
// refused with their reason; only the token's hash is stored and no event holds it; the
// e-mail goes through a real SMTP server; last-ADMIN and self-change protection.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, expectInkanError, useServiceEnvironment } from "../helpers/services";
import { startSmtpServer, type TestSmtp } from "../alerts/support";
import { createAdmin, signInAdmin } from "../../lib/auth";
import { resetAdminPassword, setSignInPolicy, updateAdmin } from "../../lib/auth/admins";
import { listAdmins } from "../../lib/auth/data";
import { acceptInvitation, findInvitation, hashInvitationToken, inviteAdmin, resendInvitation, revokeInvitation } from "../../lib/auth/invitations";
import { twoFactorState } from "../../lib/auth/two-factor";
import { saveAlertSettings } from "../../lib/alerts";
import type { Actor } from "../../lib/audit";

useServiceEnvironment();

const PASSWORD = "invitee-Pa55word-for-tests";
const HOUR = 3_600_000;
const T0 = new Date(Date.UTC(2026, 11, 1, 9, 0, 0));
const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);
const accept = (token: string, now = T0, name = "Taro Invitee") => acceptInvitation(token, { name, password: PASSWORD, confirm: PASSWORD }, { ip: "192.0.2.80", userAgent: "vitest" }, now);

describe.each(PROVIDERS)("administrator invitations on %s", (provider) => {
  const t = withTestDatabase(provider);
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  beforeEach(async () => {
    await t.reset();
    smtp.mails.length = 0;
    smtp.failing = false;
  });

  const actorFor = async (email: string): Promise<Actor> => {
    const admin = await t.db.admin.findUniqueOrThrow({ where: { email } });
    return { kind: "admin", id: admin.id, label: admin.email, role: admin.role as Actor["role"] };
  };

  it("invite → the pending administrator cannot sign in → accept → sign in with the chosen password", async () => {
    const invited = await inviteAdmin({ email: " Taro@Example.TEST ", role: "OPERATOR" }, TEST_ACTOR, T0);
    expect(invited).toMatchObject({ email: "taro@example.test", role: "OPERATOR", expiresAt: new Date(T0.getTime() + 72 * HOUR), mail: { status: "not-configured" } });
    expect(invited.link).toMatch(/^http:\/\/inkan\.example\.test\/ra\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(invited.link);

    // Pending: no password at all, and no password (not even an empty one) signs in.
    const pending = await t.db.admin.findUniqueOrThrow({ where: { email: "taro@example.test" } });
    expect(pending).toMatchObject({ status: "INVITED", passwordHash: null, name: null });
    for (const guess of [PASSWORD, "", "x"]) expect(await signInAdmin("taro@example.test", guess, {})).toEqual({ ok: false, reason: "invalid" });
    expect((await listAdmins(T0)).find((a) => a.email === "taro@example.test")).toMatchObject({ status: "INVITED", invitation: { expiresAt: invited.expiresAt, expired: false } });

    // Only the hash is stored; the token is in no row and no event.
    const row = await t.db.adminInvitation.findFirstOrThrow();
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(await t.db.adminInvitation.findMany())).not.toContain(token);
    expect(await findInvitation(token, T0)).toEqual({ state: "valid", email: "taro@example.test", role: "OPERATOR", twoFactorRequired: false });

    expect(await accept(token, new Date(T0.getTime() + HOUR))).toEqual({ email: "taro@example.test", role: "OPERATOR", twoFactorRequired: false });
    expect(await t.db.admin.findUniqueOrThrow({ where: { email: "taro@example.test" } })).toMatchObject({ status: "ACTIVE", name: "Taro Invitee" });
    expect(await signInAdmin("taro@example.test", PASSWORD, {})).toMatchObject({ ok: true, admin: { role: "OPERATOR" } });

    const [invite] = await auditEvents(t.db, "admin.invite", "taro@example.test");
    expect(invite).toMatchObject({ actor: "admin:tester@example.test", details: { role: "OPERATOR", resend: false, totpRequired: false, expiresAt: invited.expiresAt.toISOString() } });
    const [accepted] = await auditEvents(t.db, "admin.invite.accept", "taro@example.test");
    expect(accepted).toMatchObject({ actor: "admin:taro@example.test", ip: "192.0.2.80", outcome: "SUCCESS", details: { role: "OPERATOR" } });
    const everything = JSON.stringify(await t.db.auditEvent.findMany());
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(hashInvitationToken(token));
    expect(everything).not.toContain(PASSWORD);
  });

  it("a used link is refused and changes nothing; so is a link past its expiry (72 h), and an unknown one", async () => {
    const first = tokenOf((await inviteAdmin({ email: "used@example.test", role: "AUDITOR" }, TEST_ACTOR, T0)).link);
    await accept(first);
    await expectInkanError(acceptInvitation(first, { name: "Mallory", password: "another-Pa55word-123", confirm: "another-Pa55word-123" }, {}, T0), "CONFLICT", /already used/);
    expect(await t.db.admin.findUniqueOrThrow({ where: { email: "used@example.test" } })).toMatchObject({ name: "Taro Invitee" });
    expect(await signInAdmin("used@example.test", "another-Pa55word-123", {})).toMatchObject({ ok: false });
    expect((await findInvitation(first, T0)).state).toBe("used");

    const late = tokenOf((await inviteAdmin({ email: "late@example.test", role: "OPERATOR" }, TEST_ACTOR, T0)).link);
    const justBefore = new Date(T0.getTime() + 72 * HOUR - 1000);
    const atExpiry = new Date(T0.getTime() + 72 * HOUR);
    expect((await findInvitation(late, justBefore)).state).toBe("valid");
    expect(await findInvitation(late, atExpiry)).toEqual({ state: "expired" });
    await expectInkanError(accept(late, atExpiry), "CONFLICT", /expired/);
    expect(await t.db.admin.findUniqueOrThrow({ where: { email: "late@example.test" } })).toMatchObject({ status: "INVITED", passwordHash: null });
    expect((await listAdmins(atExpiry)).find((a) => a.email === "late@example.test")?.invitation).toMatchObject({ expired: true });

    for (const bogus of ["", "short", late.slice(0, -1) + (late.endsWith("A") ? "B" : "A")]) {
      expect(await findInvitation(bogus, T0)).toEqual({ state: "unknown" });
      await expectInkanError(accept(bogus), "NOT_FOUND", /not valid/);
    }
    expect(await auditEvents(t.db, "admin.invite.accept")).toHaveLength(1);
  });

  it("resend replaces the link (the old one says revoked); revoke withdraws it and removes the invited administrator", async () => {
    const { adminId, link } = await inviteAdmin({ email: "hanako@example.test", role: "ADMIN" }, TEST_ACTOR, T0);
    const later = new Date(T0.getTime() + 80 * HOUR);
    const resent = await resendInvitation(adminId, TEST_ACTOR, later);
    expect(resent.expiresAt).toEqual(new Date(later.getTime() + 72 * HOUR));
    expect(await findInvitation(tokenOf(link), later)).toEqual({ state: "revoked" });
    await expectInkanError(accept(tokenOf(link), later), "CONFLICT", /withdrawn/);
    const events = await auditEvents(t.db, "admin.invite", "hanako@example.test");
    expect(events.map((e) => e.details.resend)).toEqual([false, true]);

    await revokeInvitation(adminId, TEST_ACTOR, later);
    expect(await t.db.admin.findUnique({ where: { email: "hanako@example.test" } })).toBeNull();
    expect(await findInvitation(resent.link.slice(resent.link.lastIndexOf("/") + 1), later)).toEqual({ state: "revoked" });
    await expectInkanError(accept(tokenOf(resent.link), later), "CONFLICT", /withdrawn/);
    expect(await signInAdmin("hanako@example.test", PASSWORD, {})).toEqual({ ok: false, reason: "invalid" });
    const [revoked] = await auditEvents(t.db, "admin.invite.revoke", "hanako@example.test");
    expect(revoked).toMatchObject({ actor: "admin:tester@example.test", details: { role: "ADMIN" } });

    // The address can be invited again; an accepted administrator cannot be "revoked" or re-invited.
    const again = await inviteAdmin({ email: "hanako@example.test", role: "AUDITOR" }, TEST_ACTOR, later);
    await accept(tokenOf(again.link), later);
    await expectInkanError(revokeInvitation(again.adminId, TEST_ACTOR, later), "CONFLICT", /no longer invited/);
    await expectInkanError(resendInvitation(again.adminId, TEST_ACTOR, later), "CONFLICT", /no longer invited/);
    await expectInkanError(inviteAdmin({ email: "hanako@example.test", role: "AUDITOR" }, TEST_ACTOR, later), "CONFLICT", /already exists/);
  });

  it("bad input writes nothing; a second invitation of a pending address points to resend; invited administrators take no status or password change", async () => {
    await expectInkanError(inviteAdmin({ email: "not-an-address", role: "OPERATOR" }, TEST_ACTOR, T0), "VALIDATION", /e-mail/);
    await expectInkanError(inviteAdmin({ email: "x@example.test", role: "ROOT" }, TEST_ACTOR, T0), "VALIDATION", /Choose a role/);
    expect(await t.db.admin.count()).toBe(0);
    expect(await t.db.adminInvitation.count()).toBe(0);

    const { adminId, link } = await inviteAdmin({ email: "ken@example.test", role: "OPERATOR" }, TEST_ACTOR, T0);
    await expectInkanError(inviteAdmin({ email: "ken@example.test", role: "ADMIN" }, TEST_ACTOR, T0), "CONFLICT", /already invited.*Resend/);
    await expectInkanError(updateAdmin(adminId, { status: "ACTIVE" }, TEST_ACTOR), "CONFLICT", /not accepted the invitation/);
    await expectInkanError(resetAdminPassword(adminId, PASSWORD, TEST_ACTOR), "CONFLICT", /not accepted the invitation/);
    await updateAdmin(adminId, { role: "AUDITOR" }, TEST_ACTOR); // a wrong role can be corrected before acceptance
    await expectInkanError(acceptInvitation(tokenOf(link), { name: "Ken", password: PASSWORD, confirm: PASSWORD + "x" }, {}, T0), "VALIDATION", /two passwords differ/);
    await expectInkanError(acceptInvitation(tokenOf(link), { name: " ", password: PASSWORD, confirm: PASSWORD }, {}, T0), "VALIDATION", /Enter your name/);
    await expectInkanError(acceptInvitation(tokenOf(link), { name: "Ken", password: "short", confirm: "short" }, {}, T0), "VALIDATION", /12 characters/);
    expect(await t.db.admin.findUniqueOrThrow({ where: { id: adminId } })).toMatchObject({ status: "INVITED", passwordHash: null, role: "AUDITOR" });
    expect((await accept(tokenOf(link))).role).toBe("AUDITOR");
  });

  it("two-factor required for the invitee (per administrator or for all) must be set up after the first sign-in", async () => {
    const one = await inviteAdmin({ email: "tfa@example.test", role: "OPERATOR", totpRequired: true }, TEST_ACTOR, T0);
    expect((await findInvitation(tokenOf(one.link), T0)).twoFactorRequired).toBe(true);
    expect((await accept(tokenOf(one.link))).twoFactorRequired).toBe(true);
    expect(await twoFactorState(await t.db.admin.findUniqueOrThrow({ where: { id: one.adminId } }))).toEqual({ enrolled: false, required: true });

    await setSignInPolicy({ requireTotp: true }, TEST_ACTOR);
    const all = await inviteAdmin({ email: "all@example.test", role: "AUDITOR" }, TEST_ACTOR, T0);
    expect((await accept(tokenOf(all.link))).twoFactorRequired).toBe(true);
    expect(await twoFactorState(await t.db.admin.findUniqueOrThrow({ where: { id: all.adminId } }))).toEqual({ enrolled: false, required: true });
  });

  it("with e-mail set up, the link is mailed through the SMTP server; a refused e-mail still leaves the invitation and its link", async () => {
    await saveAlertSettings({
      emailEnabled: true, smtpHost: "127.0.0.1", smtpPort: smtp.port, smtpSecure: false, smtpUser: "", fromAddress: "inkan@example.test",
      adminRecipients: "", webhookEnabled: false, webhookUrl: "",
    }, TEST_ACTOR);
    const invited = await inviteAdmin({ email: "mail@example.test", role: "OPERATOR" }, TEST_ACTOR, T0);
    expect(invited.mail).toEqual({ status: "sent" });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ envelopeTo: ["mail@example.test"], from: "inkan@example.test" });
    expect(smtp.mails[0].subject).toContain("Invitation to the Inkan RA console");
    expect(smtp.mails[0].text).toContain(invited.link);
    expect(smtp.mails[0].text).toContain("tester@example.test invited you to the Inkan RA console as OPERATOR");
    expect(smtp.mails[0].text).toContain("2026-12-04 09:00 UTC");

    smtp.failing = true;
    const refused = await inviteAdmin({ email: "bounce@example.test", role: "AUDITOR" }, TEST_ACTOR, T0);
    expect(refused.mail).toMatchObject({ status: "failed", error: expect.stringMatching(/451/) });
    expect((await findInvitation(tokenOf(refused.link), T0)).state).toBe("valid");
    smtp.failing = false;
    const resent = await resendInvitation(refused.adminId, TEST_ACTOR, T0);
    expect(resent.mail).toEqual({ status: "sent" });
    expect(smtp.mails.at(-1)?.text).toContain(resent.link);
  });

  it("the last active ADMIN is never demoted or disabled, an invited ADMIN does not count, and nobody changes their own role", async () => {
    const { id: root } = await createAdmin({ email: "root@example.test", role: "ADMIN", password: PASSWORD }, TEST_ACTOR);
    await inviteAdmin({ email: "next-admin@example.test", role: "ADMIN" }, TEST_ACTOR, T0);
    await expectInkanError(updateAdmin(root, { role: "OPERATOR" }, TEST_ACTOR), "CONFLICT", /only active ADMIN/);
    await expectInkanError(updateAdmin(root, { status: "DISABLED" }, TEST_ACTOR), "CONFLICT", /only active ADMIN/);

    const { id: second } = await createAdmin({ email: "second@example.test", role: "ADMIN", password: PASSWORD }, TEST_ACTOR);
    const rootActor = await actorFor("root@example.test");
    await expectInkanError(updateAdmin(root, { role: "AUDITOR" }, rootActor), "CONFLICT", /your own role/);
    await expectInkanError(updateAdmin(root, { status: "DISABLED" }, rootActor), "CONFLICT", /cannot disable yourself/);
    expect(await t.db.admin.findUniqueOrThrow({ where: { id: root } })).toMatchObject({ role: "ADMIN", status: "ACTIVE" });
    await updateAdmin(second, { role: "OPERATOR" }, rootActor);
    expect(await auditEvents(t.db, "admin.update", "second@example.test")).toMatchObject([{ details: { role: { from: "ADMIN", to: "OPERATOR" } } }]);
  });
});
