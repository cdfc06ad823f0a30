// `npm run inkan -- ca create` as a child process against a SQLite file: a second root and
// an intermediate signed by ia1, checked with OpenSSL; bad input exits non-zero, writing nothing.
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { opensslOk, useServiceEnvironment, writeTemp } from "../helpers/services";
import { createDb, type Db } from "../../lib/db";
import { toPem, PEM_LABEL } from "../../lib/pki";

const env = useServiceEnvironment();
const ROOT = path.resolve(import.meta.dirname, "../..");

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/inkan.ts", ...args], {
      cwd: ROOT,
      timeout: 90_000,
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, INKAN_DATA_DIR: env.dataDir, INKAN_MASTER_KEY: env.masterKey,
        DATABASE_URL: `file:${path.join(env.dataDir, "inkan.db")}`, INKAN_CA_KEY_ALGORITHM: "RSA-2048",
        INKAN_PUBLIC_URL: "http://inkan.example.test", INKAN_SCHEDULER: "off",
      } as unknown as NodeJS.ProcessEnv,
    }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

describe("inkan ca create", () => {
  let db: Db;
  beforeAll(async () => {
    expect((await cli("init")).code).toBe(0);
    db = createDb(`file:${path.join(env.dataDir, "inkan.db")}`);
  }, 120_000);
  afterAll(async () => db?.$disconnect());

  const pemOf = async (slug: string) => {
    const ca = await db.certificateAuthority.findUniqueOrThrow({ where: { slug } });
    return writeTemp(env.scratch, `${slug}.pem`, toPem(PEM_LABEL.CERTIFICATE, Buffer.from(ca.certificateDer)));
  };

  it("creates ia2 as a root and an intermediate under ia1 that OpenSSL verifies, each with a first CRL", async () => {
    const root = await cli("ca", "create", "--slug", "ia2", "--algorithm", "ECDSA-P256", "--subject", "CN=CLI Root ia2,O=Inkan", "--json");
    expect(root.code, root.stderr).toBe(0);
    expect(JSON.parse(root.stdout)).toEqual({ slug: "ia2", parent: null });
    const sub = await cli("ca", "create", "--slug", "ops", "--parent", "ia1", "--algorithm", "ECDSA-P256", "--days", "365");
    expect(sub.code, sub.stderr).toBe(0);
    expect(sub.stdout).toContain("created CA ops signed by ia1");
    expect(opensslOk(["verify", "-x509_strict", "-CAfile", await pemOf("ia1"), await pemOf("ops")])).toMatch(/: OK\n$/);
    expect(opensslOk(["x509", "-in", await pemOf("ia2"), "-noout", "-subject"])).toMatch(/CN ?= ?CLI Root ia2/);
    const crls = await db.crl.findMany({ where: { ca: { slug: { in: ["ia2", "ops"] } } } });
    expect(crls).toHaveLength(2);
  }, 120_000);

  it("refuses a bad algorithm and an unknown parent with a clear message, creating nothing", async () => {
    const before = await db.certificateAuthority.count();
    const badAlg = await cli("ca", "create", "--slug", "ia3", "--algorithm", "DSA-1024");
    expect(badAlg.code).not.toBe(0);
    expect(badAlg.stderr).toMatch(/--algorithm: Choose one of RSA-2048/);
    const badParent = await cli("ca", "create", "--slug", "ia4", "--parent", "nope");
    expect(badParent.code).not.toBe(0);
    expect(badParent.stderr).toContain('No CA named "nope"');
    expect(await db.certificateAuthority.count()).toBe(before);
  }, 120_000);
});
