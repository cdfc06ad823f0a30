import { getDb, keysetAfter, type Prisma } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import type { ApplicationListQuery, ApplicationPage, ApplicationStatus, ApplicationView } from "./types";

const MAX_LIMIT = 200;

type Row = Prisma.ApplicationGetPayload<{ include: { ua: { select: { name: true } } } }>;

export const withUaName = { ua: { select: { name: true } } } as const;

export function toApplicationView(row: Row, accountName: string | null = null): ApplicationView {
  return {
    id: row.id, ua: row.ua.name, userId: row.userId, displayName: row.displayName, email: row.email, note: row.note,
    status: row.status as ApplicationStatus, ip: row.ip, userAgent: row.userAgent, createdAt: row.createdAt,
    decidedAt: row.decidedAt, decidedBy: row.decidedBy, rejectReason: row.rejectReason,
    accountName: row.accountId ? accountName ?? row.userId : null,
  };
}

export async function findApplication(id: string): Promise<ApplicationView | null> {
  const row = await getDb().application.findUnique({ where: { id }, include: withUaName });
  return row ? toApplicationView(row) : null;
}

/** The groups the application's UA puts approved applicants in (as configured now). */
export async function groupsForApplication(id: string): Promise<string[]> {
  const rows = await getDb().uaApplicationGroup.findMany({ where: { ua: { applications: { some: { id } } } }, select: { group: { select: { name: true } } } });
  return rows.map((r) => r.group.name).sort((a, b) => a.localeCompare(b));
}

export async function countPendingApplications(): Promise<number> {
  return getDb().application.count({ where: { status: "PENDING" } });
}

// The cursor names the last row shown: (createdAt, id), opaque to clients.
function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [iso, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const at = new Date(iso);
    if (typeof id === "string" && !Number.isNaN(at.getTime())) return { at, id };
  } catch {
    // reported below
  }
  throw new InkanError("VALIDATION", {
    en: "The page cursor is not one this list handed out. Open the first page again.",
    ja: "ページの指定が正しくありません。最初のページから開き直してください。",
  });
}

/**
 * One page of the RA list, newest first. Keyset pagination on (createdAt, id), with the index
 * (status, createdAt, id) for a status and (createdAt, id) for all, so any page costs one range read.
 */
export async function listApplications(query: ApplicationListQuery): Promise<ApplicationPage> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_LIMIT);
  const and: Prisma.ApplicationWhereInput[] = [];
  if (query.status !== "ALL") and.push({ status: query.status });
  if (query.after) {
    const c = decodeCursor(query.after);
    and.push(keysetAfter<Prisma.ApplicationWhereInput>("createdAt", "id", { value: c.at, tie: c.id }, "desc"));
  }
  const rows = await getDb().application.findMany({
    where: { AND: and },
    include: withUaName,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map((r) => toApplicationView(r)), nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** Submissions from one address since `since` (the per-IP limit reads the audit log, as admin sign-in does). */
export async function countSubmissionsFrom(ip: string | undefined, since: Date): Promise<number> {
  return getDb().auditEvent.count({ where: { ip: ip ?? null, at: { gte: since }, action: "application.submit" } });
}
