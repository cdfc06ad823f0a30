// Issue 6 point 1, API token use, on SQLite and PostgreSQL: REST route handlers are called
// with `Authorization: Bearer <secret>` the way Next runs them (handle() → requireActor →
// next/headers), and every presentation of a token is one apitoken.use event with the
// route, IP and user agent; refused tokens are recorded without the presented value and,
// being anonymous, only up to a limit per minute.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, useServiceEnvironment } from "../helpers/services";
import { createApiToken, revokeApiToken } from "../../lib/auth";
import { authenticateApiToken, REFUSED_TOKEN_EVENTS_PER_MINUTE } from "../../lib/auth/api-token";
import { hashApiToken } from "../../lib/auth/mutations";

// The request Next would be serving: requireActor reads its headers through next/headers.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

import { GET as listCertificates, POST as issueCertificate } from "../../app/api/v1/certificates/route";

useServiceEnvironment();

const CLIENT = { ip: "203.0.113.9", userAgent: "inkan-test-client/1.0" };
const BASE = "http://inkan.example.test";

function call(handler: (r: Request) => Promise<Response>, method: "GET" | "POST", url: string, authorization: string, body?: unknown): Promise<Response> {
  request.headers = new Headers({ authorization, "x-forwarded-for": CLIENT.ip, "user-agent": CLIENT.userAgent, ...(body ? { "content-type": "application/json" } : {}) });
  return handler(new Request(`${BASE}${url}`, { method, headers: request.headers, ...(body ? { body: JSON.stringify(body) } : {}) }));
}

const secret = (name: string) => `inkan_${name}_${randomBytes(24).toString("base64url")}`;

describe.each(PROVIDERS)("API token use on %s", (provider) => {
  const t = withTestDatabase(provider);
  const READER = secret("reader");
  const REVOKED = secret("revoked");
  const UNKNOWN = secret("unknown");
  let reader: { id: string };
  let revoked: { id: string };

  beforeAll(async () => {
    await t.reset();
    reader = await createApiToken({ name: "reader-bot", role: "AUDITOR", secret: READER }, TEST_ACTOR);
    revoked = await createApiToken({ name: "old-bot", role: "ADMIN", secret: REVOKED }, TEST_ACTOR);
    await revokeApiToken(revoked.id, TEST_ACTOR);
  });

  const uses = () => t.db.auditEvent.findMany({ where: { action: "apitoken.use" }, orderBy: { seq: "asc" } });

  it("a request with a Bearer token records apitoken.use with the method, path, IP and user agent, and the token's last use", async () => {
    const res = await call(listCertificates, "GET", "/api/v1/certificates?q=web", `Bearer ${READER}`);
    expect(res.status).toBe(200);
    const [event] = await uses();
    expect(event).toMatchObject({ actor: "api:reader-bot", outcome: "SUCCESS", targetType: "apitoken", targetId: reader.id, ...CLIENT });
    // The path without its query: the endpoint is the record, the search text is not.
    expect(JSON.parse(event.details)).toEqual({ method: "GET", path: "/api/v1/certificates" });
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: reader.id } })).lastUsedAt).toEqual(event.at);
  });

  it("a live token whose role may not do it gets 403 and a FAILURE event naming the token and the route", async () => {
    const before = (await uses()).length;
    const res = await call(issueCertificate, "POST", "/api/v1/certificates", `Bearer ${READER}`, { account: "web", keyAlgorithm: "ECDSA-P256" });
    expect(res.status).toBe(403);
    const events = await uses();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ actor: "api:reader-bot", outcome: "FAILURE", targetType: "apitoken", targetId: reader.id, ...CLIENT });
    expect(JSON.parse(events.at(-1)!.details)).toEqual({ method: "POST", path: "/api/v1/certificates", reason: "role", allowed: ["ADMIN", "OPERATOR"] });
  });

  it("an unknown, a revoked and a malformed token get 401 and a FAILURE event each, without the presented value", async () => {
    const before = (await uses()).length;
    for (const authorization of [`Bearer ${UNKNOWN}`, `Bearer ${REVOKED}`, `Token ${UNKNOWN}`]) {
      expect((await call(listCertificates, "GET", "/api/v1/certificates", authorization)).status).toBe(401);
    }
    const refused = (await uses()).slice(before);
    expect(refused.map((e) => [e.actor, e.outcome, e.targetId, JSON.parse(e.details).reason])).toEqual([
      ["anonymous:api-token", "FAILURE", null, "unknown"],
      ["anonymous:api-token", "FAILURE", revoked.id, "revoked"],
      ["anonymous:api-token", "FAILURE", null, "malformed"],
    ]);
    for (const e of refused) expect(e).toMatchObject(CLIENT);
    expect(JSON.parse(refused[1].details)).toMatchObject({ method: "GET", path: "/api/v1/certificates", tokenName: "old-bot" });
    const everything = JSON.stringify(await t.db.auditEvent.findMany());
    for (const value of [READER, REVOKED, UNKNOWN, hashApiToken(UNKNOWN), hashApiToken(READER)]) expect(everything).not.toContain(value);
  });

  it(`records at most ${REFUSED_TOKEN_EVENTS_PER_MINUTE} refused tokens a minute, says so in the last one, and records again a minute later`, async () => {
    const t0 = new Date("2040-01-01T00:00:00.000Z");
    const attempt = (now: Date) => expect(authenticateApiToken(`Bearer ${secret("flood")}`, ["ADMIN"], CLIENT, now)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    for (let i = 0; i < REFUSED_TOKEN_EVENTS_PER_MINUTE + 5; i++) await attempt(new Date(t0.getTime() + i * 1000));
    const inWindow = await t.db.auditEvent.findMany({ where: { actor: "anonymous:api-token", at: { gte: t0 } }, orderBy: { seq: "asc" } });
    expect(inWindow).toHaveLength(REFUSED_TOKEN_EVENTS_PER_MINUTE);
    expect(JSON.parse(inWindow.at(-1)!.details)).toMatchObject({ reason: "unknown", limitReached: expect.stringContaining("not recorded") });
    expect(JSON.parse(inWindow[0].details)).not.toHaveProperty("limitReached");

    await attempt(new Date(t0.getTime() + 10 * 60_000));
    expect(await t.db.auditEvent.count({ where: { actor: "anonymous:api-token", at: { gte: t0 } } })).toBe(REFUSED_TOKEN_EVENTS_PER_MINUTE + 1);
  });
});
