// The auditor's search over the audit log: filters, keyset pages newest first by (at, seq),
// and one event. Each equality filter has a composite (column, at, seq) index (see the
// schema), so a page reads one index range however long the log is.
import { z } from "zod";
import { getDb, type Prisma } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { eventHash, GENESIS_HASH, type ChainedFields } from "./chain";
import { auditTextCandidates } from "./text-search";
import { AUDIT_ACTIONS } from "./types";

/** Target kinds an auditor can filter by; `ua` also finds events that name the UA in their details. */
export const AUDIT_TARGET_TYPES = ["account", "certificate", "ca", "ua", "deploy-target", "admin", "apitoken", "group", "template", "crl", "application"] as const;
export type AuditTargetFilter = (typeof AUDIT_TARGET_TYPES)[number];

// Actor labels are "<kind>:<label>"; an auditor usually types only the e-mail or token name.
const ACTOR_KINDS = ["admin", "api", "system", "anonymous"] as const;

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.string().max(max, `At most ${max} characters.`).optional());

const optionalDate = z.preprocess((v) => {
  if (v instanceof Date) return v;
  if (typeof v !== "string" || v.trim() === "") return undefined;
  // <input type="datetime-local"> sends no zone: the console shows UTC, so read it as UTC.
  const s = v.trim();
  return new Date(/Z$|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
}, z.date({ message: "Not a date and time (use YYYY-MM-DDTHH:mm)." }).refine((d) => !Number.isNaN(d.getTime()), "Not a date and time (use YYYY-MM-DDTHH:mm).").optional());

export const auditFilterSchema = z
  .object({
    from: optionalDate,
    to: optionalDate,
    actor: optionalText(320),
    action: optionalText(64),
    targetType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(AUDIT_TARGET_TYPES, { message: `The target type is one of ${AUDIT_TARGET_TYPES.join(", ")}.` }).optional()),
    targetId: optionalText(256),
    ip: optionalText(64),
    outcome: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["SUCCESS", "FAILURE"], { message: "The outcome is SUCCESS or FAILURE." }).optional()),
    q: optionalText(200),
  })
  .refine((f) => !(f.from && f.to) || f.from <= f.to, { message: "The start of the time range is after its end.", path: ["from"] });

export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Parses filters from a query string or form; bad input is a VALIDATION error naming the field. */
export function parseAuditFilter(input: Record<string, unknown>): AuditFilter {
  const parsed = auditFilterSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "filter"), message: issueText(i.message) }));
    const summary = (l: "en" | "ja") => errors.map((e) => `${e.field}: ${e.message[l]}`).join(" ");
    throw new InkanError("VALIDATION", { en: summary("en"), ja: summary("ja") }, { errors });
  }
  return parsed.data;
}

export function isFiltered(f: AuditFilter): boolean {
  return Object.values(f).some((v) => v !== undefined);
}

/** The filters as query-string pairs (for links, exports and the audit event of an export). */
export function filterToQuery(f: AuditFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = v instanceof Date ? v.toISOString() : String(v);
  return out;
}

function normalizeTargetId(type: AuditTargetFilter | undefined, id: string): string {
  // Serials are stored as lowercase hex without colons or leading zeros (lib/ca/schema.ts).
  if (type === "certificate") return id.replace(/[:\s]/g, "").toLowerCase().replace(/^0+(?=.)/, "");
  return id;
}

function actorValues(actor: string): string[] {
  return actor.includes(":") ? [actor] : ACTOR_KINDS.map((k) => `${k}:${actor}`);
}

function actionValues(action: string): string[] {
  // "certificate" selects every certificate.* action; a full name selects itself.
  const family = AUDIT_ACTIONS.filter((a) => a.startsWith(`${action}.`));
  return family.length ? [...family] : [action];
}

/**
 * What the trigram index says about the filter's free text: the seqs that may match (see
 * auditTextCandidates), or null when it cannot narrow it. Resolve it once per search or
 * export and pass it to auditWhereParts.
 */
export type TextCandidates = number[] | null;

export function resolveTextCandidates(f: AuditFilter): Promise<TextCandidates> {
  return f.q ? auditTextCandidates(f.q) : Promise.resolve(null);
}

/** Every condition of the filter except actor and action (those are split in auditWhereParts). */
function otherConditions(f: AuditFilter, text: TextCandidates = null): Prisma.AuditEventWhereInput[] {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.from || f.to) and.push({ at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } });
  if (f.targetType === "ua" && f.targetId) {
    // UA events name their UA in the details ({"ua":"<name>",…}) and target the account.
    and.push({ OR: [{ targetType: "ua", targetId: f.targetId }, { details: { contains: `"ua":${JSON.stringify(f.targetId)}` } }] });
  } else if (f.targetType && f.targetId) {
    and.push({ targetType: f.targetType, targetId: normalizeTargetId(f.targetType, f.targetId) });
  } else if (f.targetType) {
    and.push({ targetType: f.targetType });
  } else if (f.targetId) {
    and.push({ targetType: { in: AUDIT_TARGET_TYPES.filter((t) => t !== "ua") }, targetId: f.targetId });
  }
  if (f.ip) and.push({ ip: f.ip });
  if (f.outcome) and.push({ outcome: f.outcome });
  if (f.q) {
    // A rare term is narrowed to its few events by the trigram index; a short or common one
    // reads the log in page order until a page is full. The LIKE decides in both cases.
    if (text) and.push({ seq: { in: text } });
    and.push({ OR: [{ details: { contains: f.q } }, { actor: { contains: f.q } }, { targetId: { contains: f.q } }, { action: { contains: f.q } }, { userAgent: { contains: f.q } }] });
  }
  return and;
}

/** The Prisma condition for a filter, as one query. */
export function auditWhere(f: AuditFilter, text: TextCandidates = null): Prisma.AuditEventWhereInput {
  const and = otherConditions(f, text);
  if (f.actor) and.push({ actor: { in: actorValues(f.actor) } });
  if (f.action) and.push({ action: { in: actionValues(f.action) } });
  return and.length ? { AND: and } : {};
}

/**
 * The filter as disjoint parts whose union it is: a bare actor name (four actor kinds) or
 * an action family becomes one equality per value. Each part is then one read of its
 * (column, at, seq) index in page order, where an IN list would make the database sort
 * every matching row (SQLite) before it can return the newest 50.
 */
export function auditWhereParts(f: AuditFilter, text: TextCandidates = null): Prisma.AuditEventWhereInput[] {
  const actors: Array<string | undefined> = f.actor ? actorValues(f.actor) : [undefined];
  const actions: Array<string | undefined> = f.action ? actionValues(f.action) : [undefined];
  if (actors.length * actions.length > 24) return [auditWhere(f, text)];
  const others = otherConditions(f, text);
  return actors.flatMap((actor) => actions.map((action): Prisma.AuditEventWhereInput => {
    const and = [...others, ...(actor ? [{ actor }] : []), ...(action ? [{ action }] : [])];
    return and.length ? { AND: and } : {};
  }));
}

/** An event as stored: the chained fields plus its link. */
export interface AuditEventView extends ChainedFields {
  prevHash: string;
  hash: string;
}

export const EVENT_SELECT = {
  seq: true, at: true, actor: true, action: true, targetType: true, targetId: true, ip: true, userAgent: true, outcome: true, details: true, prevHash: true, hash: true,
} as const;

/** A page cursor: the (at, seq) of the last row shown. */
export function encodeCursor(e: { at: Date; seq: number }): string {
  return `${e.at.getTime()}.${e.seq}`;
}

function decodeCursor(cursor: string): { at: Date; seq: number } {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(cursor);
  if (!m) throw new InkanError("VALIDATION", { en: "The page cursor is malformed. Start again from the first page.", ja: "ページの位置が正しくありません。最初のページからやり直してください。" });
  return { at: new Date(Number(m[1])), seq: Number(m[2]) };
}

/** Rows strictly after the cursor in (at, seq) order, in a form every planner turns into one index range. */
export function afterCursor(c: { at: Date; seq: number }, direction: "asc" | "desc"): Prisma.AuditEventWhereInput {
  return direction === "desc"
    ? { at: { lte: c.at }, OR: [{ at: { lt: c.at } }, { seq: { lt: c.seq } }] }
    : { at: { gte: c.at }, OR: [{ at: { gt: c.at } }, { seq: { gt: c.seq } }] };
}

export interface AuditEventPage {
  items: AuditEventView[];
  nextCursor: string | null;
}

/**
 * Up to `take` events of the parts after `after`, in (at, seq) order: each part is read
 * with the same bound and limit, and the parts are merged in memory.
 */
export async function findEventsInOrder(
  parts: Prisma.AuditEventWhereInput[],
  opts: { direction: "asc" | "desc"; take: number; after?: { at: Date; seq: number } | null; bound?: Prisma.AuditEventWhereInput },
): Promise<AuditEventView[]> {
  const db = getDb();
  const extra = [...(opts.after ? [afterCursor(opts.after, opts.direction)] : []), ...(opts.bound ? [opts.bound] : [])];
  const reads = await Promise.all(parts.map((where) => db.auditEvent.findMany({
    where: extra.length ? { AND: [where, ...extra] } : where,
    orderBy: [{ at: opts.direction }, { seq: opts.direction }],
    take: opts.take,
    select: EVENT_SELECT,
  })));
  if (reads.length === 1) return reads[0];
  const sign = opts.direction === "asc" ? 1 : -1;
  return reads.flat().sort((a, b) => sign * (a.at.getTime() - b.at.getTime() || a.seq - b.seq)).slice(0, opts.take);
}

/** One page of matching events, newest first; pass `nextCursor` back for the next page. */
export async function searchAuditEvents(filter: AuditFilter, opts: { cursor?: string; limit?: number } = {}): Promise<AuditEventPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await findEventsInOrder(auditWhereParts(filter, await resolveTextCandidates(filter)), { direction: "desc", take: limit + 1, after: opts.cursor ? decodeCursor(opts.cursor) : null });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
}

export interface AuditEventDetail extends AuditEventView {
  /** The stored hash is what this event's content and previous hash give. */
  hashMatches: boolean;
  /** The previous event's hash is this event's previous hash (or GENESIS for event 1). */
  linkMatches: boolean;
  parsedDetails: Record<string, unknown> | null;
  previousSeq: number | null;
  nextSeq: number | null;
}

/** One event with its own integrity checks and its neighbours; NOT_FOUND when absent. */
export async function getAuditEvent(seq: number): Promise<AuditEventDetail> {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new InkanError("NOT_FOUND", { en: `There is no audit event ${seq}.`, ja: `監査イベント ${seq} はありません。` });
  const db = getDb();
  const [event, previous, next] = await Promise.all([
    db.auditEvent.findUnique({ where: { seq }, select: EVENT_SELECT }),
    db.auditEvent.findFirst({ where: { seq: { lt: seq } }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } }),
    db.auditEvent.findFirst({ where: { seq: { gt: seq } }, orderBy: { seq: "asc" }, select: { seq: true } }),
  ]);
  if (!event) throw new InkanError("NOT_FOUND", { en: `There is no audit event ${seq}.`, ja: `監査イベント ${seq} はありません。` });
  let parsedDetails: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(event.details);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) parsedDetails = parsed as Record<string, unknown>;
  } catch {
    parsedDetails = null;
  }
  const expectedPrev = seq === 1 ? GENESIS_HASH : previous?.seq === seq - 1 ? previous.hash : null;
  return {
    ...event,
    hashMatches: eventHash(event.prevHash, event) === event.hash,
    linkMatches: expectedPrev !== null && expectedPrev === event.prevHash,
    parsedDetails,
    previousSeq: previous?.seq ?? null,
    nextSeq: next?.seq ?? null,
  };
}
