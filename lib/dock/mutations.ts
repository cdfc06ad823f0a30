import { getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import type { Actor } from "@/lib/audit";
import { MAX_DOCK_ITEMS, type DockKind } from "./constants";
import { countDock } from "./data";
import { dockOwner } from "./owner";
import { parseDockIds, parseDockKind } from "./schema";
import type { DockChange, DockCounts } from "./types";

// Dock changes write no audit event, by choice. The dock is an administrator's personal
// working state, like a selection kept across pages: putting an item in or taking it out
// changes no account, certificate, CA or CRL, and nobody else sees it. Recording every click
// in the hash-chained log would bury the events that matter and make each click wait for the
// chain head. What the dock is for is audited where it happens: the bulk actions launched from
// it call the use cases (revokeCertificates, addMember, setAccountStatus), whose events name
// the administrator.

/** The two dock tables behind one shape, so each use case is written once. */
function dockTable(tx: Tx, kind: DockKind, adminId: string) {
  if (kind === "account") {
    return {
      existing: async (ids: string[]) => (await tx.dockAccount.findMany({ where: { adminId, accountId: { in: ids } }, select: { accountId: true } })).map((r) => r.accountId),
      count: () => tx.dockAccount.count({ where: { adminId } }),
      create: (ids: string[], now: Date) => tx.dockAccount.createMany({ data: ids.map((accountId) => ({ adminId, accountId, createdAt: now })) }),
      remove: (ids?: string[]) => tx.dockAccount.deleteMany({ where: { adminId, ...(ids ? { accountId: { in: ids } } : {}) } }),
    };
  }
  return {
    existing: async (ids: string[]) => (await tx.dockCertificate.findMany({ where: { adminId, certificateId: { in: ids } }, select: { certificateId: true } })).map((r) => r.certificateId),
    count: () => tx.dockCertificate.count({ where: { adminId } }),
    create: (ids: string[], now: Date) => tx.dockCertificate.createMany({ data: ids.map((certificateId) => ({ adminId, certificateId, createdAt: now })) }),
    remove: (ids?: string[]) => tx.dockCertificate.deleteMany({ where: { adminId, ...(ids ? { certificateId: { in: ids } } : {}) } }),
  };
}

const NOUN = { account: { en: "accounts", ja: "アカウント" }, certificate: { en: "certificates", ja: "証明書" } } as const;

/** Every id names a record that exists; accounts must not be deleted (there is nothing left to do with one). */
async function checkItems(tx: Tx, kind: DockKind, ids: string[]): Promise<void> {
  if (kind === "account") {
    const rows = await tx.account.findMany({ where: { id: { in: ids } }, select: { name: true, status: true } });
    if (rows.length !== ids.length) throw missing(kind, ids.length - rows.length);
    const deleted = rows.filter((r) => r.status === "DELETED").map((r) => r.name);
    if (deleted.length) {
      throw new InkanError("UNPROCESSABLE", {
        en: `Deleted accounts cannot be put in the dock: ${deleted.join(", ")}. Leave them out of the selection.`,
        ja: `削除済みのアカウントはドックに入れられません: ${deleted.join(", ")}。選択から外してください。`,
      });
    }
    return;
  }
  const found = await tx.certificate.count({ where: { id: { in: ids } } });
  if (found !== ids.length) throw missing(kind, ids.length - found);
}

const missing = (kind: DockKind, n: number) =>
  new InkanError("NOT_FOUND", {
    en: `${n} of the selected ${NOUN[kind].en} no longer exist. Reload the page and select again; nothing was put in the dock.`,
    ja: `選択した${NOUN[kind].ja}のうち ${n} 件はもう存在しません。ページを再読み込みして選択し直してください。ドックには何も入れていません。`,
  });

/**
 * Puts accounts or certificates (by id) in the actor's dock. Idempotent: items already there
 * stay as they were. Refused whole, with nothing written, when an id is unknown, an account is
 * deleted, or the dock would hold more than MAX_DOCK_ITEMS of the kind.
 */
export async function putInDock(actor: Actor, kindInput: DockKind, idsInput: string[], now = new Date()): Promise<DockChange> {
  const adminId = await dockOwner(actor);
  const kind = parseDockKind(kindInput);
  const ids = parseDockIds(idsInput);
  const attempt = () =>
    getDb().$transaction(async (tx) => {
      await checkItems(tx, kind, ids);
      const table = dockTable(tx, kind, adminId);
      const present = new Set(await table.existing(ids));
      const fresh = ids.filter((id) => !present.has(id));
      // One person's working state: two simultaneous puts by the same administrator may pass
      // this check together and go over the cap by one batch, which harms nothing.
      const held = await table.count();
      if (held + fresh.length > MAX_DOCK_ITEMS) {
        throw new InkanError("CONFLICT", {
          en: `Your dock holds ${held} ${NOUN[kind].en}; adding ${fresh.length} would pass the limit of ${MAX_DOCK_ITEMS}. Act on or remove some first (Dock page), then try again.`,
          ja: `ドックには${NOUN[kind].ja}が ${held} 件あり、${fresh.length} 件を加えると上限の ${MAX_DOCK_ITEMS} 件を超えます。先にドックのページで処理するか取り出してから、やり直してください。`,
        });
      }
      if (fresh.length) await table.create(fresh, now);
      return { changed: fresh.length, unchanged: ids.length - fresh.length };
    });
  let result: { changed: number; unchanged: number };
  try {
    result = await attempt();
  } catch (err) {
    // The same item put twice at once: the primary key kept one row; read the state again.
    if (!isUniqueViolation(err)) throw err;
    result = await attempt();
  }
  return { ...result, counts: await countDock(adminId) };
}

/** Takes items (by id) out of the actor's dock; ids not in it are skipped. The records themselves are untouched. */
export async function removeFromDock(actor: Actor, kindInput: DockKind, idsInput: string[]): Promise<DockChange> {
  const adminId = await dockOwner(actor);
  const kind = parseDockKind(kindInput);
  const ids = parseDockIds(idsInput);
  const { count } = await getDb().$transaction((tx) => dockTable(tx, kind, adminId).remove(ids));
  return { changed: count, unchanged: ids.length - count, counts: await countDock(adminId) };
}

/** Empties the actor's dock, or only its accounts or certificates. */
export async function clearDock(actor: Actor, kindInput?: DockKind): Promise<DockCounts> {
  const adminId = await dockOwner(actor);
  const kinds = kindInput === undefined ? (["account", "certificate"] as const) : [parseDockKind(kindInput)];
  await getDb().$transaction(async (tx) => {
    for (const kind of kinds) await dockTable(tx, kind, adminId).remove();
  });
  return countDock(adminId);
}
