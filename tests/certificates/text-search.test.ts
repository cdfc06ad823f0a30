// Free-text certificate search through the trigram indexes (SQLite FTS5 table kept by
// triggers, PostgreSQL pg_trgm) gives exactly the rows of the plain LIKE scan it replaced,
// on tricky terms (wildcards, quotes, backslash, Japanese, accents, 1–2 characters), on
// SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { containsText, type Prisma } from "../../lib/db";
import { parseCertificateSearch, searchCertificates } from "../../lib/ca";
import { textCandidates } from "../../lib/ca/text-search";
import { isIndexableTerm } from "../../lib/db";

const SUBJECTS: Array<[account: string, subject: string]> = [
  ["yamada-山田", "CN=山田太郎,O=株式会社印鑑,C=JP"],
  ["yamada-山田", "CN=山田 花子,OU=開発部,O=Inkan Bench Corp,C=JP"],
  ["o'brien", `CN=O'Brien,O=Acme "Quoted" Ltd`],
  ["a_b", "CN=a_b%c\\d,O=Wildcards"],
  ["axbyc", "CN=axbyc,O=Lookalike"],
  ["café", "CN=Éclair,O=Café Crème"],
  ["staff1", "CN=STAFF member,OU=Staff"],
  ["staff1", "CN=50% off,OU=Sales"],
  ["srv1.example.test", "CN=srv1.example.test,OU=Servers"],
  ["user12345", "CN=user12345,OU=Staff,O=Inkan Bench Corp,C=JP"],
  ["user123456", "CN=user123456,OU=Staff,O=Inkan Bench Corp,C=JP"],
  ["tanaka", "CN=Tanaka Ichirō,O=Ünïcödé GmbH"],
];

const TERMS = [
  "user12345", "USER1234", "staff", "STAFF", "CN=", "cn=user12345,", "Inkan Bench", "bench corp", "ou=", "st", "s", "ab",
  "%", "_", "a_b", "a_b%", "50%", "x%c", "\\", "c\\d", "\\d,", "'", "o'brien", "O'BRIEN,", `"`, `"Quoted"`, `Acme "Quoted" Ltd`,
  "山田", "山田太郎", "田太", "山田 花子", "株式会社", "印鑑", "é", "É", "Éclair", "éclair", "CAFÉ", "café", "crème", "Crème", "Ichirō",
  "ünïcödé", "Ünïcödé", "gmbh", "example.test", "srv1.", "yamada-山", "nothing-like-this", "a b", "   x", "lookalike,",
  "12345", "123", "1a2", "ab12", "1", "12", "e5",
];

describe.each(PROVIDERS)("free-text certificate search on %s", (provider) => {
  const t = withTestDatabase(provider);

  beforeAll(async () => {
    await t.reset();
    const ca = await t.db.certificateAuthority.create({
      data: { slug: "ia1", name: "ia1", subject: "CN=ia1", keyAlgorithm: "ECDSA-P256", encryptedKey: new Uint8Array([1]), certificateDer: new Uint8Array([0x30]) },
    });
    const accounts = new Map<string, string>();
    for (const [name] of SUBJECTS) {
      if (!accounts.has(name)) accounts.set(name, (await t.db.account.create({ data: { kind: "USER", name, searchText: name } })).id);
    }
    let n = 0;
    for (const [account, subject] of SUBJECTS) {
      n++;
      await t.db.certificate.create({
        data: {
          caId: ca.id, accountId: accounts.get(account)!, serial: `${n.toString(16)}e5${"0".repeat(n)}`, subject, keyAlgorithm: "ECDSA-P256",
          notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date(Date.UTC(2027, 0, n)), status: "ISSUED", source: "CSR",
          certificateDer: new Uint8Array([0x30]), createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
        },
      });
    }
  });

  /** Every row the search returns, through all its pages (the one code path users get). */
  async function searched(input: { q?: string; subject?: string }): Promise<string[]> {
    const serials: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchCertificates(parseCertificateSearch({ ...input, cursor, limit: 5 }));
      serials.push(...page.items.map((c) => c.serial));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return serials;
  }

  /** The plain scan the search ran before the trigram indexes (the reference semantics). */
  async function scanned(where: Prisma.CertificateWhereInput): Promise<string[]> {
    const rows = await t.db.certificate.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { serial: true } });
    return rows.map((r) => r.serial);
  }

  const serialRange = (term: string): Prisma.CertificateWhereInput[] => {
    const clean = term.replace(/[:\s]/g, "").toLowerCase();
    return /^[0-9a-f]{1,40}$/.test(clean) ? [{ serial: { gte: clean, lt: `${clean}g` } }] : [];
  };

  it.each(TERMS)("subject contains %j: the same rows as the plain LIKE scan", async (term) => {
    const trimmed = term.trim();
    expect(await searched({ subject: term })).toEqual(await scanned({ subject: containsText(trimmed) }));
  });

  it.each(TERMS)("free text q = %j: the same rows as the plain scan (serial prefix, subject or account name)", async (term) => {
    const trimmed = term.trim();
    const expected = await scanned({ OR: [...serialRange(trimmed), { subject: containsText(trimmed) }, { account: { name: containsText(trimmed) } }] });
    expect(await searched({ q: term })).toEqual(expected);
  });

  it("answers terms of 3+ characters from the index, and leaves 1–2 characters and LIKE wildcards to the scan", async () => {
    expect(await textCandidates("nothing-like-this", true)).toEqual([]);
    const subjectOnly = await textCandidates("山田太郎", false);
    expect(subjectOnly).toHaveLength(1);
    // "yamada-山" is only in an account name: found with it, not by subject alone.
    expect(await textCandidates("yamada-山", true)).toHaveLength(2);
    expect(await textCandidates("yamada-山", false)).toEqual([]);
    expect((await textCandidates(`"Quoted"`, false))?.length).toBe(1);
    for (const short of ["ab", "山田", "é", "x"]) {
      expect(isIndexableTerm(short)).toBe(false);
      expect(await textCandidates(short, true)).toBeNull();
    }
    for (const wild of ["a_b", "50%", "c\\d"]) expect(await textCandidates(wild, true)).toBeNull();
  });

  it("narrows to more candidates than SQLite's historic 999 bound values (up to MAX_TEXT_CANDIDATES) in one query", async () => {
    const [ca, account] = await Promise.all([t.db.certificateAuthority.findFirstOrThrow(), t.db.account.findFirstOrThrow({ where: { name: "tanaka" } })]);
    await t.db.certificate.createMany({
      data: Array.from({ length: 1_200 }, (_, i) => ({
        caId: ca.id, accountId: account.id, serial: `b0${i.toString(16).padStart(4, "0")}`, subject: `CN=bulk-${i},O=Many Rows Inc`, keyAlgorithm: "ECDSA-P256",
        notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2027-06-01T00:00:00Z"), status: "ISSUED", source: "CSR", certificateDer: new Uint8Array([0x30]),
        createdAt: new Date(Date.UTC(2026, 1, 1) + i * 1000),
      })),
    });
    expect(await textCandidates("many rows", false)).toHaveLength(1_200);
    const page = await searchCertificates(parseCertificateSearch({ subject: "many rows", limit: 3 }));
    expect(page.items.map((c) => c.subject)).toEqual(["CN=bulk-1199,O=Many Rows Inc", "CN=bulk-1198,O=Many Rows Inc", "CN=bulk-1197,O=Many Rows Inc"]);
    expect(await searched({ q: "bulk-11" })).toEqual(await scanned({ OR: [{ subject: containsText("bulk-11") }, { account: { name: containsText("bulk-11") } }] }));
  });

  it("finds a certificate issued after the index was built, and one whose subject changed", async () => {
    const [ca, account] = await Promise.all([t.db.certificateAuthority.findFirstOrThrow(), t.db.account.findFirstOrThrow({ where: { name: "tanaka" } })]);
    const cert = await t.db.certificate.create({
      data: {
        caId: ca.id, accountId: account.id, serial: "fedcba", subject: "CN=新しい証明書,O=Later", keyAlgorithm: "ECDSA-P256",
        notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2027-06-01T00:00:00Z"), status: "ISSUED", source: "CSR", certificateDer: new Uint8Array([0x30]),
      },
    });
    expect(await searched({ subject: "新しい証明書" })).toEqual(["fedcba"]);
    await t.db.certificate.update({ where: { id: cert.id }, data: { subject: "CN=renamed-later" } });
    expect(await searched({ subject: "新しい証明書" })).toEqual([]);
    expect(await searched({ q: "renamed-later" })).toEqual(["fedcba"]);
    await t.db.certificate.delete({ where: { id: cert.id } });
    expect(await textCandidates("renamed-later", true)).toEqual([]);
  });
});
