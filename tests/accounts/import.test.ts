// CSV onboarding through the services on SQLite and PostgreSQL: the preview writes nothing
// and names each bad row; 5,000 rows import in one go with one audit event per account and a
// summary; a re-run of the same file changes nothing; a changed row is updated per the rule.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, auditEvents, expectInkanError, rowCounts, useServiceEnvironment } from "../helpers/services";
import { createAccount, deleteAccount, findAccountByName, importAccounts, listAccounts, previewAccountImport, type ImportProgress } from "../../lib/accounts";

useServiceEnvironment();

const csv = (text: string) => Buffer.from(text, "utf8");

function bigFile(rows: number, prefix: string): Buffer {
  const lines = ["user_id,name,email,groups,hostnames"];
  for (let i = 0; i < rows; i++) {
    lines.push(i % 5 === 0
      ? `${prefix}-srv${i},"Server ${i}, rack ${i % 7}",,ops,${prefix}-srv${i}.example.test;alt${i}.${prefix}.example.test`
      : `${prefix}-u${i},ユーザ ${i},${prefix}.u${i}@example.test,staff;ops,`);
  }
  return Buffer.from("\uFEFF" + lines.join("\r\n") + "\r\n", "utf8");
}

describe.each(PROVIDERS)("CSV account import on %s", (provider) => {
  const t = withTestDatabase(provider);

  beforeAll(async () => {
    await t.reset();
    await t.db.group.create({ data: { kind: "USER", name: "staff" } });
    await t.db.group.create({ data: { kind: "USER", name: "ops" } });
    await createAccount({ kind: "user", name: "existing", displayName: "Old name", email: "existing@example.test" }, TEST_ACTOR);
    await createAccount({ kind: "server", name: "already-server", hostnames: ["s.example.test"] }, TEST_ACTOR);
    await createAccount({ kind: "user", name: "was-deleted" }, TEST_ACTOR);
    await deleteAccount("was-deleted", "keep", TEST_ACTOR);
  });

  it("previews every row with its action and errors, and writes nothing", async () => {
    const file = csv([
      "User_ID,Name,E-mail,Groups,Hostnames",
      "new1,New One,new1@example.test,staff,",
      "existing,Old name,existing@example.test,,",
      "existing2,,not-an-email,,",
      "bad id!,x,,,",
      "new2,,,nosuchgroup;staff,",
      "new1,dup,,,",
      "already-server,,,,",
      "was-deleted,,,,",
      "web9,,,,WEB9.Example.Test;bad_host!",
      "short,row",
      "web10,,,,web10.example.test",
    ].join("\n"));
    const before = await rowCounts(t.db);
    const plan = await previewAccountImport(file);
    expect(await rowCounts(t.db)).toEqual(before);
    const byLine = Object.fromEntries(plan.rows.map((r) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ userId: "new1", action: "create", errors: [] });
    expect(byLine[3]).toMatchObject({ userId: "existing", action: "unchanged" });
    expect(byLine[4].errors).toEqual(["Enter a valid e-mail address."]);
    expect(byLine[5].errors[0]).toMatch(/Use letters, digits and \. _ @ - only/);
    expect(byLine[6].errors).toEqual(['No group named "nosuchgroup". Create the group first or correct the name.']);
    expect(byLine[7].errors).toEqual(['The user ID "new1" is already on line 2; each account may appear once.']);
    expect(byLine[8].errors).toEqual(['"already-server" exists as a server account; a CSV row cannot change an account\'s kind.']);
    expect(byLine[9].errors[0]).toMatch(/belonged to a deleted account/);
    expect(byLine[10].errors[0]).toMatch(/Host names use letters/);
    expect(byLine[11].errors[0]).toMatch(/Line 11 has 2 fields; the header has 5/);
    expect(byLine[12]).toMatchObject({ userId: "web10", action: "create" });
    expect(plan.counts).toEqual({ create: 2, update: 0, unchanged: 1, error: 8 });

    // The same file previewed for a Japanese reader: the same rows, every error in Japanese.
    const ja = await previewAccountImport(file, "ja");
    const jaByLine = Object.fromEntries(ja.rows.map((r) => [r.line, r]));
    expect(ja.rows.map((r) => [r.line, r.action, r.errors.length])).toEqual(plan.rows.map((r) => [r.line, r.action, r.errors.length]));
    expect(jaByLine[4].errors).toEqual(["正しいメールアドレスを入力してください。"]);
    expect(jaByLine[6].errors).toEqual(["グループ「nosuchgroup」はありません。先にグループを作成するか、名前を直してください。"]);
    expect(jaByLine[7].errors).toEqual(["ユーザID「new1」はすでに 2 行目にあります。1つのアカウントは1回だけ書いてください。"]);
    expect(jaByLine[8].errors).toEqual(["「already-server」はサーバアカウントとして存在します。CSV の行でアカウントの種別は変えられません。"]);
    expect(jaByLine[11].errors).toEqual(["11 行目の項目は 2 個ですが、ヘッダーは 5 個です。カンマの過不足を確認するか、カンマを含む項目を引用符で囲んでください。"]);
    for (const row of ja.rows) for (const e of row.errors) expect(e).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("refuses a file without a user_id column or with a broken quote, before looking at rows", async () => {
    await expectInkanError(previewAccountImport(csv("name,email\nx,y\n")), "VALIDATION", /no user_id column \(found: name, email\)/);
    await expectInkanError(previewAccountImport(csv('user_id,name\nu1,"open\n')), "VALIDATION", /CSV line 2: a quoted field is never closed/);
    await expectInkanError(previewAccountImport(csv("user_id,name\n")), "VALIDATION", /header but no rows/);
  });

  it("imports 5,000 rows in one go with progress, audits each account and a summary, and a re-run changes nothing", async () => {
    const file = bigFile(5000, `b${provider.slice(0, 2)}`);
    const progress: ImportProgress[] = [];
    const eventsBefore = await t.db.auditEvent.count();
    const result = await importAccounts(file, TEST_ACTOR, (p) => progress.push(p));
    expect(result.counts).toEqual({ create: 5000, update: 0, unchanged: 0, error: 0 });
    expect(result.encoding).toBe("utf-8");
    const steps = progress.filter((p) => p.type === "progress");
    expect(steps[0]).toEqual({ type: "progress", done: 0, total: 5000 });
    expect(steps.at(-1)).toEqual({ type: "progress", done: 5000, total: 5000 });
    expect(steps.length).toBeGreaterThan(10);
    expect(progress.at(-1)?.type).toBe("done");

    const prefix = `b${provider.slice(0, 2)}`;
    expect(await t.db.account.count({ where: { name: { startsWith: `${prefix}-` } } })).toBe(5000);
    expect(await findAccountByName(`${prefix}-srv10`)).toMatchObject({
      kind: "SERVER", displayName: "Server 10, rack 3", hostnames: [`${prefix}-srv10.example.test`, `alt10.${prefix}.example.test`],
    });
    expect(await findAccountByName(`${prefix}-u11`)).toMatchObject({ kind: "USER", displayName: "ユーザ 11", email: `${prefix}.u11@example.test` });
    const staff = await t.db.group.findUniqueOrThrow({ where: { name: "staff" }, include: { _count: { select: { members: true } } } });
    expect(staff._count.members).toBe(4000);
    expect(await t.db.auditEvent.count()).toBe(eventsBefore + 5001);
    expect((await auditEvents(t.db, "account.import")).at(-1)?.details).toEqual({ rows: 5000, create: 5000, update: 0, unchanged: 0, error: 0 });
    expect((await listAccounts({ q: `alt10.${prefix}` })).items.map((a) => a.name)).toEqual([`${prefix}-srv10`]);

    const before = await rowCounts(t.db);
    const again = await importAccounts(file, TEST_ACTOR);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 5000, error: 0 });
    // Only the summary event is new.
    expect(await rowCounts(t.db)).toEqual({ ...before, auditEvents: before.auditEvents + 1 });
  }, 1_200_000);

  it("updates a changed row (display name, e-mail, host names replaced; groups added, never removed) and leaves the status alone", async () => {
    await createAccount({ kind: "server", name: "upd-srv", displayName: "Before", hostnames: ["a.example.test"] }, TEST_ACTOR);
    await importAccounts(csv("user_id,name,groups,hostnames\nupd-srv,Before,staff,a.example.test\n"), TEST_ACTOR);
    const result = await importAccounts(csv("user_id,name,groups,hostnames\nupd-srv,After,ops,b.example.test;a.example.test\n"), TEST_ACTOR);
    expect(result.rows[0]).toMatchObject({ action: "update", changes: ["displayName", "hostnames", "groups"] });
    const account = await t.db.account.findUniqueOrThrow({ where: { name: "upd-srv" }, include: { memberships: { include: { group: true } } } });
    expect(account).toMatchObject({ displayName: "After", hostnames: JSON.stringify(["b.example.test", "a.example.test"]), status: "ACTIVE" });
    // A server account also joined the built-in role group on creation (lib/groups).
    expect(account.memberships.map((m) => m.group.name).sort()).toEqual(["SSL server certificate", "ops", "staff"]);
    const [, update] = await auditEvents(t.db, "account.update", "upd-srv");
    expect(update.details).toMatchObject({ source: "csv", changed: ["displayName", "hostnames", "groups"], displayName: "After" });
  });
});
