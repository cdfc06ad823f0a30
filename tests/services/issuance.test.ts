// Issuance end to end through the services, on SQLite and PostgreSQL, with OpenSSL as the
// oracle: bootstrap, accounts, CSR and server-key issuance, key custody, PKCS#12 delivery.
import { createPrivateKey, createPublicKey } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import {
  TEST_ACTOR, auditEvents, expectInkanError, makeCsr, openssl, opensslOk, rowCounts, sha256,
  useServiceEnvironment, verifyWithOpenssl, withEnv, writeCaFile, writeTemp, type TestKey,
} from "../helpers/services";
import { bootstrap, completeSetup } from "../../lib/setup";
import { createAccount } from "../../lib/accounts";
import { signInAdmin } from "../../lib/auth";
import { exportPkcs12, findAuthorityCertificate, issueFromCsr, issueWithServerKey, revokeCertificate, type CertificateView } from "../../lib/ca";
import { openSecret } from "../../lib/secrets";
import { sqlitePathOf } from "../../lib/db/url";
import { parseCertificate, toPem, PEM_LABEL, type KeyAlgorithm } from "../../lib/pki";
import { GroupCommit, type Db } from "../../lib/db";
import { verifyAuditChain } from "../../lib/audit";

const env = useServiceEnvironment();

const ADMIN_EMAIL = "First.Admin@Example.test";
const ADMIN_PASSWORD = "correct horse battery staple";
const P12_PASSWORD = "p12 secret: Tr0ub4dor&3";

async function caRow(db: Db) {
  return db.certificateAuthority.findUniqueOrThrow({ where: { slug: "ia1" } });
}

/** Everything bootstrap may write, in a comparable form. */
async function snapshot(db: Db) {
  const ca = await caRow(db);
  const lastEvent = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const setup = await db.setupState.findUnique({ where: { id: 1 } });
  return {
    counts: await rowCounts(db),
    ca: { id: ca.id, key: sha256(Buffer.from(ca.encryptedKey)), cert: sha256(Buffer.from(ca.certificateDer)), crlNumber: ca.crlNumber },
    lastEvent,
    setup,
  };
}

async function storedCertificate(db: Db, serial: string) {
  return db.certificate.findFirstOrThrow({ where: { serial } });
}

/** `openssl x509 -noout -subject -ext ...` of a DER certificate. */
function describeWithOpenssl(dir: string, der: Buffer): string {
  const file = writeTemp(dir, `show-${sha256(der).slice(0, 12)}.pem`, toPem(PEM_LABEL.CERTIFICATE, der));
  return opensslOk(["x509", "-in", file, "-noout", "-subject", "-ext", "subjectAltName,extendedKeyUsage,basicConstraints"]);
}

describe.each(PROVIDERS)("issuance on %s", (provider) => {
  const t = withTestDatabase(provider);

  describe("bootstrap", () => {
    beforeEach(() => t.reset());

    it("creates ia1 and the administrator from the environment once; a second call changes nothing", async () => {
      await withEnv({ INKAN_ADMIN_EMAIL: ADMIN_EMAIL, INKAN_ADMIN_PASSWORD: ADMIN_PASSWORD }, async () => {
        expect(await bootstrap()).toEqual({ createdCa: true, createdAdmin: true });
        const before = await snapshot(t.db);
        const ca = await caRow(t.db);
        expect(ca).toMatchObject({ keyAlgorithm: "RSA-2048", subject: "CN=Inkan Test CA ia1,O=Inkan Tests", crlNumber: 1 });
        const admin = await t.db.admin.findUniqueOrThrow({ where: { email: ADMIN_EMAIL.toLowerCase() } });
        expect(admin).toMatchObject({ role: "ADMIN", status: "ACTIVE" });
        expect(admin.passwordHash).not.toContain(ADMIN_PASSWORD);

        expect(await bootstrap()).toEqual({ createdCa: false, createdAdmin: false });
        expect(await snapshot(t.db)).toEqual(before);

        const events = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { action: true, actor: true } });
        expect(events).toEqual(expect.arrayContaining([
          { action: "ca.create", actor: "system:system" },
          { action: "crl.publish", actor: "system:system" },
          { action: "admin.create", actor: "system:system" },
        ]));
        const signIn = await signInAdmin(ADMIN_EMAIL, ADMIN_PASSWORD, {});
        expect(signIn).toMatchObject({ ok: true, admin: { email: ADMIN_EMAIL.toLowerCase(), role: "ADMIN" } });
      });
    });

    it("without an administrator in the environment, issues a setup token that creates the first administrator exactly once", async () => {
      const first = await bootstrap();
      expect(first).toMatchObject({ createdCa: true, createdAdmin: false, setupToken: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/) });
      const caId = (await caRow(t.db)).id;
      expect(await t.db.admin.count()).toBe(0);

      await expectInkanError(
        completeSetup({ token: "not-the-token", email: "root@example.test", password: ADMIN_PASSWORD }),
        "FORBIDDEN",
        /setup token is not the one printed/,
      );
      expect(await t.db.admin.count()).toBe(0);

      await completeSetup({ token: first.setupToken!, email: "Root@Example.test", password: ADMIN_PASSWORD });
      expect(await t.db.admin.findMany({ select: { email: true, role: true } })).toEqual([{ email: "root@example.test", role: "ADMIN" }]);
      await expectInkanError(
        completeSetup({ token: first.setupToken!, email: "second@example.test", password: ADMIN_PASSWORD }),
        "CONFLICT",
        /already complete/,
      );

      const before = await snapshot(t.db);
      expect(await bootstrap()).toEqual({ createdCa: false, createdAdmin: false });
      expect((await caRow(t.db)).id).toBe(caId);
      expect(await snapshot(t.db)).toEqual(before);
    });
    it("a setup token creates one administrator even when used twice at the same moment", async () => {
      // KNOWN BUG (reported): lib/setup/index.ts completeSetup checks "no admin yet" and the
      // token outside any transaction and clears the token only after createAdmin, so two
      // concurrent requests with the token create two administrators. Fails until the token
      // is consumed atomically together with the admin creation.
      const { setupToken } = await bootstrap();
      const results = await Promise.allSettled([
        completeSetup({ token: setupToken!, email: "first@example.test", password: ADMIN_PASSWORD }),
        completeSetup({ token: setupToken!, email: "second@example.test", password: ADMIN_PASSWORD }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await t.db.admin.count()).toBe(1);
    });
  });

  describe("issuing", () => {
    let caFile: string;
    const user = "alice";
    const server = "web1";

    beforeAll(async () => {
      await t.reset();
      await bootstrap();
      caFile = await writeCaFile(env.scratch);
      await createAccount({ kind: "user", name: user, email: "Alice@Example.test", displayName: "Alice", uaPassword: "ua-password-1" }, TEST_ACTOR);
      await createAccount({ kind: "server", name: server, hostnames: ["web1.example.test", "WWW.example.test"] }, TEST_ACTOR);
    });

    async function expectIssued(cert: CertificateView, kind: "user" | "server", source: "CSR" | "KEYGEN") {
      const row = await storedCertificate(t.db, cert.serial);
      const der = Buffer.from(row.certificateDer);
      const verified = verifyWithOpenssl(env.scratch, caFile, der, kind === "user" ? "sslclient" : "sslserver");
      expect(verified.output).toMatch(/: OK\n/);
      expect(verified.code).toBe(0);

      const shown = describeWithOpenssl(env.scratch, der);
      if (kind === "server") {
        expect(shown).toMatch(/subject=CN = web1\.example\.test/);
        expect(shown).toMatch(/DNS:web1\.example\.test, DNS:www\.example\.test/);
        expect(shown).toMatch(/TLS Web Server Authentication/);
      } else {
        expect(shown).toMatch(/subject=CN = alice/);
        expect(shown).toMatch(/email:alice@example\.test/);
        expect(shown).toMatch(/TLS Web Client Authentication/);
      }
      expect(shown).toMatch(/CA:FALSE/);
      expect(parseCertificate(der).serialHex).toBe(cert.serial);
      expect(row).toMatchObject({ status: "ISSUED", source });

      const events = await auditEvents(t.db, "certificate.issue", cert.serial);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        outcome: "SUCCESS",
        actor: "admin:tester@example.test",
        targetType: "certificate",
        details: { ca: "ia1", account: kind === "user" ? user : server, source },
      });
      return { row, der };
    }

    const csrCases: Array<[kind: "user" | "server", key: TestKey]> = [["user", "rsa2048"], ["user", "p256"], ["server", "rsa2048"], ["server", "p256"]];
    it.each(csrCases)("issues a %s certificate for an OpenSSL %s CSR that openssl verify accepts, with the CSR's key and the account's names", async (kind, key) => {
      const csr = makeCsr(key, { subject: "/CN=ignored subject/O=Requester", dns: kind === "server" ? ["web1.example.test"] : [] });
      const cert = await issueFromCsr({ account: kind === "user" ? user : server, csr: csr.pem }, TEST_ACTOR);
      const { row, der } = await expectIssued(cert, kind, "CSR");
      expect(parseCertificate(der).subjectPublicKeySpki.equals(csr.spki)).toBe(true);
      expect(row.privateKeyEncrypted).toBeNull();
      expect(cert.hasServerKey).toBe(false);
      expect(cert.keyAlgorithm).toBe(key === "rsa2048" ? "RSA-2048" : "ECDSA-P256");
    });

    it("accepts the same CSR as DER", async () => {
      const cert = await issueFromCsr({ account: server, csr: makeCsr("p256").der }, TEST_ACTOR);
      await expectIssued(cert, "server", "CSR");
    });

    const keygenCases: Array<[kind: "user" | "server", alg: KeyAlgorithm]> = [["user", "RSA-2048"], ["server", "ECDSA-P256"]];
    it.each(keygenCases)("issues a %s certificate with a server-generated %s key that openssl verify accepts", async (kind, alg) => {
      const cert = await issueWithServerKey({ account: kind === "user" ? user : server, keyAlgorithm: alg }, TEST_ACTOR);
      const { row } = await expectIssued(cert, kind, "KEYGEN");
      expect(cert).toMatchObject({ hasServerKey: true, keyAlgorithm: alg });
      expect(row.privateKeyEncrypted).not.toBeNull();
    });

    it("keeps the server-held leaf key and the CA key only sealed: no plaintext PKCS#8 anywhere in the database", async () => {
      const cert = await issueWithServerKey({ account: server, keyAlgorithm: "RSA-2048" }, TEST_ACTOR);
      const p12 = await exportPkcs12({ serial: cert.serial, password: P12_PASSWORD, encryption: "aes256" }, TEST_ACTOR);
      const p12File = writeTemp(env.scratch, `custody-${cert.serial}.p12`, p12.body);
      const leafKeyPem = opensslOk(["pkcs12", "-in", p12File, "-nocerts", "-nodes", "-passin", "env:P12PASS"], { env: { P12PASS: P12_PASSWORD } });
      const leafKey = createPrivateKey(leafKeyPem);
      const leafPkcs8 = leafKey.export({ type: "pkcs8", format: "der" });
      const leafPkcs1 = leafKey.export({ type: "pkcs1", format: "der" });
      const row = await storedCertificate(t.db, cert.serial);
      // The exported key is the certificate's key.
      expect(createPublicKey(leafKey).export({ type: "spki", format: "der" }).equals(parseCertificate(Buffer.from(row.certificateDer)).subjectPublicKeySpki)).toBe(true);

      const ca = await caRow(t.db);
      const caPkcs8 = openSecret(ca.encryptedKey, "ca-key:ia1");
      const caCert = parseCertificate((await findAuthorityCertificate("ia1"))!);
      expect(createPublicKey(createPrivateKey({ key: caPkcs8, format: "der", type: "pkcs8" })).export({ type: "spki", format: "der" }).equals(caCert.subjectPublicKeySpki)).toBe(true);

      const sealedLeaf = Buffer.from(row.privateKeyEncrypted!);
      const sealedCa = Buffer.from(ca.encryptedKey);
      for (const sealed of [sealedLeaf, sealedCa]) {
        expect(() => createPrivateKey({ key: sealed, format: "der", type: "pkcs8" })).toThrow();
        expect(() => createPrivateKey({ key: sealed, format: "der", type: "pkcs1" })).toThrow();
      }
      expect(sealedLeaf.includes(leafPkcs8)).toBe(false);
      expect(sealedLeaf.includes(leafPkcs1)).toBe(false);
      expect(sealedCa.includes(caPkcs8)).toBe(false);

      // Every stored byte of every table: no plaintext key, in any of its encodings.
      const secrets = [leafPkcs8, leafPkcs1, caPkcs8, Buffer.from(leafKeyPem)];
      const tables = [
        await t.db.certificate.findMany(), await t.db.certificateAuthority.findMany(), await t.db.crl.findMany(),
        await t.db.auditEvent.findMany(), await t.db.account.findMany(), await t.db.admin.findMany(),
      ];
      for (const rows of tables) {
        for (const r of rows) {
          for (const value of Object.values(r)) {
            const bytes = value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value));
            for (const secret of secrets) expect(bytes.includes(secret)).toBe(false);
          }
        }
      }
      if (provider === "sqlite") {
        const file = sqlitePathOf(t.url);
        for (const f of [file, `${file}-wal`].filter(existsSync)) {
          const content = readFileSync(f);
          for (const secret of secrets) expect(content.includes(secret), `${f} holds a plaintext key`).toBe(false);
        }
      }

      // Sealed under the master key: another key cannot open them.
      await withEnv({ INKAN_MASTER_KEY: "11".repeat(32) }, async () => {
        expect(() => openSecret(sealedCa, "ca-key:ia1")).toThrow(/cannot be decrypted/);
      });
    });

    describe("PKCS#12 delivery", () => {
      let keygen: CertificateView;
      beforeAll(async () => {
        keygen = await issueWithServerKey({ account: user, keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
      });

      function openP12(body: Buffer, password: string, legacy: boolean) {
        const file = writeTemp(env.scratch, `open-${sha256(body).slice(0, 12)}.p12`, body);
        return openssl(["pkcs12", "-info", ...(legacy ? ["-legacy"] : []), "-in", file, "-nodes", "-passin", "env:P12PASS"], { env: { P12PASS: password } });
      }

      it.each([
        ["legacy", true, /pbeWithSHA1And3-KeyTripleDES-CBC/],
        ["aes256", false, /PBES2, PBKDF2, AES-256-CBC/],
      ] as const)("exports a %s PKCS#12 that openssl pkcs12 opens with the password (legacy flag: %s), holding key, certificate and CA", async (encryption, legacy, algorithm) => {
        const before = (await auditEvents(t.db, "certificate.download", keygen.serial)).length;
        const file = await exportPkcs12({ serial: keygen.serial, password: P12_PASSWORD, encryption }, TEST_ACTOR);
        expect(file).toMatchObject({ contentType: "application/x-pkcs12", filename: expect.stringMatching(/^alice-[0-9a-f]{16}\.p12$/) });

        const opened = openP12(file.body, P12_PASSWORD, legacy);
        expect(opened.code, opened.output).toBe(0);
        expect(opened.output).toMatch(algorithm);
        expect(opened.output.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
        expect(opened.output).toMatch(/-----BEGIN PRIVATE KEY-----/);
        const key = createPrivateKey(opened.output.slice(opened.output.indexOf("-----BEGIN PRIVATE KEY-----")));
        const certDer = Buffer.from((await storedCertificate(t.db, keygen.serial)).certificateDer);
        expect(createPublicKey(key).export({ type: "spki", format: "der" }).equals(parseCertificate(certDer).subjectPublicKeySpki)).toBe(true);

        const wrong = openP12(file.body, "not the password", legacy);
        expect(wrong.code).not.toBe(0);
        expect(wrong.output).toMatch(/Mac verify error/);

        const events = await auditEvents(t.db, "certificate.download", keygen.serial);
        expect(events).toHaveLength(before + 1);
        expect(events.at(-1)!.details).toEqual({ format: "pkcs12", encryption });
      });

      it("refuses a PKCS#12 password shorter than 8 characters and writes nothing", async () => {
        const before = await rowCounts(t.db);
        await expectInkanError(exportPkcs12({ serial: keygen.serial, password: "short", encryption: "aes256" }, TEST_ACTOR), "VALIDATION", /at least 8 characters/);
        expect(await rowCounts(t.db)).toEqual(before);
      });

      it("erases the server-held key on revocation and then offers no PKCS#12", async () => {
        const cert = await issueWithServerKey({ account: user, keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
        await revokeCertificate({ serial: cert.serial, reason: "cessationOfOperation" }, TEST_ACTOR);
        expect((await storedCertificate(t.db, cert.serial)).privateKeyEncrypted).toBeNull();
        await expectInkanError(exportPkcs12({ serial: cert.serial, password: P12_PASSWORD }, TEST_ACTOR), "CONFLICT", new RegExp(`Certificate ${cert.serial} is revoked; a PKCS#12 is no longer offered`));
      });

      it("offers no PKCS#12 for a CSR-issued certificate, saying why", async () => {
        const cert = await issueFromCsr({ account: user, csr: makeCsr("rsa2048").pem }, TEST_ACTOR);
        const before = await rowCounts(t.db);
        await expectInkanError(
          exportPkcs12({ serial: cert.serial, password: P12_PASSWORD }, TEST_ACTOR),
          "CONFLICT",
          /issued from a CSR: its private key never left the requester, so there is no PKCS#12/,
        );
        expect(await rowCounts(t.db)).toEqual(before);
      });
    });
  });

  describe("group commit", () => {
    let caFile: string;

    beforeAll(async () => {
      await t.reset();
      await bootstrap();
      caFile = await writeCaFile(env.scratch);
      await createAccount({ kind: "server", name: "web2", hostnames: ["web2.example.test"] }, TEST_ACTOR);
    });

    it("stores 24 concurrent issuances, each with its own certificate row and audit event, on an intact chain", async () => {
      const before = await t.db.auditEvent.count();
      const csrs = [makeCsr("rsa2048", { dns: ["web2.example.test"] }), makeCsr("p256", { dns: ["web2.example.test"] })];
      const certs = await Promise.all(Array.from({ length: 24 }, (_, i) => issueFromCsr({ account: "web2", csr: csrs[i % 2].pem }, TEST_ACTOR)));
      expect(new Set(certs.map((c) => c.serial)).size).toBe(24);
      for (const cert of certs) {
        expect(cert).toMatchObject({ accountName: "web2", caSlug: "ia1", status: "ISSUED", source: "CSR" });
        expect(await auditEvents(t.db, "certificate.issue", cert.serial)).toHaveLength(1);
      }
      expect(await t.db.certificate.count({ where: { account: { name: "web2" } } })).toBe(24);
      expect(await t.db.auditEvent.count()).toBe(before + 24);
      expect(await verifyAuditChain()).toMatchObject({ ok: true });
      for (const cert of [certs[0], certs[23]]) {
        const der = Buffer.from((await storedCertificate(t.db, cert.serial)).certificateDer);
        expect(verifyWithOpenssl(env.scratch, caFile, der, "sslserver").code).toBe(0);
      }
    });

    it("signs with the current CA when ia1 was replaced after an earlier issuance (no stale cached CA)", async () => {
      await issueFromCsr({ account: "web2", csr: makeCsr("p256", { dns: ["web2.example.test"] }).pem }, TEST_ACTOR);
      // A new database content under the same client: ia1 now has another id and key.
      await t.reset();
      await bootstrap();
      await createAccount({ kind: "server", name: "web2", hostnames: ["web2.example.test"] }, TEST_ACTOR);
      const newCaFile = await writeCaFile(env.scratch);
      const cert = await issueFromCsr({ account: "web2", csr: makeCsr("p256", { dns: ["web2.example.test"] }).pem }, TEST_ACTOR);
      const der = Buffer.from((await storedCertificate(t.db, cert.serial)).certificateDer);
      expect(verifyWithOpenssl(env.scratch, newCaFile, der, "sslserver").code).toBe(0);
      expect(verifyWithOpenssl(env.scratch, caFile, der, "sslserver").code).not.toBe(0);
    });

    it("writes concurrent callers in one transaction, refuses one item alone, and retries a failed batch item by item", async () => {
      const transactions: number[][] = [];
      const group = new GroupCommit<number, number>(async (tx, items) => {
        transactions.push([...items]);
        await tx.auditEvent.count(); // a real round trip inside the transaction
        if (items.includes(13) && items.length > 1) throw new Error("the whole batch fails");
        return items.map((n) => (n === 7 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n * 2 }));
      });
      const settle = (ns: number[]) => Promise.allSettled(ns.map((n) => group.submit(n))).then((rs) => rs.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message)));

      // Ten callers at once share one transaction; 7 is refused alone.
      expect(await settle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([0, 2, 4, 6, 8, 10, 12, "refused 7", 16, 18]);
      expect(transactions).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);

      // A batch whose transaction fails (because of 13) is written again one item per transaction.
      transactions.length = 0;
      expect(await settle([11, 12, 13, 14])).toEqual([22, 24, 26, 28]);
      expect(transactions).toEqual([[11, 12, 13, 14], [11], [12], [13], [14]]);
    });

    it("a batch waits (briefly) for announced items, not for unannounced ones, and not past its deadline", async () => {
      const transactions: number[][] = [];
      const group = new GroupCommit<number, number>(async (tx, items) => {
        transactions.push([...items]);
        await tx.auditEvent.count();
        return items.map((n) => ({ ok: true, value: n }));
      }, { maxWaitMs: 1000 });
      const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

      // Announced: the item submitted 30 ms later joins the first one's transaction.
      const coming = group.expect();
      const first = group.submit(1);
      await later(30);
      coming();
      await Promise.all([first, group.submit(2)]);
      expect(transactions).toEqual([[1, 2]]);

      // Not announced: the first is written at once, the late one in a transaction of its own.
      transactions.length = 0;
      const alone = group.submit(3);
      await later(30);
      await Promise.all([alone, group.submit(4)]);
      expect(transactions).toEqual([[3], [4]]);

      // Announced but never coming within the deadline: written without it after ~1 s.
      transactions.length = 0;
      const never = group.expect();
      const started = performance.now();
      await group.submit(5);
      expect(performance.now() - started).toBeGreaterThanOrEqual(990);
      expect(transactions).toEqual([[5]]);
      never();
      never(); // a second call changes nothing
      const t0 = performance.now();
      await group.submit(6);
      expect(performance.now() - t0).toBeLessThan(500);
    });
  });
});
