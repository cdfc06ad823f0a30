// Shared by the UA delivery suites: UA settings, a user with a server-keyed certificate, and
// OpenSSL/plistlib readers for what a delivery hands out.
import { spawnSync } from "node:child_process";
import { expect } from "vitest";
import { TEST_ACTOR, openssl } from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import { issueWithServerKey } from "../../lib/ca";
import { uaUserActor, type UaSettingsInput } from "../../lib/enrollment";

export const T0 = new Date("2026-06-01T09:00:00Z");
export const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);
export const USER_PASSWORD = "ua-password-123";
let seq = 0;
export const unique = (p: string) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;

export const actor = uaUserActor("t", "user", { ip: "198.51.100.7", userAgent: "vitest-ua" });

export function uaInput(name: string, overrides: Partial<UaSettingsInput> = {}): UaSettingsInput {
  return {
    name, caSlug: "ia1", importToStore: true, certificateStore: "USER", importOnce: false, downloadAllowed: true, downloadWindowMinutes: 0,
    iphoneUa: true, iphoneLayout: false, protectWithLoginPassword: false, profileName: "Inkan test", profileIdentifier: "test.inkan.profile",
    profileOrganization: "Inkan Tests", profileDescription: "Client certificate for tests", androidDownload: true, macDownload: true,
    selfEnroll: false, pkcs12Encryption: "legacy", lockThreshold: 3, lockMinutes: 10, ...overrides,
  };
}

type AccountReader = { db: { account: { findUniqueOrThrow: (a: { where: { name: string } }) => Promise<{ id: string }> } } };

export async function userWithCertificate(t: AccountReader) {
  const name = unique("u");
  await createAccount({ kind: "user", name, email: `${name}@example.test`, hostnames: [], uaPassword: USER_PASSWORD }, TEST_ACTOR);
  const cert = await issueWithServerKey({ account: name, keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR, T0);
  const account = await t.db.account.findUniqueOrThrow({ where: { name } });
  return { name, accountId: account.id, serial: cert.serial };
}

/** The profile's fields, its root certificate (hex) and embedded password, and its PKCS#12 written next to it. */
export function readProfile(plistFile: string): { info: Record<string, unknown>; p12File: string } {
  const script = [
    "import plistlib,sys,json",
    "p=plistlib.load(open(sys.argv[1],'rb'))",
    "c={x['PayloadType']:x for x in p['PayloadContent']}",
    "open(sys.argv[2],'wb').write(c['com.apple.security.pkcs12']['PayloadContent'])",
    "print(json.dumps({k:p.get(k) for k in ['PayloadType','PayloadDisplayName','PayloadIdentifier','PayloadOrganization','PayloadDescription']}|{'types':sorted(c),'root':c['com.apple.security.root']['PayloadContent'].hex(),'password':c['com.apple.security.pkcs12'].get('Password')}))",
  ].join("\n");
  const p12File = `${plistFile}.p12`;
  const py = spawnSync("python3", ["-c", script, plistFile, p12File]);
  expect(py.status, py.stderr.toString()).toBe(0);
  return { info: JSON.parse(py.stdout.toString()), p12File };
}

/** The key bag's encryption as `openssl pkcs12 -info` names it, e.g. "pbeWithSHA1And3-KeyTripleDES-CBC". */
export function keyBagEncryption(p12File: string, password: string): string {
  const r = openssl(["pkcs12", "-info", "-in", p12File, "-passin", `pass:${password}`, "-noout", "-legacy"]);
  expect(r.code, r.output).toBe(0);
  return /Shrouded Keybag: ([^,\n]+(?:, PBKDF2, [^,\n]+)?)/.exec(r.output)?.[1] ?? "";
}
