import { getDb, isUniqueViolation } from "@/lib/db";
import { recordEvent, recordStandaloneEvent } from "@/lib/audit";
import { hashPassword } from "@/lib/auth";
import { findUa, uaUserActor } from "@/lib/enrollment";
import { countSubmissionsFrom } from "./data";
import { applyProblems, applySchema, type ApplyInput } from "./schema";
import type { SubmitOutcome } from "./types";

/** Per address: at most this many submissions (accepted or refused as taken) per window. */
export const SUBMISSIONS_PER_WINDOW = 5;
export const SUBMISSION_WINDOW_MS = 60 * 60 * 1000;

/**
 * A registration application at a UA (public: the applicant has no account yet). Checked in
 * this order, so that nothing is hashed or written for input that will be refused: the UA
 * takes applications; the form is valid; the address is under its limit; the user ID is free
 * (no account of any status, no pending application). The password is hashed before the
 * transaction and never stored or logged in clear. Accepted and "taken" submissions are audited
 * (application.submit, with IP and user agent) and count towards the limit; refusals for the
 * limit itself are not recorded, so a flood cannot flood the audit log too.
 */
export async function submitApplication(
  uaName: string,
  input: ApplyInput,
  meta: { ip?: string; userAgent?: string },
  now = new Date(),
): Promise<SubmitOutcome> {
  const ua = await findUa(uaName);
  if (!ua || !ua.acceptApplications) return { ok: false, reason: "closed" };
  const parsed = applySchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fields: applyProblems(parsed.error.issues) };
  const a = parsed.data;
  if ((await countSubmissionsFrom(meta.ip, new Date(now.getTime() - SUBMISSION_WINDOW_MS))) >= SUBMISSIONS_PER_WINDOW) {
    return { ok: false, reason: "rate-limited" };
  }
  const actor = uaUserActor(ua.name, a.userId, meta);
  const taken = async (): Promise<SubmitOutcome> => {
    await recordStandaloneEvent({ actor, action: "application.submit", outcome: "FAILURE", details: { ua: ua.name, userId: a.userId, reason: "taken" } }, now);
    return { ok: false, reason: "taken" };
  };
  const db = getDb();
  const inUse = async () =>
    (await db.account.findUnique({ where: { name: a.userId }, select: { id: true } })) !== null ||
    (await db.application.findUnique({ where: { pendingUserId: a.userId }, select: { id: true } })) !== null;
  if (await inUse()) return taken();
  const uaPasswordHash = await hashPassword(a.password);
  try {
    const id = await db.$transaction(async (tx) => {
      // Again inside the transaction: an account may have been created while the hash was computed.
      if (await tx.account.findUnique({ where: { name: a.userId }, select: { id: true } })) return null;
      const row = await tx.application.create({
        data: {
          uaId: ua.id, userId: a.userId, pendingUserId: a.userId, displayName: a.displayName, email: a.email ?? "", note: a.note,
          uaPasswordHash, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 512) ?? null, createdAt: now,
        },
      });
      await recordEvent(tx, { actor, action: "application.submit", target: { type: "application", id: row.id }, details: { ua: ua.name, userId: a.userId, email: a.email } }, now);
      return row.id;
    });
    return id ? { ok: true, id } : taken();
  } catch (err) {
    // Two applications for the same user ID at once: the unique pendingUserId decides.
    if (isUniqueViolation(err)) return taken();
    throw err;
  }
}
