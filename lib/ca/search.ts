import { z } from "zod";
import { containsText, getDb, keysetAfter, type Prisma } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { fieldErrors, issueText } from "@/lib/i18n/validation";
import { toCertificateView } from "./data";
import { textCandidates, type TextCandidates } from "./text-search";
import type { CertificateView } from "./types";

export const CERTIFICATE_SORTS = ["issued", "expiry"] as const;
export const SEARCH_STATUSES = ["valid", "expired", "revoked"] as const;
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

const isoDate = (field: string) =>
  z.string().trim().optional().transform((v, ctx) => {
    if (!v) return undefined;
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: `${field} is a date such as 2026-12-31 (or a full ISO 8601 time).` });
      return z.NEVER;
    }
    return d;
  });

// An empty form field means "no filter".
const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);

const text = z.string().trim().max(256, "A search term has at most 256 characters.").optional().transform((v) => v || undefined);

/** Certificate search filters, as the list page's form and GET /api/v1/certificates send them. */
export const certificateSearchSchema = z.object({
  /** Serial prefix (colons allowed), or a part of the subject or the account name. */
  q: text,
  serial: text,
  subject: text,
  account: text,
  status: z.preprocess(emptyToUndefined, z.enum(SEARCH_STATUSES, { message: `status is one of ${SEARCH_STATUSES.join(", ")}.` }).optional()),
  ca: text,
  template: text,
  expiresAfter: isoDate("expiresAfter"),
  expiresBefore: isoDate("expiresBefore"),
  sort: z.preprocess(emptyToUndefined, z.enum(CERTIFICATE_SORTS, { message: "sort is issued or expiry." }).default("issued")),
  cursor: text,
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `limit is at most ${MAX_PAGE_SIZE}.`).optional(),
});

export type CertificateSearchInput = z.input<typeof certificateSearchSchema>;
export type CertificateSearch = z.output<typeof certificateSearchSchema>;

export interface CertificatePage {
  items: (CertificateView & { templateName: string | null })[];
  nextCursor: string | null;
}

/** Parses raw query values; a bad value is a VALIDATION error naming the field. */
export function parseCertificateSearch(raw: Record<string, unknown>): CertificateSearch {
  const parsed = certificateSearchSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InkanError("VALIDATION", issueText(issue.message), { errors: fieldErrors(parsed.error.issues) });
  }
  return parsed.data;
}

/** A serial as stored: lowercase hex without colons (a prefix keeps its leading zeros). */
function serialPrefix(input: string): string | null {
  const clean = input.replace(/[:\s]/g, "").toLowerCase();
  return /^[0-9a-f]{1,40}$/.test(clean) ? clean : null;
}

// The cursor names the last row shown: its sort value and id (keyset pagination, so page
// 1,000 costs what page 1 costs).
export function encodeCertificateCursor(value: Date, id: string): string {
  return Buffer.from(JSON.stringify([value.toISOString(), id])).toString("base64url");
}

function decodeCursor(cursor: string): { value: Date; id: string } {
  try {
    const [iso, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const value = new Date(iso);
    if (typeof id !== "string" || Number.isNaN(value.getTime())) throw new Error("bad cursor");
    return { value, id };
  } catch {
    throw new InkanError("VALIDATION", { en: "The cursor is not one this list handed out. Start again from the first page.", ja: "このページ位置はこの一覧のものではありません。最初のページからやり直してください。" });
  }
}

/**
 * Serials starting with `prefix`, as a range the serial index answers: every stored serial is
 * [0-9a-f]*, so those starting with the prefix are exactly [prefix, prefix + "g"). LIKE
 * 'prefix%' would scan: SQLite's LIKE is case-insensitive and cannot use a BINARY index.
 */
function serialStartsWith(prefix: string): Prisma.CertificateWhereInput {
  return { serial: { gte: prefix, lt: `${prefix}g` } };
}

/**
 * The filters as conditions on Certificate's own columns. Named CAs, templates and accounts
 * are looked up first (one unique-index read each) so every filter is an equality on an
 * indexed column and the planner reads the index in list order; a name that does not exist
 * means an empty page (null).
 */
async function filterWhere(s: CertificateSearch, now: Date): Promise<Prisma.CertificateWhereInput[] | null> {
  const db = getDb();
  const [ca, template, account] = await Promise.all([
    s.ca ? db.certificateAuthority.findUnique({ where: { slug: s.ca }, select: { id: true } }) : undefined,
    s.template ? db.template.findUnique({ where: { name: s.template }, select: { id: true } }) : undefined,
    s.account ? db.account.findUnique({ where: { name: s.account }, select: { id: true } }) : undefined,
  ]);
  if (ca === null || template === null || account === null) return null;
  const and: Prisma.CertificateWhereInput[] = [];
  // Free text (a part of the subject or the account name): the trigram index narrows a rare
  // term to its few certificates; a common or short term reads rows in list order until a
  // page is full. The LIKE stays in both cases, so the rows are the same (lib/ca/text-search.ts).
  const [qCandidates, subjectCandidates] = await Promise.all([
    s.q ? textCandidates(s.q, true) : null,
    s.subject ? textCandidates(s.subject, false) : null,
  ]);
  // null: no row can match (the index found none), so an OR can leave the branch out.
  const narrowed = (candidates: TextCandidates | null, where: Prisma.CertificateWhereInput): Prisma.CertificateWhereInput | null => {
    if (!candidates) return where;
    if (candidates.certificateIds.length === 0) return null;
    const ids = { id: { in: candidates.certificateIds } };
    return candidates.exact ? ids : { AND: [ids, where] };
  };
  const nothing: Prisma.CertificateWhereInput = { id: { in: [] } };
  if (s.q) {
    const serial = serialPrefix(s.q);
    const text = narrowed(qCandidates, { OR: [{ subject: containsText(s.q) }, { account: { name: containsText(s.q) } }] });
    const either = [...(serial ? [serialStartsWith(serial)] : []), ...(text ? [text] : [])];
    and.push(either.length === 0 ? nothing : either.length === 1 ? either[0] : { OR: either });
  }
  if (s.serial) {
    const serial = serialPrefix(s.serial);
    if (!serial) throw new InkanError("VALIDATION", { en: "A serial is hexadecimal digits, with or without colons (e.g. 4f:3a:…).", ja: "シリアル番号は16進数で入力します(コロンはあってもなくても構いません。例: 4f:3a:…)。" });
    and.push(serialStartsWith(serial));
  }
  if (s.subject) and.push(narrowed(subjectCandidates, { subject: containsText(s.subject) }) ?? nothing);
  if (account) and.push({ accountId: account.id });
  if (ca) and.push({ caId: ca.id });
  if (template) and.push({ templateId: template.id });
  if (s.status === "revoked") and.push({ status: "REVOKED" });
  if (s.status === "valid") and.push({ status: "ISSUED", notAfter: { gt: now } });
  if (s.status === "expired") and.push({ status: "ISSUED", notAfter: { lte: now } });
  if (s.expiresAfter) and.push({ notAfter: { gte: s.expiresAfter } });
  if (s.expiresBefore) and.push({ notAfter: { lt: s.expiresBefore } });
  return and;
}

/**
 * One page of certificates across all accounts. "issued" lists newest first, "expiry"
 * soonest expiry first; both with id as the tie-breaker so the order is total.
 */
export async function searchCertificates(search: CertificateSearch, now = new Date()): Promise<CertificatePage> {
  const limit = search.limit ?? DEFAULT_PAGE_SIZE;
  const cursor = search.cursor ? decodeCursor(search.cursor) : null;
  const and = await filterWhere(search, now);
  if (!and) return { items: [], nextCursor: null };
  const byExpiry = search.sort === "expiry";
  const field = byExpiry ? "notAfter" : "createdAt";
  const dir = byExpiry ? "asc" : "desc";
  if (cursor) and.push(keysetAfter(field, "id", { value: cursor.value, tie: cursor.id }, dir));
  const rows = await getDb().certificate.findMany({
    where: { AND: and },
    include: { ca: { select: { slug: true } }, account: { select: { name: true, kind: true } }, template: { select: { name: true } } },
    omit: { certificateDer: true },
    orderBy: [{ [field]: dir }, { id: dir }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...toCertificateView(r), templateName: r.template?.name ?? null })),
    nextCursor: rows.length > limit && last ? encodeCertificateCursor(byExpiry ? last.notAfter : last.createdAt, last.id) : null,
  };
}
