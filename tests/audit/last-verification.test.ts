// The auditor's page keeps the last verification across reloads, on SQLite and PostgreSQL:
// the console's button and the CLI's use case both record an audit.verify event, and the
// page's loader (requireActor with an AUDITOR's Bearer token) reads the newest one back.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, useServiceEnvironment } from "../helpers/services";
import { createApiToken } from "../../lib/auth";
import { CLI_ACTOR, runAuditVerification } from "../../lib/audit";
import { verifyAuditLogAction } from "../../lib/audit/actions";
import { loadAuditLog } from "../../lib/audit/loaders";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

describe.each(PROVIDERS)("the last verification on the auditor's page on %s", (provider) => {
  useServiceEnvironment(); // per provider: the head anchor file in the data directory is per log
  const t = withTestDatabase(provider);
  const SECRET = `inkan_${randomBytes(24).toString("base64url")}`;

  beforeAll(async () => {
    await t.reset();
    await createApiToken({ name: "auditor-bot", role: "AUDITOR", secret: SECRET }, TEST_ACTOR);
    request.headers = new Headers({ authorization: `Bearer ${SECRET}`, "x-forwarded-for": "192.0.2.44", "user-agent": "vitest" });
  });

  it("shows none before any verification", async () => {
    expect((await loadAuditLog({})).lastVerification).toBeNull();
  });

  it("after the console's button, a reload shows when, by whom and that the chain was intact", async () => {
    const run = await verifyAuditLogAction();
    if (!run.ok) throw new Error(run.error.message);
    const { lastVerification } = await loadAuditLog({});
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "audit.verify" } });
    expect(lastVerification).toEqual({
      seq: event.seq, at: event.at, actor: "api:auditor-bot", ok: true, events: run.data.events, headSeq: run.data.head!.seq, firstBrokenSeq: null, reason: null,
    });
  });

  it("after a CLI run finds an edited event, a reload shows the failure and the first broken event", async () => {
    const victim = await t.db.auditEvent.findFirstOrThrow({ where: { action: "apitoken.create" } });
    await t.db.auditEvent.update({ where: { seq: victim.seq }, data: { details: "{\"tokenName\":\"someone-else\"}" } });
    try {
      const result = await runAuditVerification(CLI_ACTOR);
      expect(result).toMatchObject({ ok: false, firstBrokenSeq: victim.seq });
    } finally {
      await t.db.auditEvent.update({ where: { seq: victim.seq }, data: { details: victim.details } });
    }
    expect((await loadAuditLog({})).lastVerification).toMatchObject({
      actor: "system:cli", ok: false, firstBrokenSeq: victim.seq, reason: "content does not match its hash", headSeq: null,
    });
  });
});
