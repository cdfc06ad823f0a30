import { getDb, type Tx } from "@/lib/db";
import { InkanError, type Language, type LocalizedText } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { recordEvent, type Actor } from "@/lib/audit";
import { parseCsv, type CsvRecord } from "./csv";
import { createAccountSchema, splitHostnames } from "./schema";
import { ensureServerRoleMembership } from "@/lib/groups";
import { nameTakenError } from "./mutations";
import { accountSearchText } from "./search-text";

// Bulk onboarding from CSV. Columns (header names, any order, case-insensitive; Japanese
// names accepted): user_id (required), name, email, groups (separated by ";"), hostnames
// (separated by ";" or spaces), kind ("user" or "server"; default: server when the row
// has host names). Rule for an account that already exists: display name, e-mail and host
// names become the CSV's values (an empty cell clears, except that a server keeps needing a
// host name), listed groups are added (never removed), its status is left alone; a row that
// would change nothing is "unchanged". So re-running the same file changes nothing.

export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const CHUNK = 100;

const COLUMNS = {
  userId: ["user_id", "userid", "user id", "id", "ユーザid", "ユーザーid", "ユーザ id"],
  name: ["name", "display_name", "display name", "displayname", "名前", "氏名", "表示名"],
  email: ["email", "e-mail", "mail", "メールアドレス", "メール"],
  groups: ["groups", "group", "グループ"],
  hostnames: ["hostnames", "hostname", "host names", "host name", "ホスト名"],
  kind: ["kind", "type", "種別"],
} as const;
type Column = keyof typeof COLUMNS;

export type ImportAction = "create" | "update" | "unchanged" | "error";

export interface ImportRowPlan {
  line: number;
  userId: string;
  action: ImportAction;
  errors: string[];
  /** Fields an update changes (displayName, email, hostnames, groups). */
  changes: string[];
}

export interface ImportPlan {
  encoding: string;
  rows: ImportRowPlan[];
  counts: Record<ImportAction, number>;
}

interface ValidRow {
  line: number;
  kind: "user" | "server";
  name: string;
  displayName: string | null;
  email: string | null;
  hostnames: string[];
  groups: string[];
}

interface Planned {
  plan: ImportRowPlan;
  /** The row's errors in both languages; the plan carries them in the reader's. */
  errors: LocalizedText[];
  row?: ValidRow;
}

function columnIndex(header: string[]): Record<Column, number> {
  const lower = header.map((h) => h.toLowerCase());
  const index = Object.fromEntries(
    (Object.keys(COLUMNS) as Column[]).map((c) => [c, lower.findIndex((h) => (COLUMNS[c] as readonly string[]).includes(h))]),
  ) as Record<Column, number>;
  if (index.userId < 0) {
    throw new InkanError("VALIDATION", {
      en: `The CSV header has no user_id column (found: ${header.join(", ") || "nothing"}). The first line must name the columns: user_id,name,email,groups,hostnames.`,
      ja: `CSVのヘッダーに user_id 列がありません(見つかった列: ${header.join(", ") || "なし"})。1行目に列名 user_id,name,email,groups,hostnames を書いてください。`,
    });
  }
  return index;
}

function splitList(text: string): string[] {
  return [...new Set(text.split(";").map((s) => s.trim()).filter(Boolean))];
}

/** Validates one record on its own (no database). */
function validateRecord(rec: CsvRecord, width: number, col: Record<Column, number>): Planned {
  const cell = (c: Column) => (col[c] >= 0 ? (rec.fields[col[c]] ?? "").trim() : "");
  const userId = cell("userId");
  const plan: ImportRowPlan = { line: rec.line, userId, action: "error", errors: [], changes: [] };
  const errors: LocalizedText[] = [];
  if (rec.fields.length !== width) {
    errors.push({
      en: `Line ${rec.line} has ${rec.fields.length} fields; the header has ${width}. Check for a missing or extra comma, or quote fields that contain commas.`,
      ja: `${rec.line} 行目の項目は ${rec.fields.length} 個ですが、ヘッダーは ${width} 個です。カンマの過不足を確認するか、カンマを含む項目を引用符で囲んでください。`,
    });
    return { plan, errors };
  }
  const hostnames = splitHostnames(cell("hostnames").replace(/;/g, " "));
  const kindCell = cell("kind").toLowerCase();
  if (kindCell && kindCell !== "user" && kindCell !== "server") {
    errors.push({ en: `kind must be "user" or "server", not "${cell("kind")}".`, ja: `kind は "user" か "server" です("${cell("kind")}" は使えません)。` });
    return { plan, errors };
  }
  const kind = (kindCell || (hostnames.length > 0 ? "server" : "user")) as "user" | "server";
  const parsed = createAccountSchema.safeParse({ kind, name: userId, displayName: cell("name"), email: cell("email"), hostnames });
  if (!parsed.success) {
    errors.push(...parsed.error.issues.map((i) => issueText(i.message)));
    return { plan, errors };
  }
  const a = parsed.data;
  return {
    plan,
    errors,
    row: { line: rec.line, kind, name: a.name, displayName: a.displayName ?? null, email: a.email ?? null, hostnames: [...new Set(a.hostnames)], groups: splitList(cell("groups")) },
  };
}

/** Reads the file, validates every row and compares it with the database; writes nothing. */
async function planRows(bytes: Uint8Array): Promise<{ encoding: string; planned: Planned[] }> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new InkanError("TOO_LARGE", { en: `The CSV file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into several files.`, ja: `CSVファイルが ${MAX_IMPORT_BYTES / 1024 / 1024} MB を超えています。複数のファイルに分けてください。` });
  const table = parseCsv(bytes);
  if (table.records.length === 0) throw new InkanError("VALIDATION", { en: "The CSV file has a header but no rows.", ja: "CSVファイルにヘッダーしかありません。アカウントの行を追加してください。" });
  if (table.records.length > MAX_IMPORT_ROWS) throw new InkanError("TOO_LARGE", { en: `The CSV file has ${table.records.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`, ja: `CSVファイルが ${table.records.length} 行あります。一度に取り込めるのは ${MAX_IMPORT_ROWS} 行までです。` });
  const col = columnIndex(table.header);
  const planned = table.records.map((r) => validateRecord(r, table.header.length, col));

  const seen = new Map<string, number>();
  for (const p of planned) {
    if (!p.row) continue;
    const first = seen.get(p.row.name);
    if (first !== undefined) {
      p.errors.push({ en: `The user ID "${p.row.name}" is already on line ${first}; each account may appear once.`, ja: `ユーザID「${p.row.name}」はすでに ${first} 行目にあります。1つのアカウントは1回だけ書いてください。` });
      p.row = undefined;
    } else seen.set(p.row.name, p.row.line);
  }
  const db = getDb();
  const valid = planned.filter((p) => p.row);
  const groupNames = [...new Set(valid.flatMap((p) => p.row!.groups))];
  const groups = new Map<string, string>();
  for (let i = 0; i < groupNames.length; i += 500) {
    for (const g of await db.group.findMany({ where: { name: { in: groupNames.slice(i, i + 500) } }, select: { id: true, name: true } })) groups.set(g.name, g.id);
  }
  const existing = new Map<string, { id: string; kind: string; status: string; displayName: string | null; email: string | null; hostnames: string; groups: Set<string> }>();
  for (let i = 0; i < valid.length; i += 500) {
    const rows = await db.account.findMany({
      where: { name: { in: valid.slice(i, i + 500).map((p) => p.row!.name) } },
      select: { id: true, name: true, kind: true, status: true, displayName: true, email: true, hostnames: true, memberships: { select: { group: { select: { name: true } } } } },
    });
    for (const r of rows) existing.set(r.name, { ...r, groups: new Set(r.memberships.map((m) => m.group.name)) });
  }
  for (const p of valid) {
    const row = p.row!;
    const missing = row.groups.filter((g) => !groups.has(g));
    if (missing.length) {
      p.errors.push({
        en: `No group named ${missing.map((g) => `"${g}"`).join(", ")}. Create the group first or correct the name.`,
        ja: `グループ${missing.map((g) => `「${g}」`).join("、")}はありません。先にグループを作成するか、名前を直してください。`,
      });
    }
    const current = existing.get(row.name);
    if (current?.status === "DELETED") p.errors.push(nameTakenError(row.name, "DELETED").text);
    else if (current && current.kind !== (row.kind === "server" ? "SERVER" : "USER")) {
      p.errors.push({
        en: `"${row.name}" exists as a ${current.kind.toLowerCase()} account; a CSV row cannot change an account's kind.`,
        ja: `「${row.name}」は${current.kind === "SERVER" ? "サーバ" : "ユーザ"}アカウントとして存在します。CSV の行でアカウントの種別は変えられません。`,
      });
    }
    if (p.errors.length) {
      p.row = undefined;
      continue;
    }
    if (!current) {
      p.plan.action = "create";
      continue;
    }
    if ((current.displayName ?? null) !== row.displayName) p.plan.changes.push("displayName");
    if ((current.email ?? null) !== row.email) p.plan.changes.push("email");
    if (current.hostnames !== JSON.stringify(row.hostnames)) p.plan.changes.push("hostnames");
    if (row.groups.some((g) => !current.groups.has(g))) p.plan.changes.push("groups");
    p.plan.action = p.plan.changes.length ? "update" : "unchanged";
  }
  return { encoding: table.encoding, planned };
}

/** The plan of every row, its errors in `locale`. */
function summarize(encoding: string, planned: Planned[], locale: Language): ImportPlan {
  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  const rows = planned.map((p) => ({ ...p.plan, errors: p.errors.map((e) => e[locale]) }));
  for (const r of rows) counts[r.action]++;
  return { encoding, rows, counts };
}

/** The preview: what importing this file would do, row by row, errors in `locale`. Writes nothing. */
export async function previewAccountImport(bytes: Uint8Array, locale: Language = "en"): Promise<ImportPlan> {
  const { encoding, planned } = await planRows(bytes);
  return summarize(encoding, planned, locale);
}

export type ImportProgress =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; result: ImportPlan };

/**
 * Imports the file: rows with errors are skipped and reported; the others are created or
 * updated in transactions of CHUNK rows, each account with its own audit event, then one
 * summary event. Progress is reported after every chunk.
 */
export async function importAccounts(bytes: Uint8Array, actor: Actor, onProgress: (p: ImportProgress) => void = () => {}, locale: Language = "en"): Promise<ImportPlan> {
  const { encoding, planned } = await planRows(bytes);
  const work = planned.filter((p) => p.row && (p.plan.action === "create" || p.plan.action === "update"));
  const db = getDb();
  const groupIds = new Map<string, string>();
  const names = [...new Set(work.flatMap((p) => p.row!.groups))];
  for (let i = 0; i < names.length; i += 500) {
    for (const g of await db.group.findMany({ where: { name: { in: names.slice(i, i + 500) } }, select: { id: true, name: true } })) groupIds.set(g.name, g.id);
  }
  onProgress({ type: "progress", done: 0, total: work.length });
  for (let i = 0; i < work.length; i += CHUNK) {
    const chunk = work.slice(i, i + CHUNK);
    try {
      await db.$transaction(async (tx) => {
        await applyChunk(tx, chunk, groupIds, actor);
      }, { timeout: 300_000, maxWait: 60_000 });
    } catch (err) {
      // The chunk rolled back as a whole (e.g. an account created meanwhile): report its rows; a re-run picks them up.
      const message: LocalizedText = err instanceof InkanError ? err.text : {
        en: "The database refused this batch; nothing in it was written. Run the import again.",
        ja: "データベースがこのまとまりを受け付けませんでした。その行は何も書き込まれていません。もう一度取り込みを実行してください。",
      };
      if (!(err instanceof InkanError)) console.error("[inkan] account import chunk failed:", err instanceof Error ? err.stack : err);
      for (const p of chunk) {
        p.plan.action = "error";
        p.errors.push(message);
      }
    }
    onProgress({ type: "progress", done: Math.min(i + CHUNK, work.length), total: work.length });
  }
  const result = summarize(encoding, planned, locale);
  await db.$transaction((tx) => recordEvent(tx, { actor, action: "account.import", details: { rows: planned.length, ...result.counts } }));
  onProgress({ type: "done", result });
  return result;
}

/**
 * Writes one chunk: new accounts in one insert, then the group rules every new account gets
 * (lib/groups), the listed groups' missing memberships in one insert, and one audit event per
 * account. The plan was made from a read before; a row taken meanwhile fails the unique index
 * and the whole chunk rolls back (reported; a re-run picks it up).
 */
async function applyChunk(tx: Tx, chunk: Planned[], groupIds: Map<string, string>, actor: Actor) {
  const creates = chunk.filter((p) => p.plan.action === "create").map((p) => p.row!);
  const updates = chunk.filter((p) => p.plan.action === "update");
  const created = creates.length
    ? await tx.account.createManyAndReturn({
        data: creates.map((r) => ({
          kind: r.kind === "server" ? "SERVER" : "USER",
          name: r.name,
          displayName: r.displayName,
          email: r.email,
          hostnames: JSON.stringify(r.hostnames),
          searchText: accountSearchText(r),
        })),
        select: { id: true, name: true, kind: true },
      })
    : [];
  const ids = new Map(created.map((a) => [a.name, a.id]));
  for (const a of created) if (a.kind === "SERVER") await ensureServerRoleMembership(tx, a.id);
  for (const p of updates) {
    const row = p.row!;
    const { count } = await tx.account.updateMany({
      where: { name: row.name, status: { not: "DELETED" } },
      data: { displayName: row.displayName, email: row.email, hostnames: JSON.stringify(row.hostnames), searchText: accountSearchText(row) },
    });
    if (count === 0) throw new InkanError("CONFLICT", { en: `The account "${row.name}" was deleted during the import; run it again.`, ja: `取り込みの間にアカウント「${row.name}」が削除されました。もう一度取り込んでください。` });
  }
  if (updates.length) {
    for (const a of await tx.account.findMany({ where: { name: { in: updates.map((p) => p.row!.name) } }, select: { id: true, name: true } })) ids.set(a.name, a.id);
  }
  const wanted: Array<{ groupId: string; accountId: string }> = [];
  for (const p of chunk) {
    for (const g of p.row!.groups) {
      const groupId = groupIds.get(g);
      if (!groupId) throw new InkanError("CONFLICT", { en: `The group "${g}" was deleted during the import; run it again.`, ja: `取り込みの間にグループ「${g}」が削除されました。もう一度取り込んでください。` });
      wanted.push({ groupId, accountId: ids.get(p.row!.name)! });
    }
  }
  if (wanted.length) {
    const have = await tx.groupMembership.findMany({
      where: { accountId: { in: [...new Set(wanted.map((w) => w.accountId))] } },
      select: { groupId: true, accountId: true },
    });
    const present = new Set(have.map((m) => `${m.groupId} ${m.accountId}`));
    const missing = wanted.filter((w) => !present.has(`${w.groupId} ${w.accountId}`));
    if (missing.length) await tx.groupMembership.createMany({ data: missing });
  }
  for (const p of chunk) {
    const row = p.row!;
    const details = { source: "csv", line: row.line, groups: row.groups };
    await recordEvent(tx, p.plan.action === "create"
      ? { actor, action: "account.create", target: { type: "account", id: row.name }, details: { kind: row.kind === "server" ? "SERVER" : "USER", email: row.email, hostnames: row.hostnames, ...details } }
      : { actor, action: "account.update", target: { type: "account", id: row.name }, details: { ...details, changed: p.plan.changes, displayName: row.displayName, email: row.email, hostnames: row.hostnames } });
  }
}
