// insertRows and newRowId (lib/db.ts): the hot write path's plain INSERT must store every kind
// of column exactly as Prisma's model API does, so that the model API, the triggers and the
// searches read those rows like any other; and its unique violations must be recognised.
import { describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { insertRows, isUniqueViolation, newRowId } from "../../lib/db";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("newRowId", () => {
  it("makes unique ids in the shape of Prisma's cuid(), in time order", () => {
    const ids = Array.from({ length: 10_000 }, newRowId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    const times = ids.map((id) => parseInt(id.slice(1, 9), 36));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.abs(times.at(-1)! - Date.now())).toBeLessThan(60_000);
  });
});

describe.each(PROVIDERS)("insertRows on %s", (provider) => {
  const t = withTestDatabase(provider);

  async function authority(slug: string) {
    const row = {
      id: newRowId(), slug, name: `CA ${slug}`, subject: `CN=CA ${slug},O=Inkan テスト`, keyAlgorithm: "ECDSA-P256",
      encryptedKey: bytes(0, 1, 2, 0xfe, 0xff), certificateDer: bytes(0x30, 0x82, 0, 0), parentId: null, serial: null,
      revokedAt: new Date("2026-03-04T05:06:07.089Z"), revocationReason: null, crlNumber: 2_147_483_647, crlValidityHours: 168,
      createdAt: new Date("2026-01-02T03:04:05.678Z"),
    };
    await t.db.$transaction((tx) => insertRows(tx, "CertificateAuthority", [row]));
    return row;
  }

  it("stores strings, nulls, bytes, integers and times as the model API reads them back", async () => {
    const row = await authority("ins1");
    const read = await t.db.certificateAuthority.findUniqueOrThrow({ where: { id: row.id } });
    expect({ ...read, encryptedKey: [...read.encryptedKey], certificateDer: [...read.certificateDer] })
      .toEqual({ ...row, encryptedKey: [...row.encryptedKey], certificateDer: [...row.certificateDer] });
  });

  it("writes several rows in one statement, stored exactly like rows the model API writes", async () => {
    const ca = await authority("ins2");
    const account = await t.db.account.create({ data: { kind: "SERVER", name: `insert-rows-${provider}` } });
    const certificate = (serial: string, notAfter: string) => ({
      id: newRowId(), caId: ca.id, accountId: account.id, templateId: null, serial, subject: `CN=${serial}.example.test`,
      sans: "[]", keyAlgorithm: "ECDSA-P256", notBefore: new Date("2026-01-01T00:00:00.000Z"), notAfter: new Date(notAfter),
      status: "ISSUED", source: "CSR", certificateDer: bytes(0x30, 1, 2), privateKeyEncrypted: null, createdAt: new Date("2026-01-01T00:00:00.001Z"),
    });
    const raw = [certificate("0a", "2027-01-01T00:00:00.001Z"), certificate("0b", "2027-01-01T00:00:00.002Z"), certificate("0c", "2027-01-01T00:00:00.003Z")];
    await t.db.$transaction((tx) => insertRows(tx, "Certificate", raw));
    const { id: _id, ...viaModel } = certificate("0d", "2027-01-01T00:00:00.002Z");
    await t.db.certificate.create({ data: viaModel });

    // Time comparisons and ordering see both kinds of rows alike (SQLite keeps times as text).
    const later = await t.db.certificate.findMany({ where: { caId: ca.id, notAfter: { gte: new Date("2027-01-01T00:00:00.002Z") } }, orderBy: [{ notAfter: "asc" }, { serial: "asc" }] });
    expect(later.map((c) => c.serial)).toEqual(["0b", "0d", "0c"]);
    const stored = await t.db.$queryRawUnsafe<Array<{ serial: string; notAfter: string; createdAt: string }>>(
      `SELECT "serial", CAST("notAfter" AS TEXT) AS "notAfter", CAST("createdAt" AS TEXT) AS "createdAt" FROM "Certificate" WHERE "serial" IN ('0b', '0d') ORDER BY "serial"`,
    );
    expect(stored[0].notAfter).toBe(stored[1].notAfter);
    expect(stored[0].createdAt).toBe(stored[1].createdAt);
    // The derived tables' triggers ran for the plain INSERT too.
    const counts = await t.db.certificateCount.findMany({ where: { status: "ISSUED" } });
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(4);
  });

  it("reports a duplicate as a unique violation and writes none of the statement's rows", async () => {
    const ca = await authority("ins3");
    const account = await t.db.account.create({ data: { kind: "USER", name: `insert-rows-dup-${provider}` } });
    const row = (serial: string) => ({
      id: newRowId(), caId: ca.id, accountId: account.id, templateId: null, serial, subject: "CN=dup", sans: "[]", keyAlgorithm: "RSA-2048",
      notBefore: new Date(), notAfter: new Date(), status: "ISSUED", source: "CSR", certificateDer: bytes(1), privateKeyEncrypted: null, createdAt: new Date(),
    });
    await t.db.$transaction((tx) => insertRows(tx, "Certificate", [row("01")]));
    const error = await t.db.$transaction((tx) => insertRows(tx, "Certificate", [row("02"), row("01")])).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect((await t.db.certificate.findMany({ where: { caId: ca.id } })).map((c) => c.serial)).toEqual(["01"]);
    // Not every failure is a unique violation.
    const missingCa = await t.db.$transaction((tx) => insertRows(tx, "Certificate", [{ ...row("03"), caId: "no-such-ca" }])).catch((e: unknown) => e);
    expect(missingCa).toBeInstanceOf(Error);
    expect(isUniqueViolation(missingCa)).toBe(false);
  });

  it("splits rows beyond one statement's 32,766 bound values over several statements", async () => {
    const at = new Date("2026-02-03T04:05:06.007Z");
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      id: newRowId(), seq: 1_000_000 + i, at, actor: "system:test", action: "test.bulk", targetType: null, targetId: String(i),
      ip: null, userAgent: null, outcome: "SUCCESS", details: "{}", prevHash: "x", hash: "y",
    }));
    await t.db.$transaction((tx) => insertRows(tx, "AuditEvent", rows), { timeout: 60_000 });
    expect(await t.db.auditEvent.count({ where: { action: "test.bulk", at } })).toBe(5_000);
  });

  it("writes nothing for no rows, and refuses rows whose columns differ", async () => {
    await t.db.$transaction((tx) => insertRows(tx, "Certificate", []));
    const ca = { ...(await authority("ins4")) };
    const { revokedAt: _r, ...short } = { ...ca, id: newRowId(), slug: "ins5" };
    await expect(t.db.$transaction((tx) => insertRows(tx, "CertificateAuthority", [{ ...ca, id: newRowId(), slug: "ins6" }, short]))).rejects.toThrow(/same columns/);
    expect(await t.db.certificateAuthority.count({ where: { slug: { in: ["ins5", "ins6"] } } })).toBe(0);
  });
});
