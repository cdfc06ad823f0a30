// The issuance history report: per period bucket (UTC), CA and template, how many
// certificates were issued, revoked (by reason), expired and delivered. Rows are streamed in
// keyset batches and counted here rather than grouped in SQL: bucketing dates by week or
// month differs between SQLite and PostgreSQL, and a batch never holds more than BATCH rows.
import { getDb, keysetAfter, type Prisma } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { bucketStart, bucketStarts, NO_TEMPLATE, type ReportFilter } from "./schema";
import type { BucketTotals, IssuanceReport, ReportCounts, ReportRow } from "./types";

const BATCH = 1000;
/** The CA column for a delivery whose certificate and UA are both gone. */
export const UNKNOWN_CA = "(unknown)";

const emptyCounts = (): ReportCounts => ({ issued: 0, revoked: {}, revokedTotal: 0, expired: 0, delivered: 0 });

type Event = "issued" | "revoked" | "expired" | "delivered";

function add(counts: ReportCounts, event: Event, reason?: string) {
  if (event === "revoked") {
    const r = reason ?? "unspecified";
    counts.revoked[r] = (counts.revoked[r] ?? 0) + 1;
    counts.revokedTotal++;
  } else counts[event]++;
}

/** The CA id and template filter as a Prisma condition; refuses an unknown CA or template by name. */
interface Scope {
  where: Prisma.CertificateWhereInput;
  caId?: string;
  /** undefined: any template; null: certificates without one. */
  templateId?: string | null;
}

async function scope(filter: ReportFilter): Promise<Scope> {
  const db = getDb();
  const where: Prisma.CertificateWhereInput = {};
  let caId: string | undefined;
  let templateId: string | null | undefined;
  if (filter.ca) {
    const ca = await db.certificateAuthority.findUnique({ where: { slug: filter.ca }, select: { id: true } });
    if (!ca) throw new InkanError("VALIDATION", { en: `ca: There is no CA "${filter.ca}". Choose one from the list.`, ja: `ca: 認証局「${filter.ca}」はありません。一覧から選んでください。` });
    where.caId = caId = ca.id;
  }
  if (filter.template === NO_TEMPLATE) where.templateId = templateId = null;
  else if (filter.template) {
    const t = await db.template.findUnique({ where: { name: filter.template }, select: { id: true } });
    if (!t) throw new InkanError("VALIDATION", { en: `template: There is no template "${filter.template}". Choose one from the list.`, ja: `template: テンプレート「${filter.template}」はありません。一覧から選んでください。` });
    where.templateId = templateId = t.id;
  }
  return { where, caId, templateId };
}

/** Builds the report for `filter`; `now` decides which certificates have expired yet. */
export async function buildIssuanceReport(filter: ReportFilter, now = new Date(), opts: { batchSize?: number } = {}): Promise<IssuanceReport> {
  const size = Math.min(Math.max(opts.batchSize ?? BATCH, 1), 10_000);
  const db = getDb();
  const scoped = await scope(filter);
  const { where } = scoped;
  const [cas, templates] = await Promise.all([
    db.certificateAuthority.findMany({ select: { id: true, slug: true } }),
    db.template.findMany({ select: { id: true, name: true } }),
  ]);
  const caSlug = new Map(cas.map((c) => [c.id, c.slug]));
  const templateName = new Map(templates.map((t) => [t.id, t.name]));
  const cells = new Map<string, ReportRow>();
  const inRange = (d: Date | null): d is Date => d !== null && d >= filter.from && d < filter.to;
  const count = (at: Date, ca: string, template: string, event: Event, reason?: string) => {
    const bucket = bucketStart(at, filter.period);
    const key = `${bucket.getTime()}\u0000${ca}\u0000${template}`;
    let row = cells.get(key);
    if (!row) cells.set(key, (row = { bucket, ca, template, ...emptyCounts() }));
    add(row, event, reason);
  };

  // Certificates with any of their three dates in the range.
  const range = { gte: filter.from, lt: filter.to };
  let after: string | undefined;
  for (;;) {
    const batch = await db.certificate.findMany({
      where: { AND: [where, { OR: [{ createdAt: range }, { revokedAt: range }, { notAfter: range }] }] },
      select: { id: true, caId: true, templateId: true, createdAt: true, revokedAt: true, revocationReason: true, notAfter: true },
      orderBy: { id: "asc" },
      take: size,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    });
    for (const c of batch) {
      const ca = caSlug.get(c.caId) ?? UNKNOWN_CA;
      const template = c.templateId ? (templateName.get(c.templateId) ?? NO_TEMPLATE) : NO_TEMPLATE;
      if (inRange(c.createdAt)) count(c.createdAt, ca, template, "issued");
      if (inRange(c.revokedAt)) count(c.revokedAt, ca, template, "revoked", c.revocationReason ?? undefined);
      // Expired: the end of validity has passed and the certificate was still valid up to it.
      if (inRange(c.notAfter) && c.notAfter < now && !(c.revokedAt && c.revokedAt < c.notAfter)) count(c.notAfter, ca, template, "expired");
    }
    if (batch.length < size) break;
    after = batch[batch.length - 1].id;
  }

  await countDeliveries(filter, scoped, caSlug, templateName, count, size);

  const rows = [...cells.values()].sort((a, b) => a.bucket.getTime() - b.bucket.getTime() || a.ca.localeCompare(b.ca) || a.template.localeCompare(b.template));
  const byBucket = new Map(bucketStarts(filter).map((b) => [b.getTime(), { bucket: b, ...emptyCounts() } as BucketTotals]));
  const totals = emptyCounts();
  const reasons = new Set<string>();
  for (const row of rows) {
    for (const target of [byBucket.get(row.bucket.getTime())!, totals]) {
      target.issued += row.issued;
      target.expired += row.expired;
      target.delivered += row.delivered;
      target.revokedTotal += row.revokedTotal;
      for (const [r, n] of Object.entries(row.revoked)) target.revoked[r] = (target.revoked[r] ?? 0) + n;
    }
    Object.keys(row.revoked).forEach((r) => reasons.add(r));
  }
  return { filter, generatedAt: now, buckets: [...byBucket.values()], rows, reasons: [...reasons].sort(), totals };
}

/**
 * Deliveries are "delivery.deliver" audit events whose target is the certificate's serial.
 * A serial is unique per CA, so the UA named in the event's details picks the CA when two
 * match; a certificate that is gone still counts under its UA's CA, with template "(none)".
 */
async function countDeliveries(
  filter: ReportFilter,
  scoped: Scope,
  caSlug: Map<string, string>,
  templateName: Map<string, string>,
  count: (at: Date, ca: string, template: string, event: Event) => void,
  size: number,
) {
  const db = getDb();
  const uaCa = new Map((await db.enrollmentAuthority.findMany({ select: { name: true, caId: true } })).map((u) => [u.name, u.caId]));
  const inScope = (c: { caId: string; templateId: string | null }) =>
    (!scoped.caId || c.caId === scoped.caId) && (scoped.templateId === undefined || c.templateId === scoped.templateId);
  // Keyset over (at, seq): the (action, at, seq) index serves every batch as one range read.
  let last: { at: Date; seq: number } | null = null;
  for (;;) {
    const events: { seq: number; at: Date; targetId: string | null; details: string }[] = await db.auditEvent.findMany({
      where: {
        action: "delivery.deliver", outcome: "SUCCESS", at: { gte: filter.from, lt: filter.to },
        ...(last ? keysetAfter<Prisma.AuditEventWhereInput>("at", "seq", { value: last.at, tie: last.seq }, "asc") : {}),
      },
      select: { seq: true, at: true, targetId: true, details: true },
      orderBy: [{ at: "asc" }, { seq: "asc" }],
      take: size,
    });
    if (events.length === 0) break;
    last = events[events.length - 1];
    const serials = [...new Set(events.map((e) => e.targetId).filter((s): s is string => !!s))];
    // One lookup per CA, so each reads the (caId, serial) unique index.
    const certs = (await Promise.all([...caSlug.keys()].map((id) =>
      db.certificate.findMany({ where: { caId: id, serial: { in: serials } }, select: { serial: true, caId: true, templateId: true } }),
    ))).flat();
    for (const e of events) {
      const ua = uaOf(e.details);
      const candidates = certs.filter((c) => c.serial === e.targetId);
      const cert = candidates.find((c) => c.caId === uaCa.get(ua ?? "")) ?? candidates[0];
      if (cert) {
        if (inScope(cert)) count(e.at, caSlug.get(cert.caId) ?? UNKNOWN_CA, cert.templateId ? (templateName.get(cert.templateId) ?? NO_TEMPLATE) : NO_TEMPLATE, "delivered");
        continue;
      }
      // The certificate is gone: only its CA (through the UA) is known.
      const fallbackCa = ua ? uaCa.get(ua) : undefined;
      if (!inScope({ caId: fallbackCa ?? "", templateId: null })) continue;
      count(e.at, fallbackCa ? (caSlug.get(fallbackCa) ?? UNKNOWN_CA) : UNKNOWN_CA, NO_TEMPLATE, "delivered");
    }
  }
}

function uaOf(details: string): string | undefined {
  try {
    const d = JSON.parse(details) as { ua?: unknown };
    return typeof d.ua === "string" ? d.ua : undefined;
  } catch {
    return undefined;
  }
}

/** The CAs and templates to offer in the filter form. */
export async function reportFilterOptions(): Promise<{ cas: string[]; templates: string[] }> {
  const db = getDb();
  const [cas, templates] = await Promise.all([
    db.certificateAuthority.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }),
    db.template.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
  ]);
  return { cas: cas.map((c) => c.slug), templates: [NO_TEMPLATE, ...templates.map((t) => t.name)] };
}
