import { buildCrl, type CrlEntryInput, type RevocationReason } from "@/lib/pki";
import { getDb, toBytes } from "@/lib/db";
import { recordEvent, SYSTEM_ACTOR, type Actor } from "@/lib/audit";
import { caSigner } from "./key-custody";
import { loadAuthority } from "./data";

const PAGE = 50_000;
const KEEP_CRLS = 20;

/** Revoked entries of a CA (certificates in serial order, read in pages so a million rows never sit in one query, then revoked sub-CAs). */
async function* revokedEntries(caId: string) {
  let after: string | undefined;
  for (;;) {
    const rows = await getDb().certificate.findMany({
      where: { caId, status: "REVOKED", ...(after ? { serial: { gt: after } } : {}) },
      select: { serial: true, revokedAt: true, revocationReason: true },
      orderBy: { serial: "asc" },
      take: PAGE,
    });
    for (const r of rows) {
      // Hex strings, not Buffers: a million entries stay light in memory.
      yield { serial: r.serial, revokedAt: r.revokedAt ?? new Date(0), reason: (r.revocationReason ?? undefined) as RevocationReason | undefined };
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].serial;
  }
  // Revoked intermediates signed by this CA share its serial space and its CRL.
  const children = await getDb().certificateAuthority.findMany({
    where: { parentId: caId, revokedAt: { not: null }, serial: { not: null } },
    select: { serial: true, revokedAt: true, revocationReason: true },
  });
  for (const c of children) yield { serial: c.serial!, revokedAt: c.revokedAt!, reason: (c.revocationReason ?? undefined) as RevocationReason | undefined };
}

/**
 * Signs and stores a new CRL for the CA (RFC 5280 §5: the CRL number only ever increases,
 * thisUpdate = now, nextUpdate = now + the CA's CRL validity).
 */
export async function publishCrl(slug: string, actor: Actor = SYSTEM_ACTOR, now = new Date()): Promise<{ number: number; entries: number; nextUpdate: Date }> {
  const ca = await loadAuthority(slug);
  // Reserve the number first: concurrent publishers get distinct, increasing numbers.
  const { crlNumber: number } = await getDb().certificateAuthority.update({
    where: { id: ca.id },
    data: { crlNumber: { increment: 1 } },
    select: { crlNumber: true },
  });
  const entries: CrlEntryInput[] = [];
  for await (const e of revokedEntries(ca.id)) entries.push(e);
  const thisUpdate = now;
  const nextUpdate = new Date(now.getTime() + ca.crlValidityHours * 3_600_000);
  const der = await buildCrl({
    issuerName: ca.subjectDer,
    issuerKeyIdentifier: ca.keyIdentifier,
    signer: caSigner(ca.slug, ca.encryptedKey),
    crlNumber: number,
    thisUpdate,
    nextUpdate,
    entries,
  });
  await getDb().$transaction(async (tx) => {
    await tx.crl.create({ data: { caId: ca.id, number, thisUpdate, nextUpdate, der: toBytes(der), entries: entries.length } });
    // Older CRLs are kept for a while for inspection, not forever (a large CRL is megabytes).
    await tx.crl.deleteMany({ where: { caId: ca.id, number: { lt: number - KEEP_CRLS } } });
    await recordEvent(tx, {
      actor,
      action: "crl.publish",
      target: { type: "ca", id: ca.slug },
      details: { number, entries: entries.length, thisUpdate: thisUpdate.toISOString(), nextUpdate: nextUpdate.toISOString() },
    }, now);
  });
  return { number, entries: entries.length, nextUpdate };
}

/**
 * Republishes every CA's CRL once half of its validity has passed, so a served CRL is
 * never past nextUpdate (after which IIS rejects every client) while the scheduler runs.
 */
export async function refreshDueCrls(now = new Date()): Promise<string[]> {
  const cas = await getDb().certificateAuthority.findMany({
    select: { slug: true, crlValidityHours: true, crls: { orderBy: { number: "desc" }, take: 1, select: { thisUpdate: true, nextUpdate: true } } },
  });
  const refreshed: string[] = [];
  for (const ca of cas) {
    const latest = ca.crls[0];
    const halfLife = latest ? latest.thisUpdate.getTime() + (latest.nextUpdate.getTime() - latest.thisUpdate.getTime()) / 2 : 0;
    if (!latest || now.getTime() >= halfLife) {
      await publishCrl(ca.slug, { ...SYSTEM_ACTOR, label: "scheduler" }, now);
      refreshed.push(ca.slug);
    }
  }
  return refreshed;
}
