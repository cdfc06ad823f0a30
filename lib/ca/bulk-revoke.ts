import type { RevocationReason } from "@/lib/pki";
import { getDb } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { publishCrl } from "./crl";
import { REVOCATION_REASONS } from "./schema";

export const MAX_BULK_REVOKE = 500;

export interface BulkRevokeResult {
  revoked: string[];
  /** Serials skipped because they were already revoked (by someone else meanwhile, or before). */
  alreadyRevoked: string[];
  /** The CRLs republished, one per CA touched. */
  crls: { ca: string; number: number; entries: number }[];
}

/**
 * Revokes a selection of certificates. Each certificate gets its own transaction (the
 * status change and its audit event together), so one already revoked by someone else
 * does not undo the rest; the CRL of each CA touched is republished once, at the end.
 */
export async function revokeCertificates(input: { ids: string[]; reason: RevocationReason }, actor: Actor, now = new Date()): Promise<BulkRevokeResult> {
  if (!REVOCATION_REASONS.includes(input.reason)) {
    throw new InkanError("VALIDATION", { en: `"${input.reason}" is not a revocation reason for a full CRL. Use one of ${REVOCATION_REASONS.join(", ")}.`, ja: `「${input.reason}」は完全CRLの失効理由ではありません。${REVOCATION_REASONS.join(", ")} のいずれかを使ってください。` });
  }
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) throw new InkanError("VALIDATION", { en: "Select at least one certificate to revoke.", ja: "失効する証明書を1つ以上選んでください。" });
  if (ids.length > MAX_BULK_REVOKE) throw new InkanError("TOO_LARGE", { en: `At most ${MAX_BULK_REVOKE} certificates can be revoked at once; you selected ${ids.length}. Narrow the selection.`, ja: `一度に失効できる証明書は ${MAX_BULK_REVOKE} 件までですが、${ids.length} 件選ばれています。選択を絞ってください。` });
  const certs = await getDb().certificate.findMany({
    where: { id: { in: ids } },
    select: { id: true, serial: true, status: true, ca: { select: { slug: true } }, account: { select: { name: true } } },
  });
  if (certs.length !== ids.length) {
    throw new InkanError("NOT_FOUND", { en: `${ids.length - certs.length} of the selected certificates no longer exist. Reload the list and select again; nothing was revoked.`, ja: `選択した証明書のうち ${ids.length - certs.length} 件はもうありません。一覧を再読み込みして選び直してください。何も失効していません。` });
  }
  const result: BulkRevokeResult = { revoked: [], alreadyRevoked: [], crls: [] };
  const touched = new Set<string>();
  for (const cert of certs) {
    const done = await getDb().$transaction(async (tx) => {
      const { count } = await tx.certificate.updateMany({
        where: { id: cert.id, status: "ISSUED" },
        data: { status: "REVOKED", revokedAt: now, revocationReason: input.reason, privateKeyEncrypted: null },
      });
      if (count === 0) return false;
      await recordEvent(tx, {
        actor,
        action: "certificate.revoke",
        target: { type: "certificate", id: cert.serial },
        details: { ca: cert.ca.slug, account: cert.account.name, reason: input.reason, bulk: true },
      }, now);
      return true;
    });
    (done ? result.revoked : result.alreadyRevoked).push(cert.serial);
    if (done) touched.add(cert.ca.slug);
  }
  for (const ca of touched) {
    const crl = await publishCrl(ca, actor, now);
    result.crls.push({ ca, number: crl.number, entries: crl.entries });
  }
  return result;
}
