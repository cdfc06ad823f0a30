import { getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { issueText } from "@/lib/i18n/validation";
import { InkanError } from "@/lib/errors";
import { actorLabel, recordEvent, type Actor } from "@/lib/audit";
import { insertAccount } from "@/lib/accounts";
import { rejectReasonSchema } from "./schema";

function decidedError(status: string): InkanError {
  return status === "APPROVED"
    ? new InkanError("CONFLICT", { en: "This application has already been approved (by someone else, just now or earlier). Nothing was changed; reload the page.", ja: "この申請書はすでに承認されています（他の管理者による可能性があります）。何も変更していません。ページを再読み込みしてください。" })
    : new InkanError("CONFLICT", { en: "This application has already been rejected. Nothing was changed; reload the page.", ja: "この申請書はすでに却下されています。何も変更していません。ページを再読み込みしてください。" });
}

const notFound = () => new InkanError("NOT_FOUND", { en: "No such registration application.", ja: "該当する登録申請書はありません。" });

const userIdTaken = (userId: string) =>
  new InkanError("CONFLICT", {
    en: `The user ID "${userId}" has been taken by an account since the application was made. Nothing was changed; reject the application with that reason so the applicant can apply again with another user ID.`,
    ja: `ユーザID「${userId}」は申請後に別のアカウントで使われました。何も変更していません。理由を添えて申請を却下し、別のユーザIDで申請し直してもらってください。`,
  });

/** Moves a PENDING application to its decision: one conditional update, so of two deciders exactly one wins. */
async function claimPending(tx: Tx, id: string, data: { status: "APPROVED" | "REJECTED"; rejectReason?: string }, actor: Actor, now: Date) {
  const { count } = await tx.application.updateMany({
    where: { id, status: "PENDING" },
    data: { ...data, pendingUserId: null, decidedAt: now, decidedBy: actorLabel(actor) },
  });
  if (count === 1) return;
  const current = await tx.application.findUnique({ where: { id }, select: { status: true } });
  throw current ? decidedError(current.status) : notFound();
}

/**
 * Approves an application: in one transaction the status changes, the user account is created
 * with the applicant's hashed UA password (so they sign in with the password they chose), it
 * joins the UA's configured groups, and account.create, group.add-member and
 * application.approve are recorded. A second approver, or a user ID taken meanwhile, changes
 * nothing and hears why.
 */
export async function approveApplication(id: string, actor: Actor, now = new Date()): Promise<{ accountName: string; groups: string[] }> {
  try {
    return await getDb().$transaction(async (tx) => {
      const app = await tx.application.findUnique({
        where: { id },
        include: { ua: { select: { name: true, applicationGroups: { select: { group: { select: { id: true, name: true } } } } } } },
      });
      if (!app) throw notFound();
      if (app.status !== "PENDING") throw decidedError(app.status);
      await claimPending(tx, id, { status: "APPROVED" }, actor, now);
      if (await tx.account.findUnique({ where: { name: app.userId }, select: { id: true } })) throw userIdTaken(app.userId);
      const account = await insertAccount(
        tx,
        { kind: "user", name: app.userId, displayName: app.displayName || undefined, email: app.email || undefined, hostnames: [], uaPasswordHash: app.uaPasswordHash },
        actor,
        { application: id },
      );
      await tx.application.update({ where: { id }, data: { accountId: account.id } });
      const groups = app.ua.applicationGroups.map((g) => g.group).sort((x, y) => x.name.localeCompare(y.name));
      for (const g of groups) {
        await tx.groupMembership.create({ data: { groupId: g.id, accountId: account.id, createdAt: now } });
        await recordEvent(tx, { actor, action: "group.add-member", target: { type: "group", id: g.id }, details: { group: g.name, account: account.name, application: id } }, now);
      }
      await recordEvent(tx, {
        actor, action: "application.approve", target: { type: "application", id },
        details: { ua: app.ua.name, userId: app.userId, account: account.name, groups: groups.map((g) => g.name) },
      }, now);
      return { accountName: account.name, groups: groups.map((g) => g.name) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      // The account's unique name lost a race with another creation: rolled back as a whole.
      const app = await getDb().application.findUnique({ where: { id }, select: { userId: true } });
      throw userIdTaken(app?.userId ?? "");
    }
    throw err;
  }
}

/** Rejects an application with a reason (kept with it and in the audit event); the user ID is free again. */
export async function rejectApplication(id: string, reason: string, actor: Actor, now = new Date()): Promise<void> {
  const parsed = rejectReasonSchema.safeParse(reason);
  if (!parsed.success) {
    const text = issueText(parsed.error.issues[0].message);
    throw new InkanError("VALIDATION", text, { errors: [{ field: "reason", message: text }] });
  }
  await getDb().$transaction(async (tx) => {
    const app = await tx.application.findUnique({ where: { id }, include: { ua: { select: { name: true } } } });
    if (!app) throw notFound();
    if (app.status !== "PENDING") throw decidedError(app.status);
    await claimPending(tx, id, { status: "REJECTED", rejectReason: parsed.data }, actor, now);
    await recordEvent(tx, { actor, action: "application.reject", target: { type: "application", id }, details: { ua: app.ua.name, userId: app.userId, reason: parsed.data } }, now);
  });
}
