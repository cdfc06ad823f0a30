// The import-once race: 50 parallel requests for one delivery yield exactly one file, on
// SQLite and on PostgreSQL, 100 times over. One conditional update (deliver.ts claim()) decides.
// Its own file so Vitest runs it beside the other suites.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, useServiceEnvironment } from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import { issueWithServerKey } from "../../lib/ca";
import { createUa, deliverCertificate, uaUserActor } from "../../lib/enrollment";

useServiceEnvironment();
const T0 = new Date("2026-06-01T09:00:00Z");
const actor = uaUserActor("race", "user", { ip: "198.51.100.7", userAgent: "vitest-ua" });
let seq = 0;
const unique = (p: string) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;

describe.each(PROVIDERS)("import-once race on %s", (provider) => {
  const t = withTestDatabase(provider);
  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
  });

  async function userWithCertificate() {
    const name = unique("r");
    await createAccount({ kind: "user", name, hostnames: [], uaPassword: "ua-password-123" }, TEST_ACTOR);
    const cert = await issueWithServerKey({ account: name, keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR, T0);
    const account = await t.db.account.findUniqueOrThrow({ where: { name } });
    return { accountId: account.id, serial: cert.serial };
  }

  it("50 parallel requests for one import-once delivery yield exactly one file, 100 times", { timeout: 600_000 }, async () => {
    const ua = unique("once");
    await createUa({
      name: ua, caSlug: "ia1", importToStore: true, importOnce: true, downloadAllowed: true, downloadWindowMinutes: 0, iphoneUa: true,
      iphoneLayout: false, protectWithLoginPassword: false, androidDownload: true, macDownload: true, selfEnroll: false,
      profileName: "race", profileIdentifier: "test.inkan.race", lockThreshold: 5, lockMinutes: 15,
    }, TEST_ACTOR);
    for (let i = 0; i < 100; i++) {
      const user = await userWithCertificate();
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () => deliverCertificate({ ua, accountId: user.accountId, serial: user.serial, platform: "windows" }, actor, T0)),
      );
      const files = outcomes.filter((o) => o.ok);
      expect(files).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok && o.reason === "already-imported")).toHaveLength(49);
      const stored = await t.db.certificate.findFirstOrThrow({ where: { serial: user.serial } });
      expect(stored.privateKeyEncrypted).toBeNull();
    }
  });

});
