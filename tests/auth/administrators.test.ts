// Administrator management and two-factor sign-in through the services, on SQLite and
// PostgreSQL: the last active ADMIN cannot be lost, password resets work, TOTP enrolment
// needs a real code, a code is accepted once, and the sign-in policy forces set-up.
import { beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, expectInkanError, useServiceEnvironment } from "../helpers/services";
import { createAdmin, signInAdmin } from "../../lib/auth";
import { changeOwnPassword, resetAdminPassword, setSignInPolicy, updateAdmin } from "../../lib/auth/admins";
import { beginTotpEnrollment, confirmTotpEnrollment, resetTotp, twoFactorState } from "../../lib/auth/two-factor";
import { base32Decode, hotp, totpStep } from "../../lib/auth/totp";
import type { Actor } from "../../lib/audit";

useServiceEnvironment();

const PASSWORD = "initial-Pa55word-for-tests";
const NEW_PASSWORD = "replaced-Pa55word-for-tests";

describe.each(PROVIDERS)("administrators on %s", (provider) => {
  const t = withTestDatabase(provider);
  beforeEach(() => t.reset());

  const actorFor = async (email: string): Promise<Actor> => {
    const admin = await t.db.admin.findUniqueOrThrow({ where: { email } });
    return { kind: "admin", id: admin.id, label: admin.email, role: admin.role as Actor["role"] };
  };

  it("validates new administrators and writes nothing for bad input", async () => {
    await expectInkanError(createAdmin({ email: "not-an-email", role: "OPERATOR", password: PASSWORD }, TEST_ACTOR), "VALIDATION", /e-mail/);
    await expectInkanError(createAdmin({ email: "short@example.test", role: "OPERATOR", password: "short" }, TEST_ACTOR), "VALIDATION", /12 characters/);
    expect(await t.db.admin.count()).toBe(0);
    await createAdmin({ email: " Ops@Example.TEST ", role: "OPERATOR", password: PASSWORD }, TEST_ACTOR);
    expect((await t.db.admin.findFirstOrThrow()).email).toBe("ops@example.test");
  });

  it("never loses the last active ADMIN, and nobody disables themselves", async () => {
    const { id: only } = await createAdmin({ email: "root@example.test", role: "ADMIN", password: PASSWORD }, TEST_ACTOR);
    const self = await actorFor("root@example.test");
    await expectInkanError(updateAdmin(only, { role: "OPERATOR" }, TEST_ACTOR), "CONFLICT", /only active ADMIN/);
    await expectInkanError(updateAdmin(only, { status: "DISABLED" }, TEST_ACTOR), "CONFLICT", /only active ADMIN/);
    await expectInkanError(updateAdmin(only, { status: "DISABLED" }, self), "CONFLICT", /cannot disable yourself/);

    const { id: second } = await createAdmin({ email: "second@example.test", role: "ADMIN", password: PASSWORD }, TEST_ACTOR);
    await updateAdmin(only, { role: "AUDITOR" }, await actorFor("second@example.test"));
    expect((await t.db.admin.findUniqueOrThrow({ where: { id: only } })).role).toBe("AUDITOR");
    await expectInkanError(updateAdmin(second, { status: "DISABLED" }, TEST_ACTOR), "CONFLICT", /only active ADMIN/);

    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "admin.update" }, orderBy: { seq: "desc" } });
    expect(event.targetId).toBe("root@example.test");
    expect(JSON.parse(event.details)).toEqual({ role: { from: "ADMIN", to: "AUDITOR" } });
  });

  it("a disabled administrator cannot sign in; an enabled one can again", async () => {
    await createAdmin({ email: "root@example.test", role: "ADMIN", password: PASSWORD }, TEST_ACTOR);
    const { id } = await createAdmin({ email: "ops@example.test", role: "OPERATOR", password: PASSWORD }, TEST_ACTOR);
    await updateAdmin(id, { status: "DISABLED" }, TEST_ACTOR);
    expect(await signInAdmin("ops@example.test", PASSWORD, {})).toEqual({ ok: false, reason: "disabled" });
    await updateAdmin(id, { status: "ACTIVE" }, TEST_ACTOR);
    expect(await signInAdmin("ops@example.test", PASSWORD, {})).toMatchObject({ ok: true });
  });

  it("password reset by an ADMIN and change by the owner; the old password stops working", async () => {
    const { id } = await createAdmin({ email: "ops@example.test", role: "OPERATOR", password: PASSWORD }, TEST_ACTOR);
    await expectInkanError(resetAdminPassword(id, "too-short", TEST_ACTOR), "VALIDATION", /12 characters/);
    await resetAdminPassword(id, NEW_PASSWORD, TEST_ACTOR);
    expect(await signInAdmin("ops@example.test", PASSWORD, {})).toEqual({ ok: false, reason: "invalid" });
    expect(await signInAdmin("ops@example.test", NEW_PASSWORD, {})).toMatchObject({ ok: true });

    const me = await actorFor("ops@example.test");
    await expectInkanError(changeOwnPassword(me, { current: PASSWORD, next: "third-Pa55word-for-tests" }), "VALIDATION", /current password is wrong/);
    await changeOwnPassword(me, { current: NEW_PASSWORD, next: "third-Pa55word-for-tests" });
    expect(await signInAdmin("ops@example.test", "third-Pa55word-for-tests", {})).toMatchObject({ ok: true });

    const details = (await t.db.auditEvent.findMany({ where: { action: "admin.password" } })).map((e) => e.details).join("\n");
    for (const secret of [PASSWORD, NEW_PASSWORD, "third-Pa55word-for-tests"]) expect(details).not.toContain(secret);
  });

  it("two-factor: enrolment needs a real code; sign-in then needs the code, once", async () => {
    await createAdmin({ email: "ops@example.test", role: "OPERATOR", password: PASSWORD }, TEST_ACTOR);
    const me = await actorFor("ops@example.test");
    const { secret, uri } = await beginTotpEnrollment(me);
    expect(uri).toContain(`secret=${secret}`);
    const stored = await t.db.admin.findUniqueOrThrow({ where: { id: me.id } });
    const key = base32Decode(secret);
    expect(Buffer.from(stored.totpSecretSealed!).includes(key)).toBe(false); // sealed, not plaintext
    expect(stored.totpEnabledAt).toBeNull();

    const t0 = new Date(Date.UTC(2026, 10, 25, 9, 0, 0));
    await expectInkanError(confirmTotpEnrollment(me, "000000", t0), "VALIDATION", /does not match/);
    // Until confirmed, sign-in does not ask for a code.
    expect(await signInAdmin("ops@example.test", PASSWORD, {}, t0)).toMatchObject({ ok: true });
    await confirmTotpEnrollment(me, hotp(key, totpStep(t0)), t0);
    await expectInkanError(beginTotpEnrollment(me), "CONFLICT", /already set up/);

    const t1 = new Date(t0.getTime() + 60_000);
    const code = hotp(key, totpStep(t1));
    expect(await signInAdmin("ops@example.test", PASSWORD, {}, t1)).toEqual({ ok: false, reason: "totp-required" });
    expect(await signInAdmin("ops@example.test", PASSWORD, { totp: "123456" === code ? "654321" : "123456" }, t1)).toEqual({ ok: false, reason: "totp-invalid" });
    expect(await signInAdmin("ops@example.test", PASSWORD, { totp: code }, t1)).toMatchObject({ ok: true });
    expect(await signInAdmin("ops@example.test", PASSWORD, { totp: code }, t1)).toEqual({ ok: false, reason: "totp-invalid" }); // replay
    // A wrong password never reaches the code check.
    expect(await signInAdmin("ops@example.test", NEW_PASSWORD, { totp: code }, t1)).toEqual({ ok: false, reason: "invalid" });

    const failures = await t.db.auditEvent.findMany({ where: { action: "auth.signin", outcome: "FAILURE" }, orderBy: { seq: "asc" } });
    expect(failures.map((e) => JSON.parse(e.details).reason)).toEqual(["totp-required", "totp-invalid", "totp-invalid", "invalid"]);
    expect(failures.map((e) => e.details).join("\n")).not.toContain(code);

    await resetTotp(me.id!, TEST_ACTOR);
    expect(await signInAdmin("ops@example.test", PASSWORD, {}, t1)).toMatchObject({ ok: true });
  });

  it("the sign-in policy makes two-factor required for administrators who have not set it up", async () => {
    const { id } = await createAdmin({ email: "ops@example.test", role: "OPERATOR", password: PASSWORD }, TEST_ACTOR);
    const row = () => t.db.admin.findUniqueOrThrow({ where: { id } });
    expect(await twoFactorState(await row())).toEqual({ enrolled: false, required: false });
    await setSignInPolicy({ requireTotp: true }, TEST_ACTOR);
    expect(await twoFactorState(await row())).toEqual({ enrolled: false, required: true });
    await setSignInPolicy({ requireTotp: false }, TEST_ACTOR);
    await updateAdmin(id, { totpRequired: true }, TEST_ACTOR);
    expect(await twoFactorState(await row())).toEqual({ enrolled: false, required: true });
    expect(await t.db.auditEvent.count({ where: { action: "signin-policy.update" } })).toBe(2);
  });
});
