// Android and Mac deliveries (seed 002 Step 3), the PKCS#12 encryption each platform gets, and
// the delivery route's answers: the platform from the browser's User-Agent, refusals with the
// user's words for a fetch() and ?refused=<reason> for a plain form post (iPhone).
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, openssl, opensslOk, writeTemp, useServiceEnvironment } from "../helpers/services";
import { createUa, deliverCertificate, sealUaSession, UA_SESSION_COOKIE, type Platform } from "../../lib/enrollment";
import { UA_LAYOUT_COOKIE } from "../../lib/enrollment/session";
import { handleDeliveryRequest } from "../../lib/enrollment/http";
import { parseCertificate } from "../../lib/pki";
import { T0, USER_PASSWORD, actor, keyBagEncryption, minutes, uaInput, unique, userWithCertificate } from "./fixtures";

const env = useServiceEnvironment();

const ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36";
const MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";

/** Opens a delivered .p12 with OpenSSL and returns the leaf's serial; fails on a wrong password. */
function openedSerial(file: string, password: string): string {
  expect(opensslOk(["pkcs12", "-in", file, "-passin", `pass:${password}`, "-nodes", "-legacy"])).toContain("BEGIN PRIVATE KEY");
  expect(openssl(["pkcs12", "-in", file, "-passin", "pass:not-the-password", "-nodes", "-legacy"]).code).not.toBe(0);
  const leaf = opensslOk(["pkcs12", "-in", file, "-passin", `pass:${password}`, "-nokeys", "-clcerts", "-legacy"]);
  return parseCertificate(leaf.slice(leaf.indexOf("-----BEGIN"))).serialHex;
}

describe.each(PROVIDERS)("Android and Mac delivery on %s", (provider) => {
  const t = withTestDatabase(provider);
  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
  });

  it("Android gets a .p12 that opens with the one-time password and holds the user's certificate", async () => {
    const ua = unique("and");
    await createUa(uaInput(ua), TEST_ACTOR);
    const user = await userWithCertificate(t);
    const out = await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform: "android" }, actor, T0);
    if (!out.ok) throw new Error(out.reason);
    expect(out.file.contentType).toBe("application/x-pkcs12");
    expect(out.file.filename).toBe(`${user.name}-${user.serial.slice(0, 16)}.p12`);
    expect(out.oneTimePassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(openedSerial(writeTemp(env.scratch, `${ua}.p12`, out.file.body), out.oneTimePassword!)).toBe(user.serial);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "delivery.deliver", targetId: user.serial } });
    expect(JSON.parse(event.details)).toMatchObject({ ua, platform: "android", format: "pkcs12" });
  });

  it("Mac gets a .p12 protected with the login password when the UA says so, and no one-time password", async () => {
    const ua = unique("mac");
    await createUa(uaInput(ua, { protectWithLoginPassword: true }), TEST_ACTOR);
    const user = await userWithCertificate(t);
    const out = await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform: "mac", loginPassword: USER_PASSWORD }, actor, T0);
    if (!out.ok) throw new Error(out.reason);
    expect(out.file.contentType).toBe("application/x-pkcs12");
    expect(out.oneTimePassword).toBeUndefined();
    expect(openedSerial(writeTemp(env.scratch, `${ua}.p12`, out.file.body), USER_PASSWORD)).toBe(user.serial);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "delivery.deliver", targetId: user.serial } });
    expect(JSON.parse(event.details)).toMatchObject({ ua, platform: "mac", format: "pkcs12" });
  });

  it("refuses Android and Mac when the UA does not allow them, audited, while Windows still gets its file", async () => {
    const ua = unique("nomob");
    await createUa(uaInput(ua, { androidDownload: false, macDownload: false }), TEST_ACTOR);
    const user = await userWithCertificate(t);
    for (const platform of ["android", "mac"] as const) {
      expect(await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform }, actor, T0)).toEqual({ ok: false, reason: "not-allowed" });
    }
    const refusals = await t.db.auditEvent.findMany({ where: { action: "delivery.refuse", targetId: user.serial }, orderBy: { seq: "asc" } });
    expect(refusals.map((e) => JSON.parse(e.details))).toEqual([
      { ua, platform: "android", format: "pkcs12", reason: "not-allowed" },
      { ua, platform: "mac", format: "pkcs12", reason: "not-allowed" },
    ]);
    expect((await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform: "windows" }, actor, T0)).ok).toBe(true);
  });

  it("an AES-256 UA encrypts with AES-256 for Windows only; Android and Mac get 3DES they can import", async () => {
    const ua = unique("aes");
    await createUa(uaInput(ua, { pkcs12Encryption: "aes256" }), TEST_ACTOR);
    const user = await userWithCertificate(t);
    const expected: Record<Exclude<Platform, "iphone">, string> = {
      windows: "PBES2, PBKDF2, AES-256-CBC",
      android: "pbeWithSHA1And3-KeyTripleDES-CBC",
      mac: "pbeWithSHA1And3-KeyTripleDES-CBC",
    };
    for (const [platform, encryption] of Object.entries(expected) as [Exclude<Platform, "iphone">, string][]) {
      const out = await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform }, actor, T0);
      if (!out.ok) throw new Error(out.reason);
      expect(keyBagEncryption(writeTemp(env.scratch, `${ua}-${platform}.p12`, out.file.body), out.oneTimePassword!), platform).toBe(encryption);
    }
  });

  describe("POST /<ua>/ua/deliver/<serial>", () => {
    function post(ua: string, serial: string, opts: { userAgent: string; accept: string; session?: { accountId: string; accountName: string }; expiresAt?: Date; layout?: string; language?: string }) {
      // The portal answers in its reader's language (Japanese without a preference); these read English.
      const headers: Record<string, string> = { "user-agent": opts.userAgent, accept: opts.accept, "accept-language": opts.language ?? "en" };
      const cookies = [];
      if (opts.session) cookies.push(`${UA_SESSION_COOKIE}=${sealUaSession(ua, { ...opts.session, expiresAt: (opts.expiresAt ?? minutes(15)).getTime() })}`);
      if (opts.layout) cookies.push(`${UA_LAYOUT_COOKIE}=${opts.layout}`);
      if (cookies.length) headers.cookie = cookies.join("; ");
      return new Request(`http://inkan.example.test/${ua}/ua/deliver/${serial}`, { method: "POST", headers });
    }

    it("picks Android or Mac from the User-Agent and answers with the file and its one-time password", async () => {
      const ua = unique("hua");
      await createUa(uaInput(ua), TEST_ACTOR);
      for (const userAgent of [ANDROID, MAC]) {
        const user = await userWithCertificate(t);
        const response = await handleDeliveryRequest(post(ua, user.serial, { userAgent, accept: "*/*", session: { accountId: user.accountId, accountName: user.name } }), ua, user.serial, T0);
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("application/x-pkcs12");
        const password = response.headers.get("x-inkan-pkcs12-password")!;
        expect(openedSerial(writeTemp(env.scratch, `${user.name}.p12`, Buffer.from(await response.arrayBuffer())), password)).toBe(user.serial);
      }
      const platforms = (await t.db.auditEvent.findMany({ where: { action: "delivery.deliver", details: { contains: `"ua":"${ua}"` } }, orderBy: { seq: "asc" } })).map((e) => JSON.parse(e.details).platform);
      expect(platforms).toEqual(["android", "mac"]);
    });

    it("an iPad (Mac user agent) that picked the iPhone layout gets the profile; without the pick, a .p12", async () => {
      const ua = unique("ipad");
      await createUa(uaInput(ua), TEST_ACTOR);
      const user = await userWithCertificate(t);
      const session = { accountId: user.accountId, accountName: user.name };
      const picked = await handleDeliveryRequest(post(ua, user.serial, { userAgent: MAC, accept: "*/*", session, layout: "iphone" }), ua, user.serial, T0);
      expect(picked.headers.get("content-type")).toBe("application/x-apple-aspen-config");
      const plain = await handleDeliveryRequest(post(ua, user.serial, { userAgent: MAC, accept: "*/*", session }), ua, user.serial, T0);
      expect(plain.headers.get("content-type")).toBe("application/x-pkcs12");
    });

    it("refuses a disallowed Mac with the reason the user reads, as problem+json", async () => {
      const ua = unique("hno");
      await createUa(uaInput(ua, { macDownload: false }), TEST_ACTOR);
      const user = await userWithCertificate(t);
      const response = await handleDeliveryRequest(post(ua, user.serial, { userAgent: MAC, accept: "application/json", session: { accountId: user.accountId, accountName: user.name } }), ua, user.serial, T0);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ code: "CONFLICT", reason: "not-allowed", detail: "This site does not offer certificates for this device." });
      const ja = await handleDeliveryRequest(post(ua, user.serial, { userAgent: MAC, accept: "application/json", session: { accountId: user.accountId, accountName: user.name }, language: "ja" }), ua, user.serial, T0);
      expect(await ja.json()).toMatchObject({ code: "CONFLICT", reason: "not-allowed", detail: "この申込局はこの端末への配布を許可していません。" });
    });

    it("sends a refused form post back to the page with the reason: window expired, session ended", async () => {
      const ua = unique("hwin");
      await createUa(uaInput(ua, { downloadWindowMinutes: 10 }), TEST_ACTOR);
      const user = await userWithCertificate(t);
      const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
      const session = { accountId: user.accountId, accountName: user.name };
      const html = "text/html,application/xhtml+xml";
      const first = await handleDeliveryRequest(post(ua, user.serial, { userAgent: iphone, accept: html, session }), ua, user.serial, T0);
      expect(first.headers.get("content-type")).toBe("application/x-apple-aspen-config");
      const late = await handleDeliveryRequest(post(ua, user.serial, { userAgent: iphone, accept: html, session, expiresAt: minutes(30) }), ua, user.serial, minutes(11));
      expect(late.status).toBe(303);
      expect(late.headers.get("location")).toBe(`/${ua}/ua?refused=window-expired`);
      const expired = await handleDeliveryRequest(post(ua, user.serial, { userAgent: iphone, accept: html, session, expiresAt: minutes(5) }), ua, user.serial, minutes(6));
      expect(expired.headers.get("location")).toBe(`/${ua}/ua?refused=session-expired`);
      const fetched = await handleDeliveryRequest(post(ua, user.serial, { userAgent: iphone, accept: "application/json", session, expiresAt: minutes(30) }), ua, user.serial, minutes(12));
      expect(await fetched.json()).toMatchObject({ reason: "window-expired", detail: "Downloaded. The download period has ended." });
    });
  });
});
