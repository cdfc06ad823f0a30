// The one client on both providers: create/read, the (caId, serial) unique constraint,
// interactive transactions (commit, rollback on throw), and concurrent access.
import { describe, expect, it } from "vitest";
import { getDb, isUniqueViolation, type Db } from "../../lib/db";
import { PROVIDERS, withTestDatabase } from "../helpers/database";

async function seed(db: Db, suffix = "") {
  const ca = await db.certificateAuthority.create({
    data: {
      slug: `ia1${suffix}`,
      name: "Issuing CA 1",
      subject: "CN=Inkan IA1,O=Inkan",
      keyAlgorithm: "ECDSA-P256",
      encryptedKey: new Uint8Array([1, 2, 3, 0, 255]),
      certificateDer: new Uint8Array([0x30, 0x82, 0x01]),
    },
  });
  const account = await db.account.create({ data: { kind: "USER", name: `alice${suffix}`, email: "alice@example.test" } });
  return { ca, account };
}

function certificateData(caId: string, accountId: string, serial: string) {
  return {
    caId,
    accountId,
    serial,
    subject: "CN=alice",
    keyAlgorithm: "ECDSA-P256",
    notBefore: new Date("2026-01-01T00:00:00.000Z"),
    notAfter: new Date("2027-01-01T00:00:00.000Z"),
    status: "ISSUED",
    source: "KEYGEN",
    certificateDer: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]),
  };
}

describe.each(PROVIDERS)("Prisma client on %s", (provider) => {
  const t = withTestDatabase(provider);

  it("is installed as the process-wide client for the suite", () => {
    expect(getDb()).toBe(t.db);
  });

  it("creates and reads back rows with bytes, dates and relations", async () => {
    await t.reset();
    const { ca, account } = await seed(t.db);
    const created = await t.db.certificate.create({ data: certificateData(ca.id, account.id, "7f01") });
    const read = await t.db.certificate.findUniqueOrThrow({
      where: { caId_serial: { caId: ca.id, serial: "7f01" } },
      include: { ca: true, account: true },
    });
    expect(read.id).toBe(created.id);
    expect(read.notAfter.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(Buffer.from(read.certificateDer)).toEqual(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]));
    expect(Buffer.from(read.ca.encryptedKey)).toEqual(Buffer.from([1, 2, 3, 0, 255]));
    expect(read.account.name).toBe("alice");
    expect(read.sans).toBe("[]");
    expect(read.privateKeyEncrypted).toBeNull();
    expect(await t.db.certificate.count({ where: { notAfter: { gt: new Date("2026-06-01T00:00:00Z") } } })).toBe(1);
  });

  it("rejects a duplicate serial in the same CA (P2002) but not in another CA", async () => {
    await t.reset();
    const { ca, account } = await seed(t.db);
    const other = await seed(t.db, "-b");
    await t.db.certificate.create({ data: certificateData(ca.id, account.id, "0a0b") });

    const error = await t.db.certificate.create({ data: certificateData(ca.id, account.id, "0a0b") }).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);

    await expect(
      t.db.certificate.create({ data: certificateData(other.ca.id, other.account.id, "0a0b") }),
    ).resolves.toMatchObject({ serial: "0a0b" });
    expect(await t.db.certificate.count()).toBe(2);
  });

  it("commits an interactive transaction", async () => {
    await t.reset();
    const { ca, account } = await seed(t.db);
    const result = await t.db.$transaction(async (tx) => {
      const cert = await tx.certificate.create({ data: certificateData(ca.id, account.id, "01") });
      await tx.certificateAuthority.update({ where: { id: ca.id }, data: { crlNumber: { increment: 1 } } });
      return cert.serial;
    });
    expect(result).toBe("01");
    expect(await t.db.certificate.count()).toBe(1);
    expect((await t.db.certificateAuthority.findUniqueOrThrow({ where: { id: ca.id } })).crlNumber).toBe(1);
  });

  it("rolls back an interactive transaction that throws", async () => {
    await t.reset();
    const { ca, account } = await seed(t.db);
    const failure = new Error("issuance failed after the insert");
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.certificate.create({ data: certificateData(ca.id, account.id, "02") });
        await tx.certificateAuthority.update({ where: { id: ca.id }, data: { crlNumber: 99 } });
        expect(await tx.certificate.count()).toBe(1); // visible inside
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await t.db.certificate.count()).toBe(0);
    expect((await t.db.certificateAuthority.findUniqueOrThrow({ where: { id: ca.id } })).crlNumber).toBe(0);
  });

  it("rolls back a transaction failing on the unique constraint, keeping earlier work of other transactions", async () => {
    await t.reset();
    const { ca, account } = await seed(t.db);
    await t.db.certificate.create({ data: certificateData(ca.id, account.id, "03") });
    const error = await t.db
      .$transaction(async (tx) => {
        await tx.account.create({ data: { kind: "SERVER", name: "www.example.test" } });
        await tx.certificate.create({ data: certificateData(ca.id, account.id, "03") });
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await t.db.account.count({ where: { name: "www.example.test" } })).toBe(0);
    expect(await t.db.certificate.count()).toBe(1);
  });

  it("keeps queries outside an open transaction out of it (no dirty reads, no writes swept into its rollback)", async () => {
    await t.reset();
    const { ca, account } = await seed(t.db);
    await t.db.account.count(); // compile the query shapes first so timing is realistic
    await t.db.$executeRaw`UPDATE "CertificateAuthority" SET "crlNumber" = 0 WHERE "id" = ${ca.id}`;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedInTx = new Promise<void>((resolve) => (inserted = resolve));
    const txDone = t.db
      .$transaction(async (tx) => {
        await tx.account.create({ data: { kind: "SERVER", name: "uncommitted.example.test" } });
        await tx.certificate.create({ data: certificateData(ca.id, account.id, "aa") });
        inserted();
        await gate;
        throw new Error("abort");
      })
      .catch((e: Error) => e.message);
    await insertedInTx;
    // Issued while the transaction is open and holds uncommitted rows. Prisma promises are
    // lazy: `.then` starts them now.
    const outsideCount = t.db.account.count().then((n) => n);
    const outsideWrite = t.db.$executeRaw`UPDATE "CertificateAuthority" SET "crlNumber" = 7 WHERE "id" = ${ca.id}`.then((n) => n);
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect(await txDone).toBe("abort");
    expect(await outsideCount).toBe(1); // only alice
    expect(await outsideWrite).toBe(1);
    expect((await t.db.certificateAuthority.findUniqueOrThrow({ where: { id: ca.id } })).crlNumber).toBe(7);
    expect(await t.db.certificate.count()).toBe(0);
    expect(await t.db.account.count()).toBe(1);
  });

  it("runs concurrent transactions without losing updates or SQLITE_BUSY", async () => {
    await t.reset();
    const { ca } = await seed(t.db);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        t.db.$transaction(async (tx) => {
          // Atomic increment: correct on both (a read-modify-write would need SERIALIZABLE on PostgreSQL).
          await tx.certificateAuthority.update({ where: { id: ca.id }, data: { crlNumber: { increment: 1 } } });
          await tx.auditEvent.count();
        }),
      ),
    );
    expect((await t.db.certificateAuthority.findUniqueOrThrow({ where: { id: ca.id } })).crlNumber).toBe(20);
  });

  if (provider === "sqlite") {
    it("serializes SQLite transactions (read-modify-write is safe)", async () => {
      await t.reset();
      const { ca } = await seed(t.db);
      await Promise.all(
        Array.from({ length: 10 }, () =>
          t.db.$transaction(async (tx) => {
            const current = await tx.certificateAuthority.findUniqueOrThrow({ where: { id: ca.id } });
            await new Promise((r) => setTimeout(r, 2));
            await tx.certificateAuthority.update({ where: { id: ca.id }, data: { crlNumber: current.crlNumber + 1 } });
          }),
        ),
      );
      expect((await t.db.certificateAuthority.findUniqueOrThrow({ where: { id: ca.id } })).crlNumber).toBe(10);
    });
  }
});
