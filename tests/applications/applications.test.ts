// Registration applications (登録申請書) through the services and server actions on SQLite and
// PostgreSQL: submit at a UA, refusals (setting off, bad input, user ID in use, per-IP limit),
// approve (account + groups + events in one transaction, exactly once under concurrency),
// reject with a reason, and who may do what (requireActor with a Bearer API token per role).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, createTestAuthority, expectInkanError, useServiceEnvironment } from "../helpers/services";
import { createApiToken, verifyPassword } from "../../lib/auth";
import { createAccount, deleteAccount } from "../../lib/accounts";
import { createGroup, deleteGroup } from "../../lib/groups";
import { createUa, signInUaUser, updateUa } from "../../lib/enrollment";
import { saveUaAction } from "../../lib/enrollment/actions";
import { approveApplication, listApplications, rejectApplication, submitApplication, SUBMISSIONS_PER_WINDOW, type ApplyInput } from "../../lib/applications";
import { approveApplicationAction, rejectApplicationAction, submitApplicationAction } from "../../lib/applications/actions";
import { loadApplication, loadApplicationList, loadPendingApplicationCount } from "../../lib/applications/loaders";
import { uaInput, unique } from "../enrollment/fixtures";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type Role = "ADMIN" | "OPERATOR" | "AUDITOR";
const SECRETS: Record<Role, string> = {
  ADMIN: `inkan_${randomBytes(24).toString("base64url")}`,
  OPERATOR: `inkan_${randomBytes(24).toString("base64url")}`,
  AUDITOR: `inkan_${randomBytes(24).toString("base64url")}`,
};
const as = (role: Role) => {
  request.headers = new Headers({ authorization: `Bearer ${SECRETS[role]}`, "x-forwarded-for": "192.0.2.55", "user-agent": "vitest" });
};
const applicantFrom = (ip: string) => {
  request.headers = new Headers({ "x-forwarded-for": ip, "user-agent": "vitest-applicant" });
};

const PASSWORD = "chosen-Pa55word";
let ipSeq = 0;
/** A fresh applicant address per test, so the per-IP limit of one test never refuses another. */
const freshIp = () => `198.51.100.${++ipSeq}`;
const meta = (ip = freshIp()) => ({ ip, userAgent: "vitest-applicant" });
const form = (a: ApplyInput): ApplyInput => a;
const application = (userId: string, extra: Partial<ApplyInput> = {}) =>
  form({ userId, displayName: `Name of ${userId}`, email: `${userId}@example.test`, password: PASSWORD, confirm: PASSWORD, note: "new colleague", ...extra });

function formData(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  return f;
}

describe.each(PROVIDERS)("registration applications on %s", (provider) => {
  useServiceEnvironment();
  const t = withTestDatabase(provider);
  let groupA: { id: string; name: string };
  let groupB: { id: string; name: string };

  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
    for (const role of ["ADMIN", "OPERATOR", "AUDITOR"] as const) {
      await createApiToken({ name: `${role.toLowerCase()}-bot`, role, secret: SECRETS[role] }, TEST_ACTOR);
    }
    groupA = await createGroup({ name: unique("staff-"), kind: "USER", description: "" }, TEST_ACTOR);
    groupB = await createGroup({ name: unique("vpn-"), kind: "USER", description: "" }, TEST_ACTOR);
  });

  /** A UA that takes applications (joining `groups`). */
  async function openUa(groups: string[] = []) {
    const name = unique("apply");
    await createUa(uaInput(name, { acceptApplications: true, applicationGroupIds: groups }), TEST_ACTOR);
    return name;
  }

  it("a UA takes no applications by default: submitting is refused as closed and nothing is written", async () => {
    const ua = unique("closed");
    const created = await createUa(uaInput(ua), TEST_ACTOR);
    expect(created).toMatchObject({ acceptApplications: false, applicationGroupIds: [] });
    const before = await t.db.auditEvent.count();
    expect(await submitApplication(ua, application(unique("u")), meta())).toEqual({ ok: false, reason: "closed" });
    expect(await submitApplication("no-such-ua", application(unique("u")), meta())).toEqual({ ok: false, reason: "closed" });
    expect(await t.db.application.count({ where: { ua: { name: ua } } })).toBe(0);
    expect(await t.db.auditEvent.count()).toBe(before);
  });

  it("a submission is stored PENDING with the password only as an argon2id hash, and audited with IP and user agent", async () => {
    const ua = await openUa();
    const userId = unique("alice.");
    const outcome = await submitApplication(ua, application(userId), meta("203.0.113.9"));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    const row = await t.db.application.findUniqueOrThrow({ where: { id: outcome.id } });
    expect(row).toMatchObject({ userId, pendingUserId: userId, status: "PENDING", email: `${userId}@example.test`, note: "new colleague", ip: "203.0.113.9", userAgent: "vitest-applicant" });
    expect(row.uaPasswordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.uaPasswordHash, PASSWORD)).toBe(true);
    const [event] = await auditEvents(t.db, "application.submit", outcome.id);
    expect(event).toMatchObject({ actor: `anonymous:ua:${ua}:${userId}`, outcome: "SUCCESS", ip: "203.0.113.9", userAgent: "vitest-applicant", targetType: "application" });
    expect(event.details).toEqual({ ua, userId, email: `${userId}@example.test` });
    expect(JSON.stringify(await t.db.auditEvent.findMany())).not.toContain(PASSWORD);
  });

  it("bad input is refused field by field before anything is hashed or written", async () => {
    const ua = await openUa();
    const before = { apps: await t.db.application.count(), events: await t.db.auditEvent.count() };
    expect(await submitApplication(ua, application("bad id!", { password: "short", confirm: "short", email: "not-mail", displayName: " " }), meta())).toEqual({
      ok: false, reason: "invalid", fields: { userId: "format", displayName: "required", email: "email", password: "passwordShort" },
    });
    expect(await submitApplication(ua, application(unique("u"), { confirm: "another-password" }), meta())).toEqual({ ok: false, reason: "invalid", fields: { confirm: "mismatch" } });
    expect({ apps: await t.db.application.count(), events: await t.db.auditEvent.count() }).toEqual(before);
  });

  it("a user ID held by an account (live or deleted) or by a pending application is refused the same way, audited as a failure", async () => {
    const ua = await openUa();
    const live = unique("live");
    const gone = unique("gone");
    await createAccount({ kind: "user", name: live, hostnames: [] }, TEST_ACTOR);
    await createAccount({ kind: "user", name: gone, hostnames: [] }, TEST_ACTOR);
    await deleteAccount(gone, "keep", TEST_ACTOR);
    const pending = unique("pend");
    expect((await submitApplication(ua, application(pending), meta())).ok).toBe(true);
    for (const userId of [live, gone, pending]) {
      expect(await submitApplication(ua, application(userId), meta())).toEqual({ ok: false, reason: "taken" });
    }
    expect(await t.db.application.count({ where: { userId: { in: [live, gone, pending] } } })).toBe(1);
    const refusals = (await auditEvents(t.db, "application.submit")).filter((e) => e.outcome === "FAILURE" && [live, gone, pending].includes(e.details.userId as string));
    expect(refusals.map((e) => e.details.reason)).toEqual(["taken", "taken", "taken"]);
  });

  it("two simultaneous applications for one user ID: exactly one is accepted", async () => {
    const ua = await openUa();
    const userId = unique("twin");
    const outcomes = await Promise.all([submitApplication(ua, application(userId), meta()), submitApplication(ua, application(userId), meta())]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: "taken" }]);
    expect(await t.db.application.count({ where: { userId } })).toBe(1);
  });

  it(`one address may submit ${SUBMISSIONS_PER_WINDOW} times an hour; then it is refused while another address is not`, async () => {
    const ua = await openUa();
    const ip = freshIp();
    const now = new Date();
    for (let i = 0; i < SUBMISSIONS_PER_WINDOW; i++) expect((await submitApplication(ua, application(unique("r")), meta(ip), now)).ok).toBe(true);
    const before = await t.db.auditEvent.count();
    expect(await submitApplication(ua, application(unique("r")), meta(ip), now)).toEqual({ ok: false, reason: "rate-limited" });
    expect(await t.db.auditEvent.count()).toBe(before);
    expect((await submitApplication(ua, application(unique("r")), meta(), now)).ok).toBe(true);
    // An hour later the address may apply again.
    expect((await submitApplication(ua, application(unique("r")), meta(ip), new Date(now.getTime() + 3_600_001))).ok).toBe(true);
  });

  it("approval creates the user account with the applicant's password and the UA's groups, all in one transaction; the applicant signs in", async () => {
    const ua = await openUa([groupA.id, groupB.id]);
    const userId = unique("bob.");
    const submitted = await submitApplication(ua, application(userId), meta());
    if (!submitted.ok) throw new Error("not submitted");
    const result = await approveApplication(submitted.id, TEST_ACTOR);
    expect(result).toEqual({ accountName: userId, groups: [groupA.name, groupB.name].sort((x, y) => x.localeCompare(y)) });
    const account = await t.db.account.findUniqueOrThrow({ where: { name: userId }, include: { memberships: true } });
    const app = await t.db.application.findUniqueOrThrow({ where: { id: submitted.id } });
    expect(account).toMatchObject({ kind: "USER", status: "ACTIVE", displayName: `Name of ${userId}`, email: `${userId}@example.test`, uaPasswordHash: app.uaPasswordHash });
    expect(account.memberships.map((m) => m.groupId).sort()).toEqual([groupA.id, groupB.id].sort());
    expect(app).toMatchObject({ status: "APPROVED", pendingUserId: null, accountId: account.id, decidedBy: "admin:tester@example.test" });
    // The events of the approval are consecutive: one transaction wrote them.
    const events = await t.db.auditEvent.findMany({ where: { OR: [{ targetId: userId }, { targetId: submitted.id }, { action: "group.add-member", details: { contains: userId } }] }, orderBy: { seq: "asc" } });
    const decision = events.filter((e) => e.action !== "application.submit");
    expect(decision.map((e) => e.action)).toEqual(["account.create", "group.add-member", "group.add-member", "application.approve"]);
    expect(decision.map((e) => e.seq)).toEqual([0, 1, 2, 3].map((i) => decision[0].seq + i));
    expect(JSON.parse(decision[3].details)).toMatchObject({ ua, userId, account: userId });
    expect(await signInUaUser(ua, { userId, password: PASSWORD }, meta())).toMatchObject({ ok: true, session: { accountName: userId } });
    expect(await signInUaUser(ua, { userId, password: "wrong-password" }, meta())).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("a group deleted after the UA was configured simply drops out of what an approval joins", async () => {
    const temp = await createGroup({ name: unique("temp-"), kind: "USER", description: "" }, TEST_ACTOR);
    const ua = await openUa([groupA.id, temp.id]);
    await deleteGroup(temp.id, TEST_ACTOR);
    expect((await t.db.uaApplicationGroup.findMany({ where: { ua: { name: ua } } })).map((g) => g.groupId)).toEqual([groupA.id]);
    const userId = unique("drop");
    const submitted = await submitApplication(ua, application(userId), meta());
    if (!submitted.ok) throw new Error("not submitted");
    expect((await approveApplication(submitted.id, TEST_ACTOR)).groups).toEqual([groupA.name]);
  });

  it("two approvers at once: exactly one account, one approval, and the other hears it was already approved", async () => {
    const ua = await openUa([groupA.id]);
    const userId = unique("race");
    const submitted = await submitApplication(ua, application(userId), meta());
    if (!submitted.ok) throw new Error("not submitted");
    const other = { ...TEST_ACTOR, label: "second@example.test", id: "second" };
    const results = await Promise.allSettled([approveApplication(submitted.id, TEST_ACTOR), approveApplication(submitted.id, other)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(lost.reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already been approved/) });
    expect(await t.db.account.count({ where: { name: userId } })).toBe(1);
    expect(await t.db.groupMembership.count({ where: { account: { name: userId } } })).toBe(1);
    expect(await auditEvents(t.db, "application.approve", submitted.id)).toHaveLength(1);
    expect(await auditEvents(t.db, "account.create", userId)).toHaveLength(1);
  });

  it("a user ID taken by an account after the application: approval is refused and nothing changes", async () => {
    const ua = await openUa([groupA.id]);
    const userId = unique("late");
    const submitted = await submitApplication(ua, application(userId), meta());
    if (!submitted.ok) throw new Error("not submitted");
    await createAccount({ kind: "user", name: userId, hostnames: [] }, TEST_ACTOR);
    const events = await t.db.auditEvent.count();
    await expectInkanError(approveApplication(submitted.id, TEST_ACTOR), "CONFLICT", /has been taken by an account since the application was made.*reject/);
    expect(await t.db.application.findUniqueOrThrow({ where: { id: submitted.id } })).toMatchObject({ status: "PENDING", pendingUserId: userId, decidedAt: null, accountId: null });
    expect(await t.db.groupMembership.count({ where: { account: { name: userId } } })).toBe(0);
    expect(await t.db.auditEvent.count()).toBe(events);
  });

  it("rejection keeps the reason, frees the user ID, and cannot be followed by an approval", async () => {
    const ua = await openUa();
    const userId = unique("rej");
    const submitted = await submitApplication(ua, application(userId), meta());
    if (!submitted.ok) throw new Error("not submitted");
    await expectInkanError(rejectApplication(submitted.id, "  ", TEST_ACTOR), "VALIDATION", /Write why/);
    await rejectApplication(submitted.id, "Not a member of staff.", TEST_ACTOR);
    expect(await t.db.application.findUniqueOrThrow({ where: { id: submitted.id } })).toMatchObject({ status: "REJECTED", rejectReason: "Not a member of staff.", pendingUserId: null });
    const [event] = await auditEvents(t.db, "application.reject", submitted.id);
    expect(event.details).toEqual({ ua, userId, reason: "Not a member of staff." });
    await expectInkanError(approveApplication(submitted.id, TEST_ACTOR), "CONFLICT", /already been rejected/);
    await expectInkanError(rejectApplication(submitted.id, "again", TEST_ACTOR), "CONFLICT", /already been rejected/);
    expect(await t.db.account.count({ where: { name: userId } })).toBe(0);
    // The user ID may be applied for again.
    expect((await submitApplication(ua, application(userId), meta())).ok).toBe(true);
  });

  it("the list pages by keyset, newest first, per status, with rows of equal time each listed once", async () => {
    const ua = await openUa();
    const at = new Date(Date.now() + 86_400_000); // later than every other row, so these lead the list
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const s = await submitApplication(ua, application(unique("page")), meta(), i < 3 ? at : new Date(at.getTime() + 1000));
      if (!s.ok) throw new Error("not submitted");
      ids.push(s.id);
    }
    await rejectApplication(ids[5], "test", TEST_ACTOR);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 2; page++) {
      const p = await listApplications({ status: "PENDING", limit: 2, after });
      seen.push(...p.items.map((a) => a.id));
      expect(p.items.every((a) => a.status === "PENDING")).toBe(true);
      expect(p.nextCursor).not.toBeNull();
      after = p.nextCursor ?? undefined;
    }
    const desc = (xs: string[]) => [...xs].sort().reverse();
    const newest = [...desc([ids[3], ids[4]]), ...desc([ids[0], ids[1], ids[2]])].slice(0, 4);
    expect(seen.slice(0, 4)).toEqual(newest);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await listApplications({ status: "ALL", limit: 1 });
    expect(all.items.map((a) => a.id)).toEqual(desc([ids[3], ids[4], ids[5]]).slice(0, 1));
    expect((await listApplications({ status: "REJECTED", limit: 50 })).items.map((a) => a.id)).toContain(ids[5]);
    await expectInkanError(listApplications({ status: "ALL", after: "not-a-cursor" }), "VALIDATION", /first page/);
  });

  it("roles: OPERATOR and ADMIN decide, AUDITOR only reads; refused calls change nothing", async () => {
    const ua = await openUa();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await submitApplication(ua, application(unique("role")), meta());
      if (!s.ok) throw new Error("not submitted");
      ids.push(s.id);
    }
    as("AUDITOR");
    expect(await approveApplicationAction(ids[0])).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await rejectApplicationAction(ids[0], null, formData({ reason: "no" }))).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await t.db.application.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ status: "PENDING" });
    const list = await loadApplicationList({ status: "pending" });
    expect(list.canWrite).toBe(false);
    expect(list.page.items.map((a) => a.id)).toEqual(expect.arrayContaining(ids));
    expect((await loadApplication(ids[0])).application).not.toHaveProperty("uaPasswordHash");
    expect(await loadPendingApplicationCount()).toBeGreaterThanOrEqual(3);

    as("OPERATOR");
    expect(await approveApplicationAction(ids[0])).toMatchObject({ ok: true });
    expect(await rejectApplicationAction(ids[1], null, formData({ reason: "Duplicate of another request." }))).toEqual({ ok: true, data: undefined });
    expect((await loadApplicationList({})).canWrite).toBe(true);
    as("ADMIN");
    expect(await approveApplicationAction(ids[2])).toMatchObject({ ok: true });
    expect(await approveApplicationAction(ids[2])).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await rejectApplicationAction(ids[1], null, formData({ reason: "again" }))).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("the UA setting is ADMIN-only; turning it off closes the form at once", async () => {
    const ua = await openUa();
    const settings = (over: Record<string, string | string[]>) => formData({ name: ua, caSlug: "ia1", importToStore: "on", profileName: "P", profileIdentifier: "p.example", lockThreshold: "5", lockMinutes: "15", ...over });
    for (const role of ["OPERATOR", "AUDITOR"] as const) {
      as(role);
      expect(await saveUaAction(ua, null, settings({}))).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    as("ADMIN");
    expect(await saveUaAction(ua, null, settings({ acceptApplications: "on", applicationGroupIds: [groupB.id, "no-such-group"] }))).toMatchObject({ ok: false, error: { code: "VALIDATION", fields: { applicationGroupIds: expect.any(String) } } });
    expect(await saveUaAction(ua, null, settings({ acceptApplications: "on", applicationGroupIds: [groupB.id] }))).toEqual({ ok: true, data: { name: ua } });
    expect((await t.db.uaApplicationGroup.findMany({ where: { ua: { name: ua } } })).map((g) => g.groupId)).toEqual([groupB.id]);
    const [event] = (await auditEvents(t.db, "ua.update")).filter((e) => e.details.ua === ua).slice(-1);
    expect(event.details).toMatchObject({ acceptApplications: true, applicationGroups: [groupB.name] });

    applicantFrom(freshIp());
    const userId = unique("act");
    expect(await submitApplicationAction(ua, null, formData({ userId, displayName: "Via form", email: `${userId}@example.test`, password: PASSWORD, confirm: PASSWORD, note: "" }))).toMatchObject({ ok: true });
    await updateUa(ua, uaInput(ua, { acceptApplications: false }), TEST_ACTOR);
    const closed = await submitApplicationAction(ua, null, formData({ userId: unique("act"), displayName: "x", email: "x@example.test", password: PASSWORD, confirm: PASSWORD }));
    expect(closed).toMatchObject({ ok: false, reason: "closed", values: { displayName: "x" } });
    expect(JSON.stringify(closed)).not.toContain(PASSWORD);
    const row = await t.db.application.findFirstOrThrow({ where: { userId } });
    expect(row).toMatchObject({ status: "PENDING", userAgent: "vitest-applicant" });
  });
});
