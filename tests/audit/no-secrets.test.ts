// Point 1 of issue 6 on SQLite and PostgreSQL: a realistic day (administrators sign in and
// fail to, a token is made, accounts, issuance, PKCS#12 download, a UA sign-in and delivery,
// revocation, CRL, an audit export) writes the expected typed events with IP and user agent,
// and no secret typed or produced along the way appears in any audit event, in the export,
// or in the server log. The API token is presented as a real Bearer header to requireActor
// (next/headers is the request's), once right and once wrong.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, makeCsr, opensslOk, useServiceEnvironment, writeTemp } from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import { createAdmin, createApiToken, signInAdmin, STAFF } from "../../lib/auth";
import { downloadCertificate, exportPkcs12, issueFromCsr, issueWithServerKey, publishCrl, revokeCertificate } from "../../lib/ca";
import { createUa, deliverCertificate, sealUaSession, signInUaUser, uaUserActor, type UaSettingsInput } from "../../lib/enrollment";
import { exportAuditEvents, verifyAuditLog, type Actor } from "../../lib/audit";
import { requireActor } from "../../lib/auth/guard";

// The request Next would be serving: requireActor reads its headers through next/headers.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const env = useServiceEnvironment();

const ADMIN_PASSWORD = `adm-${randomBytes(9).toString("base64url")}`;
const WRONG_PASSWORD = `wrong-${randomBytes(9).toString("base64url")}`;
const UA_PASSWORD = `ua-${randomBytes(9).toString("base64url")}`;
const P12_PASSWORD = `p12-${randomBytes(9).toString("base64url")}`;
const API_SECRET = `inkan_${randomBytes(24).toString("base64url")}`;
const WRONG_API_SECRET = `${API_SECRET.slice(0, -4)}AAAA`;
const BROWSER = { ip: "198.51.100.23", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/141" };

function uaInput(name: string): UaSettingsInput {
  return {
    name, caSlug: "ia1", importToStore: true, certificateStore: "USER", importOnce: true, downloadAllowed: true, downloadWindowMinutes: 0,
    iphoneUa: true, iphoneLayout: false, protectWithLoginPassword: false, profileName: "Inkan", profileIdentifier: "test.inkan.profile",
    profileOrganization: "Inkan Tests", profileDescription: "Client certificate", androidDownload: true, macDownload: true,
    selfEnroll: false, pkcs12Encryption: "aes256", lockThreshold: 5, lockMinutes: 10,
  };
}

describe.each(PROVIDERS)("no secret in the audit log on %s", (provider) => {
  const t = withTestDatabase(provider);
  const secrets: Record<string, string> = { ADMIN_PASSWORD, WRONG_PASSWORD, UA_PASSWORD, P12_PASSWORD, API_SECRET, WRONG_API_SECRET };
  const logged: string[] = [];
  let exported = "";

  beforeAll(async () => {
    // Everything the server would print while the flow runs.
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ")));
    }
    await t.reset();
    await createTestAuthority();

    await createAdmin({ email: "auditor@example.test", role: "AUDITOR", password: ADMIN_PASSWORD }, TEST_ACTOR);
    expect(await signInAdmin("auditor@example.test", ADMIN_PASSWORD, BROWSER)).toMatchObject({ ok: true });
    expect(await signInAdmin("auditor@example.test", WRONG_PASSWORD, BROWSER)).toMatchObject({ ok: false });
    await createApiToken({ name: "deploy-bot", role: "OPERATOR", secret: API_SECRET }, TEST_ACTOR);
    const bearer = (secret: string) => {
      request.headers = new Headers({ authorization: `Bearer ${secret}`, "x-forwarded-for": BROWSER.ip, "user-agent": BROWSER.userAgent });
    };
    bearer(WRONG_API_SECRET);
    await expect(requireActor(STAFF)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    bearer(API_SECRET);
    const bot = await requireActor(STAFF);

    await createAccount({ kind: "user", name: "erin", email: "erin@example.test", uaPassword: UA_PASSWORD }, TEST_ACTOR);
    await createAccount({ kind: "server", name: "www", hostnames: ["www.example.test"] }, bot);
    const serverCert = await issueFromCsr({ account: "www", csr: makeCsr("p256", { dns: ["www.example.test"] }).pem }, bot);
    await downloadCertificate({ serial: serverCert.serial, format: "pem" }, bot);
    const userCert = await issueWithServerKey({ account: "erin", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
    const p12 = await exportPkcs12({ serial: userCert.serial, password: P12_PASSWORD, encryption: "aes256" }, TEST_ACTOR);
    const keyPem = opensslOk(["pkey", "-in", writeTemp(env.scratch, `${provider}.p12`, p12.body), "-passin", `pass:${P12_PASSWORD}`], {}).trim();
    secrets.PRIVATE_KEY_BODY = keyPem.split("\n").slice(1, -1).join("");

    await createUa(uaInput("branch"), TEST_ACTOR);
    const signIn = await signInUaUser("branch", { userId: "erin", password: UA_PASSWORD }, BROWSER);
    if (!signIn.ok) throw new Error(`UA sign-in failed: ${signIn.reason}`);
    secrets.UA_SESSION_COOKIE = sealUaSession("branch", signIn.session);
    const account = await t.db.account.findUniqueOrThrow({ where: { name: "erin" } });
    const delivered = await deliverCertificate({ ua: "branch", accountId: account.id, serial: userCert.serial, platform: "windows" }, uaUserActor("branch", "erin", BROWSER));
    if (!delivered.ok) throw new Error(`delivery refused: ${delivered.reason}`);
    if (delivered.oneTimePassword) secrets.ONE_TIME_PASSWORD = delivered.oneTimePassword;

    await revokeCertificate({ serial: serverCert.serial, reason: "keyCompromise" }, bot);
    await publishCrl("ia1", TEST_ACTOR);
    const auditor: Actor = { kind: "admin", label: "auditor@example.test", role: "AUDITOR", ...BROWSER };
    exported = await new Response((await exportAuditEvents({}, "jsonl", auditor, { anchorFile: `${env.scratch}/${provider}-head.json` })).stream).text();
  });

  afterAll(() => {
    vi.restoreAllMocks();
  });

  it("the private key really came out of the PKCS#12 (so the scan below looks for something real)", () => {
    expect(secrets.PRIVATE_KEY_BODY.length).toBeGreaterThan(100);
    expect(Object.keys(secrets)).toEqual(expect.arrayContaining(["UA_SESSION_COOKIE", "PRIVATE_KEY_BODY"]));
  });

  it("writes one typed event per step, with the client's IP and user agent where there is a client", async () => {
    const events = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    const kinds = events.map((e) => `${e.action}:${e.outcome}`);
    for (const expected of [
      "ca.create:SUCCESS", "admin.create:SUCCESS", "auth.signin:SUCCESS", "auth.signin:FAILURE", "apitoken.create:SUCCESS", "account.create:SUCCESS",
      "certificate.issue:SUCCESS", "certificate.download:SUCCESS", "ua.create:SUCCESS", "ua.signin:SUCCESS", "delivery.deliver:SUCCESS",
      "certificate.revoke:SUCCESS", "crl.publish:SUCCESS", "audit.export:SUCCESS", "apitoken.use:SUCCESS", "apitoken.use:FAILURE",
    ]) expect(kinds, expected).toContain(expected);
    for (const action of ["auth.signin", "delivery.deliver", "ua.signin", "certificate.revoke", "audit.export", "apitoken.use"]) {
      for (const e of events.filter((x) => x.action === action)) expect(e, action).toMatchObject(BROWSER);
    }
    expect(events.find((e) => e.action === "certificate.download" && e.actor === "api:deploy-bot")).toMatchObject(BROWSER);
    expect(await verifyAuditLog({ anchorFile: `${env.scratch}/${provider}-head.json` })).toMatchObject({ ok: true, events: events.length });
  });

  it("no password, PKCS#12 password, API token, private key or session cookie in any event, the export or the log", async () => {
    const rows = await t.db.auditEvent.findMany();
    const everything = JSON.stringify(rows);
    const places = { "audit events": everything, "the export": exported, "the server log": logged.join("\n") };
    for (const [where, text] of Object.entries(places)) {
      for (const [name, secret] of Object.entries(secrets)) expect(text.includes(secret), `${name} found in ${where}`).toBe(false);
      expect(text, where).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    }
    expect(exported.split("\n").length).toBeGreaterThan(rows.length);
  });
});
