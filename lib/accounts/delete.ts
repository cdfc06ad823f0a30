import { getDb } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { firstIssueError } from "@/lib/i18n/validation";
import { recordEvent, type Actor } from "@/lib/audit";
import { publishCrl } from "@/lib/ca";
import { deleteCertificatesChoiceSchema, type DeleteCertificatesChoice } from "./schema";

export interface DeleteAccountResult {
  name: string;
  certificates: DeleteCertificatesChoice;
  /** Serials revoked by this deletion (reason cessationOfOperation). */
  revoked: string[];
  /** Valid certificates left valid (choice "keep"). */
  kept: number;
}

/**
 * Deletes an account. The choice says what happens to its certificates still valid:
 * "revoke" revokes them (RFC 5280 reason cessationOfOperation) in the same transaction and
 * republishes each CA's CRL after commit; "keep" leaves them valid.
 *
 * A soft delete (status DELETED, deletedAt): certificates point to their account and must
 * outlive it (kept ones stay listed and revocable, revoked ones stay on the CRL with their
 * history), so the row stays and keeps its name; memberships and the UA password go, and the
 * list, UA sign-in and issuance all treat the account as gone. Its user ID is not reused
 * (audit events name accounts by user ID).
 */
export async function deleteAccount(name: string, choice: DeleteCertificatesChoice, actor: Actor, now = new Date()): Promise<DeleteAccountResult> {
  const parsed = deleteCertificatesChoiceSchema.safeParse(choice);
  if (!parsed.success) throw firstIssueError(parsed.error.issues);
  const certificates = parsed.data;
  const result = await getDb().$transaction(async (tx) => {
    const row = await tx.account.findUnique({ where: { name }, select: { id: true, name: true, status: true } });
    if (!row) throw new InkanError("NOT_FOUND", { en: `No account named "${name}".`, ja: `アカウント「${name}」はありません。` });
    const { count } = await tx.account.updateMany({
      where: { id: row.id, status: { not: "DELETED" } },
      data: { status: "DELETED", deletedAt: now, uaPasswordHash: null },
    });
    if (count === 0) throw new InkanError("CONFLICT", { en: `The account "${name}" is already deleted.`, ja: `アカウント「${name}」はすでに削除されています。` });
    await tx.groupMembership.deleteMany({ where: { accountId: row.id } });
    const valid = await tx.certificate.findMany({
      where: { accountId: row.id, status: "ISSUED", notAfter: { gt: now } },
      select: { id: true, serial: true, ca: { select: { slug: true } } },
      orderBy: { createdAt: "asc" },
    });
    let revoked: typeof valid = [];
    if (certificates === "revoke") {
      // Expired certificates are revoked too: a CRL still answers for them until they age out.
      revoked = await tx.certificate.findMany({
        where: { accountId: row.id, status: "ISSUED" },
        select: { id: true, serial: true, ca: { select: { slug: true } } },
        orderBy: { createdAt: "asc" },
      });
      await tx.certificate.updateMany({
        where: { id: { in: revoked.map((c) => c.id) }, status: "ISSUED" },
        data: { status: "REVOKED", revokedAt: now, revocationReason: "cessationOfOperation", privateKeyEncrypted: null },
      });
      for (const c of revoked) {
        await recordEvent(tx, {
          actor,
          action: "certificate.revoke",
          target: { type: "certificate", id: c.serial },
          details: { ca: c.ca.slug, account: row.name, reason: "cessationOfOperation", cause: "account.delete" },
        }, now);
      }
    }
    await recordEvent(tx, {
      actor,
      action: "account.delete",
      target: { type: "account", id: row.name },
      details: { certificates, revoked: revoked.map((c) => c.serial), kept: certificates === "keep" ? valid.map((c) => c.serial) : [] },
    }, now);
    return { revoked, kept: certificates === "keep" ? valid.length : 0 };
  });
  // After commit: every CA that revoked something publishes its CRL at once.
  for (const slug of new Set(result.revoked.map((c) => c.ca.slug))) await publishCrl(slug, actor, now);
  return { name, certificates, revoked: result.revoked.map((c) => c.serial), kept: result.kept };
}
