// Bad input to the issuance and revocation services, on SQLite and PostgreSQL: each is
// refused with an InkanError whose code and message say what is wrong, and nothing is
// written (no certificate, no audit event, no CRL) unless the code records a failure.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, expectInkanError, makeCsr, rowCounts, useServiceEnvironment, type TestKey } from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import { issueFromCsr, issueWithServerKey, revokeCertificate, findAuthorityCertificate, MAX_CSR_BYTES } from "../../lib/ca";
import { InkanError, type ErrorCode } from "../../lib/errors";
import { toPem, PEM_LABEL } from "../../lib/pki";

useServiceEnvironment();

const SERVER = "api1";
const USER = "bob";
const DISABLED = "carol";

/** A copy of a DER CSR with the last byte of its signature flipped. */
function flipLastByte(der: Buffer): Buffer {
  const copy = Buffer.from(der);
  copy[copy.length - 1] ^= 0x01;
  return copy;
}

describe.each(PROVIDERS)("bad input on %s", (provider) => {
  const t = withTestDatabase(provider);

  beforeAll(async () => {
    await createTestAuthority();
    await createAccount({ kind: "server", name: SERVER, hostnames: ["api1.example.test"] }, TEST_ACTOR);
    await createAccount({ kind: "user", name: USER, email: "bob@example.test" }, TEST_ACTOR);
    await createAccount({ kind: "user", name: DISABLED, email: "carol@example.test" }, TEST_ACTOR);
    await t.db.account.update({ where: { name: DISABLED }, data: { status: "DISABLED" } });
  });

  /** Asserts the call fails as described and that no table gained or lost a row. */
  async function refusedWithoutWrites(work: () => Promise<unknown>, code: ErrorCode, message: RegExp): Promise<InkanError> {
    const before = await rowCounts(t.db);
    const crlNumber = (await t.db.certificateAuthority.findUniqueOrThrow({ where: { slug: "ia1" } })).crlNumber;
    const err = await expectInkanError(work(), code, message);
    expect(await rowCounts(t.db)).toEqual(before);
    expect((await t.db.certificateAuthority.findUniqueOrThrow({ where: { slug: "ia1" } })).crlNumber).toBe(crlNumber);
    return err;
  }

  describe("CSRs that are not acceptable", () => {
    const cases: Array<[name: string, csr: () => Buffer | string | Promise<string>, code: ErrorCode, message: RegExp]> = [
      ["binary garbage", () => Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0xff, 0x10, 0x20]), "UNPROCESSABLE", /neither a PEM nor a DER certificate request/],
      ["a truncated DER header", () => Buffer.from([0x30, 0x82, 0xff, 0xff, 0x02, 0x01]), "UNPROCESSABLE", /certificate request/],
      ["an empty buffer", () => Buffer.alloc(0), "VALIDATION", /The CSR is empty/],
      ["an empty string", () => "", "VALIDATION", /The CSR is empty/],
      ["whitespace only", () => "  \n\t\n", "VALIDATION", /The CSR is empty/],
      ["a 5 MB buffer", () => Buffer.alloc(5 * 1024 * 1024, 0x41), "TOO_LARGE", new RegExp(`5242880 bytes; at most ${MAX_CSR_BYTES} are accepted`)],
      ["a CSR with a flipped signature byte", () => flipLastByte(makeCsr("rsa2048").der), "UNPROCESSABLE", /signature does not verify with its own public key/],
      ["an RSA-1024 CSR", () => makeCsr("rsa1024").pem, "UNPROCESSABLE", /RSA key has 1024 bits; at least 2048 are required/],
      ["a secp256k1 CSR", () => makeCsr("secp256k1").pem, "UNPROCESSABLE", /curve (secp256k1|1\.3\.132\.0\.10); only P-256 and P-384 are accepted/],
      ["a P-521 CSR", () => makeCsr("p521").pem, "UNPROCESSABLE", /curve .*(P-521|secp521r1).*only P-256 and P-384 are accepted/],
      ["a CSR asking for CA:TRUE", () => makeCsr("p256", { ca: true }).pem, "UNPROCESSABLE", /asks for a CA certificate \(basicConstraints CA:TRUE\)/],
      ["a certificate instead of a CSR", async () => toPem(PEM_LABEL.CERTIFICATE, (await findAuthorityCertificate("ia1"))!), "UNPROCESSABLE", /CERTIFICATE REQUEST/],
    ];

    it.each(cases)("refuses %s with a message saying what is wrong, writing nothing", async (name, csr, code, message) => {
      const input = await csr();
      const err = await refusedWithoutWrites(() => issueFromCsr({ account: SERVER, csr: input }, TEST_ACTOR), code, message);
      if (code === "UNPROCESSABLE" && name !== "a CSR asking for CA:TRUE") expect(err.details?.pkiCode).toBeTypeOf("string");
    });

    it("refuses a server CSR asking for a DNS name the account does not have, naming it", async () => {
      const csr = makeCsr("p256", { dns: ["api1.example.test", "evil.example.test"] });
      await refusedWithoutWrites(
        () => issueFromCsr({ account: SERVER, csr: csr.pem }, TEST_ACTOR),
        "UNPROCESSABLE",
        /host names this server account does not have: evil\.example\.test\. Add them/,
      );
    });

    it.each<[TestKey]>([["rsa2048"], ["p256"]])("a refused %s request leaves the same CSR issuable once the problem is fixed", async (key) => {
      // The refusal is about the request, not a poisoned state: the account still works.
      const cert = await issueFromCsr({ account: SERVER, csr: makeCsr(key, { dns: ["api1.example.test"] }).pem }, TEST_ACTOR);
      expect(cert.status).toBe("ISSUED");
    });
  });

  describe("accounts and CAs that cannot be issued for", () => {
    it("refuses an unknown account for a CSR, naming it", async () => {
      await refusedWithoutWrites(() => issueFromCsr({ account: "nobody", csr: makeCsr("p256").pem }, TEST_ACTOR), "NOT_FOUND", /No account named "nobody"\. Create the account first/);
    });

    it("refuses an unknown account for a server-generated key, naming it", async () => {
      await refusedWithoutWrites(() => issueWithServerKey({ account: "nobody", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR), "NOT_FOUND", /No account named "nobody"/);
    });

    it("refuses a disabled account (CSR and server key), saying it is disabled", async () => {
      await refusedWithoutWrites(() => issueFromCsr({ account: DISABLED, csr: makeCsr("p256").pem }, TEST_ACTOR), "CONFLICT", /account "carol" is disabled; enable it before issuing/);
      await refusedWithoutWrites(() => issueWithServerKey({ account: DISABLED, keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR), "CONFLICT", /account "carol" is disabled/);
    });

    it("refuses an unknown CA, naming it", async () => {
      await refusedWithoutWrites(() => issueFromCsr({ account: USER, csr: makeCsr("p256").pem, ca: "nope" }, TEST_ACTOR), "NOT_FOUND", /No CA named "nope"/);
    });
  });

  describe("accounts that cannot be created", () => {
    it.each([
      ["a server account without host names", { kind: "server" as const, name: "srv-x" }, /server account needs at least one host name/],
      ["a user account with host names", { kind: "user" as const, name: "usr-x", hostnames: ["a.example.test"] }, /Only server accounts carry host names/],
      ["an invalid host name", { kind: "server" as const, name: "srv-y", hostnames: ["bad_host!.example"] }, /Host names use letters, digits, hyphens and dots/],
      ["a name with a slash", { kind: "user" as const, name: "a/b" }, /Use letters, digits and \. _ @ - only/],
      ["a UA password shorter than 8 characters", { kind: "user" as const, name: "usr-z", uaPassword: "short" }, /UA password needs at least 8 characters/],
    ])("refuses %s with VALIDATION and field errors, writing nothing", async (_name, input, message) => {
      const err = await refusedWithoutWrites(() => createAccount(input, TEST_ACTOR), "VALIDATION", message);
      expect(err.detailsIn("en")?.errors).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(message) })]));
      expect(err.messageIn("ja")).toMatch(/[ぁ-んァ-ン一-龯]/);
    });

    it("refuses a duplicate account name with CONFLICT and no audit event", async () => {
      await refusedWithoutWrites(() => createAccount({ kind: "user", name: USER }, TEST_ACTOR), "CONFLICT", /account named "bob" already exists/);
    });

    it("two concurrent creations of the same account: one succeeds, the other gets CONFLICT", async () => {
      // On PostgreSQL (READ COMMITTED) both transactions can pass the existence check; the
      // unique index then decides and must surface as CONFLICT, not as an internal error.
      // KNOWN BUG (reported): fails on PostgreSQL until lib/accounts/mutations.ts createAccount
      // maps a unique violation (isUniqueViolation, P2002) to the same CONFLICT as the check.
      const before = await rowCounts(t.db);
      const results = await Promise.allSettled([1, 2, 3].map(() => createAccount({ kind: "server", name: "race1", hostnames: ["race1.example.test"] }, TEST_ACTOR)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
        expect(r.reason).toBeInstanceOf(InkanError);
        expect(r.reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already exists/) });
      }
      const after = await rowCounts(t.db);
      expect(after.accounts).toBe(before.accounts + 1);
      expect(after.auditEvents).toBe(before.auditEvents + 1);
    });
  });

  describe("revocation", () => {
    it("refuses a second revocation of the same certificate, saying since when it is revoked", async () => {
      const cert = await issueFromCsr({ account: USER, csr: makeCsr("p256").pem }, TEST_ACTOR);
      const revoked = await revokeCertificate({ serial: cert.serial, reason: "keyCompromise" }, TEST_ACTOR);
      expect(revoked.status).toBe("REVOKED");
      const err = await refusedWithoutWrites(
        () => revokeCertificate({ serial: cert.serial, reason: "superseded" }, TEST_ACTOR),
        "CONFLICT",
        new RegExp(`Certificate ${cert.serial} is already revoked \\(since ${revoked.revokedAt!.toISOString().replace(/\./g, "\\.")}\\)`),
      );
      expect(err.status).toBe(409);
      const row = await t.db.certificate.findFirstOrThrow({ where: { serial: cert.serial } });
      expect(row.revocationReason).toBe("keyCompromise");
    });

    it("refuses to revoke an unknown serial, naming it", async () => {
      await refusedWithoutWrites(() => revokeCertificate({ serial: "7f00ff", reason: "keyCompromise" }, TEST_ACTOR), "NOT_FOUND", /No certificate with serial 7f00ff/);
    });
  });
});
