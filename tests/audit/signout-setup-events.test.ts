// Issue 6 point 1 for two events that were declared but never written, on SQLite and
// PostgreSQL: a console sign-out (next-auth's signOut event, as the /api/auth route runs
// it) and the first-start setup (completion, and every wrong setup token).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, expectInkanError, useServiceEnvironment } from "../helpers/services";
import { createAdmin } from "../../lib/auth";
import { getAuthOptions } from "../../lib/auth/options";
import { bootstrap, completeSetup } from "../../lib/setup";
import type { Actor } from "../../lib/audit";

// The request Next would be serving: the event reads its headers through next/headers.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

useServiceEnvironment();

const BROWSER = { ip: "198.51.100.7", userAgent: "Mozilla/5.0 (Macintosh) Safari/605" };
const SETUP_VISITOR: Actor = { kind: "anonymous", label: "setup", ...BROWSER };
const PASSWORD = "correct horse battery staple";

describe.each(PROVIDERS)("sign-out and setup events on %s", (provider) => {
  const t = withTestDatabase(provider);
  beforeEach(() => t.reset());

  describe("sign-out", () => {
    const signOut = (token: Record<string, unknown> | null) => getAuthOptions().events!.signOut!({ token, session: null } as never);

    it("next-auth's signOut event records auth.signout for the session's administrator with IP and user agent", async () => {
      const { id } = await createAdmin({ email: "carol@example.test", role: "OPERATOR", password: PASSWORD }, TEST_ACTOR);
      request.headers = new Headers({ "x-forwarded-for": `${BROWSER.ip}, 10.0.0.1`, "user-agent": BROWSER.userAgent });
      await signOut({ adminId: id, email: "carol@example.test", role: "OPERATOR" });
      const event = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
      expect(event).toMatchObject({ action: "auth.signout", outcome: "SUCCESS", actor: "admin:carol@example.test", targetType: "admin", targetId: "carol@example.test", ...BROWSER });
    });

    it("a sign-out without a session next-auth could decode names nobody and records nothing", async () => {
      request.headers = new Headers({ "user-agent": BROWSER.userAgent });
      const before = await t.db.auditEvent.count();
      await signOut(null);
      await signOut({ adminId: "no-such-admin" });
      expect(await t.db.auditEvent.count()).toBe(before);
    });
  });

  describe("setup", () => {
    it("a wrong setup token is refused and recorded as a FAILURE, without the typed token", async () => {
      const { setupToken } = await bootstrap();
      const wrong = `${setupToken!.slice(0, -3)}xyz`;
      await expectInkanError(completeSetup({ token: wrong, email: "root@example.test", password: PASSWORD }, SETUP_VISITOR), "FORBIDDEN", /setup token is not the one/);
      const event = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
      expect(event).toMatchObject({ action: "setup.complete", outcome: "FAILURE", actor: "anonymous:setup", ...BROWSER });
      expect(JSON.parse(event.details)).toEqual({ reason: "wrong-token", email: "root@example.test" });
      const everything = JSON.stringify(await t.db.auditEvent.findMany());
      expect(everything).not.toContain(wrong);
      expect(everything).not.toContain(setupToken);
      expect(await t.db.admin.count()).toBe(0);
    });

    it("completing setup writes admin.create and setup.complete with the token spent, in one commit", async () => {
      const { setupToken } = await bootstrap();
      await completeSetup({ token: setupToken!, email: "Root@Example.test", password: PASSWORD }, SETUP_VISITOR);
      const [create, complete] = await t.db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 2 }).then((e) => e.reverse());
      expect(create).toMatchObject({ action: "admin.create", targetId: "root@example.test", actor: "anonymous:setup" });
      expect(complete).toMatchObject({ action: "setup.complete", outcome: "SUCCESS", targetType: "admin", targetId: "root@example.test", actor: "anonymous:setup", ...BROWSER });
      expect(complete.at).toEqual((await t.db.setupState.findUniqueOrThrow({ where: { id: 1 } })).completedAt);
      expect(await t.db.setupState.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ setupTokenHash: null });
    });

    it("two submissions of the token at once make one administrator and one setup.complete; the loser changes nothing", async () => {
      const { setupToken } = await bootstrap();
      const results = await Promise.allSettled(["first", "second"].map((n) => completeSetup({ token: setupToken!, email: `${n}@example.test`, password: PASSWORD }, SETUP_VISITOR)));
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const admins = await t.db.admin.findMany();
      expect(admins).toHaveLength(1);
      const completions = await t.db.auditEvent.findMany({ where: { action: { in: ["setup.complete", "admin.create"] } } });
      expect(completions.map((e) => [e.action, e.outcome, e.targetId]).sort()).toEqual([
        ["admin.create", "SUCCESS", admins[0].email],
        ["setup.complete", "SUCCESS", admins[0].email],
      ]);
    });
  });
});
