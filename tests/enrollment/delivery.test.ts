// UA delivery end to end through the services on SQLite and PostgreSQL: import-once races,
// the download window under an injected clock, sign-in lockout, and the signed
// .mobileconfig checked by OpenSSL and Python's plistlib.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, openssl, opensslOk, writeCaFile, writeTemp, useServiceEnvironment } from "../helpers/services";
import { createAccount, setAccountStatus } from "../../lib/accounts";
import { createUa, deliverCertificate, ensureDefaultUa, resetDelivery, signInUaUser } from "../../lib/enrollment";
import { parseCertificate } from "../../lib/pki";
import { T0, USER_PASSWORD, actor, keyBagEncryption, minutes, readProfile, uaInput, unique, userWithCertificate } from "./fixtures";

const env = useServiceEnvironment();

describe.each(PROVIDERS)("UA delivery on %s", (provider) => {
  const t = withTestDatabase(provider);
  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
  });

  it("creates the default UA bound to ia1 once", async () => {
    expect(await ensureDefaultUa("ia1", TEST_ACTOR)).toBe(true);
    expect(await ensureDefaultUa("ia1", TEST_ACTOR)).toBe(false);
    const ua = await t.db.enrollmentAuthority.findUniqueOrThrow({ where: { name: "default" }, include: { ca: true } });
    expect(ua.ca.slug).toBe("ia1");
  });

  it("import-once: the first delivery signs out, every later request is refused and audited with IP and user agent", async () => {
    const ua = unique("once");
    await createUa(uaInput(ua, { importOnce: true }), TEST_ACTOR);
    const user = await userWithCertificate(t);
    const first = await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform: "windows" }, actor, T0);
    if (!first.ok) throw new Error(first.reason);
    expect(first.signOut).toBe(true);
    expect(first.file.contentType).toBe("application/x-pkcs12");
    expect(first.file.filename).toMatch(/\.p12$/);
    const p12 = writeTemp(env.scratch, `${user.name}.p12`, first.file.body);
    const out = opensslOk(["pkcs12", "-in", p12, "-passin", `pass:${first.oneTimePassword}`, "-nodes", "-legacy"]);
    expect(out).toContain("BEGIN PRIVATE KEY");
    expect(openssl(["pkcs12", "-in", p12, "-passin", "pass:wrong-password", "-nodes", "-legacy"]).code).not.toBe(0);
    for (const platform of ["windows", "iphone", "android"] as const) {
      expect(await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform }, actor, minutes(1))).toEqual({ ok: false, reason: "already-imported" });
    }
    const events = await t.db.auditEvent.findMany({ where: { targetType: "certificate", targetId: user.serial, action: { startsWith: "delivery." } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual(["delivery.deliver:SUCCESS", "delivery.refuse:FAILURE", "delivery.refuse:FAILURE", "delivery.refuse:FAILURE"]);
    expect(events.every((e) => e.ip === "198.51.100.7" && e.userAgent === "vitest-ua")).toBe(true);
  });

  it("download window: starts at the first download, re-downloads inside it, refused after it; an admin reset reopens it", async () => {
    const ua = unique("win");
    await createUa(uaInput(ua, { downloadWindowMinutes: 30 }), TEST_ACTOR);
    const user = await userWithCertificate(t);
    const req = { ua, accountId: user.accountId, serial: user.serial, platform: "iphone" as const };
    const first = await deliverCertificate(req, actor, T0);
    expect(first.ok && first.windowEndsAt?.toISOString()).toBe(minutes(30).toISOString());
    expect((await deliverCertificate(req, actor, minutes(29))).ok).toBe(true);
    expect(await deliverCertificate(req, actor, minutes(30))).toEqual({ ok: false, reason: "window-expired" });
    expect(await deliverCertificate(req, actor, minutes(600))).toEqual({ ok: false, reason: "window-expired" });
    const delivery = await t.db.delivery.findFirstOrThrow({ where: { certificate: { serial: user.serial } } });
    await resetDelivery(delivery.id, TEST_ACTOR, minutes(601));
    expect((await deliverCertificate(req, actor, minutes(602))).ok).toBe(true);
    const reset = await t.db.auditEvent.findFirstOrThrow({ where: { action: "delivery.reset", targetId: user.serial } });
    expect(reset.actor).toBe("admin:tester@example.test");
  });

  it("refuses platforms the UA does not offer", async () => {
    const ua = unique("np");
    await createUa(uaInput(ua, { androidDownload: false, iphoneUa: false }), TEST_ACTOR);
    const user = await userWithCertificate(t);
    for (const platform of ["android", "iphone"] as const) {
      expect(await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform }, actor, T0)).toEqual({ ok: false, reason: "not-allowed" });
    }
  });

  it("an account disabled after sign-in gets nothing more with its still-valid session", async () => {
    const ua = unique("dis");
    await createUa(uaInput(ua), TEST_ACTOR);
    const user = await userWithCertificate(t);
    await setAccountStatus(user.name, "DISABLED", TEST_ACTOR);
    expect(await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform: "windows" }, actor, T0)).toEqual({ ok: false, reason: "account-disabled" });
    await setAccountStatus(user.name, "ACTIVE", TEST_ACTOR);
    expect(await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform: "windows" }, actor, T0)).toMatchObject({ ok: true });
  });

  it("sign-in: wrong password, unknown UA, disabled account, and a lock after the threshold", async () => {
    const ua = unique("si");
    await createUa(uaInput(ua, { lockThreshold: 3, lockMinutes: 10, protectWithLoginPassword: true }), TEST_ACTOR);
    const user = await userWithCertificate(t);
    const meta = { ip: "203.0.113.5", userAgent: "vitest" };
    expect(await signInUaUser("no-such-ua", { userId: user.name, password: USER_PASSWORD }, meta, T0)).toEqual({ ok: false, reason: "unknown-ua" });
    const ok = await signInUaUser(ua, { userId: user.name, password: USER_PASSWORD }, meta, T0);
    expect(ok.ok && ok.session.loginPassword).toBe(USER_PASSWORD);
    expect(await signInUaUser(ua, { userId: "nobody-here", password: "x" }, meta, T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInUaUser(ua, { userId: user.name, password: "wrong-1" }, meta, T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInUaUser(ua, { userId: user.name, password: "wrong-2" }, meta, T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInUaUser(ua, { userId: user.name, password: "wrong-3" }, meta, T0)).toMatchObject({ ok: false, reason: "locked" });
    expect(await signInUaUser(ua, { userId: user.name, password: USER_PASSWORD }, meta, minutes(9))).toMatchObject({ ok: false, reason: "locked" });
    expect((await signInUaUser(ua, { userId: user.name, password: USER_PASSWORD }, meta, minutes(11))).ok).toBe(true);
    expect(await t.db.auditEvent.count({ where: { action: "ua.lock", targetId: user.name } })).toBe(1);
    await t.db.account.update({ where: { name: user.name }, data: { status: "DISABLED" } });
    expect(await signInUaUser(ua, { userId: user.name, password: USER_PASSWORD }, meta, minutes(12))).toEqual({ ok: false, reason: "disabled" });
  });

  it("self-enrollment issues a certificate on the first sign-in only", async () => {
    const ua = unique("self");
    await createUa(uaInput(ua, { selfEnroll: true }), TEST_ACTOR);
    const name = unique("s");
    await createAccount({ kind: "user", name, hostnames: [], uaPassword: USER_PASSWORD }, TEST_ACTOR);
    await signInUaUser(ua, { userId: name, password: USER_PASSWORD }, {}, T0);
    await signInUaUser(ua, { userId: name, password: USER_PASSWORD }, {}, minutes(1));
    expect(await t.db.certificate.count({ where: { account: { name } } })).toBe(1);
  });

  it("serves a CMS-signed .mobileconfig that OpenSSL verifies, plistlib parses, and whose PKCS#12 opens with the login password", async () => {
    const ua = unique("ios");
    await createUa(uaInput(ua, { protectWithLoginPassword: true, profileName: "Corp certificate", profileIdentifier: "com.example.corp", profileOrganization: "Example Corp", profileDescription: "Installs your certificate" }), TEST_ACTOR);
    const user = await userWithCertificate(t);
    const out = await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform: "iphone", loginPassword: USER_PASSWORD }, actor, T0);
    if (!out.ok) throw new Error(out.reason);
    expect(out.file.contentType).toBe("application/x-apple-aspen-config");
    expect(out.oneTimePassword).toBeUndefined();
    const signed = writeTemp(env.scratch, `${ua}.mobileconfig`, out.file.body);
    const caFile = await writeCaFile(env.scratch);
    const plistFile = `${signed}.plist`;
    opensslOk(["cms", "-verify", "-inform", "DER", "-in", signed, "-noverify", "-out", plistFile]);
    opensslOk(["cms", "-verify", "-inform", "DER", "-in", signed, "-CAfile", caFile, "-out", "/dev/null"]);
    const tampered = Buffer.from(out.file.body);
    const at = tampered.indexOf(Buffer.from("Corp certificate"));
    tampered[at] ^= 0x01;
    expect(openssl(["cms", "-verify", "-inform", "DER", "-in", writeTemp(env.scratch, `${ua}-bad.mobileconfig`, tampered), "-noverify", "-out", "/dev/null"]).code).not.toBe(0);

    const { info, p12File } = readProfile(plistFile);
    const caDer = (await t.db.certificateAuthority.findUniqueOrThrow({ where: { slug: "ia1" } })).certificateDer;
    expect(info).toEqual({
      PayloadType: "Configuration", PayloadDisplayName: "Corp certificate", PayloadIdentifier: "com.example.corp",
      PayloadOrganization: "Example Corp", PayloadDescription: "Installs your certificate",
      types: ["com.apple.security.pkcs12", "com.apple.security.root"], root: Buffer.from(caDer).toString("hex"), password: null,
    });
    const pem = opensslOk(["pkcs12", "-in", p12File, "-passin", `pass:${USER_PASSWORD}`, "-nodes", "-legacy"]);
    expect(pem).toContain("BEGIN PRIVATE KEY");
    const leafPem = opensslOk(["pkcs12", "-in", p12File, "-passin", `pass:${USER_PASSWORD}`, "-nokeys", "-clcerts", "-legacy"]);
    expect(parseCertificate(leafPem.slice(leafPem.indexOf("-----BEGIN"))).serialHex).toBe(user.serial);
  });

  it("without login-password protection the profile embeds a one-time password that opens its PKCS#12 (legacy, for iOS)", async () => {
    const ua = unique("iosotp");
    await createUa(uaInput(ua, { protectWithLoginPassword: false, pkcs12Encryption: "aes256" }), TEST_ACTOR);
    const user = await userWithCertificate(t);
    const out = await deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform: "iphone" }, actor, T0);
    if (!out.ok) throw new Error(out.reason);
    const signed = writeTemp(env.scratch, `${ua}.mobileconfig`, out.file.body);
    const plistFile = `${signed}.plist`;
    opensslOk(["cms", "-verify", "-inform", "DER", "-in", signed, "-CAfile", await writeCaFile(env.scratch), "-out", plistFile]);
    const { info, p12File } = readProfile(plistFile);
    expect(info.password).toMatch(/^[A-Za-z0-9]{16}$/);
    const password = String(info.password);
    expect(opensslOk(["pkcs12", "-in", p12File, "-passin", `pass:${password}`, "-nodes", "-legacy"])).toContain("BEGIN PRIVATE KEY");
    expect(openssl(["pkcs12", "-in", p12File, "-passin", "pass:wrong-password", "-nodes", "-legacy"]).code).not.toBe(0);
    // iOS imports only 3DES/SHA-1: the UA's AES-256 choice does not reach the profile.
    expect(keyBagEncryption(p12File, password)).toBe("pbeWithSHA1And3-KeyTripleDES-CBC");
  });
});
