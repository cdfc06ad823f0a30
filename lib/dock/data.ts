import { getDb } from "@/lib/db";
import type { DockKind } from "./constants";
import type { DockAccountView, DockCertificateView, DockCounts, DockView } from "./types";

type AccountStatus = DockAccountView["status"];

export async function countDock(adminId: string): Promise<DockCounts> {
  const db = getDb();
  const [accounts, certificates] = await Promise.all([db.dockAccount.count({ where: { adminId } }), db.dockCertificate.count({ where: { adminId } })]);
  return { accounts, certificates };
}

/** Whether one account or certificate (by id) is in the administrator's dock. */
export async function isDocked(adminId: string, kind: DockKind, id: string): Promise<boolean> {
  const db = getDb();
  const row = kind === "account"
    ? await db.dockAccount.findUnique({ where: { adminId_accountId: { adminId, accountId: id } }, select: { adminId: true } })
    : await db.dockCertificate.findUnique({ where: { adminId_certificateId: { adminId, certificateId: id } }, select: { adminId: true } });
  return row !== null;
}

/**
 * The dock with the live state of each item, oldest first. A deleted account (a soft delete)
 * is listed with its status DELETED; rows of records removed outright went with them (cascade).
 */
export async function listDock(adminId: string, now = new Date()): Promise<DockView> {
  const db = getDb();
  const [accounts, certificates] = await Promise.all([
    db.dockAccount.findMany({
      where: { adminId },
      orderBy: [{ createdAt: "asc" }, { accountId: "asc" }],
      select: { createdAt: true, account: { select: { id: true, name: true, kind: true, displayName: true, status: true } } },
    }),
    db.dockCertificate.findMany({
      where: { adminId },
      orderBy: [{ createdAt: "asc" }, { certificateId: "asc" }],
      select: {
        createdAt: true,
        certificate: {
          select: {
            id: true, serial: true, subject: true, notAfter: true, status: true, revokedAt: true,
            ca: { select: { slug: true } }, account: { select: { name: true, status: true } },
          },
        },
      },
    }),
  ]);
  return {
    accounts: accounts.map(({ account: a, createdAt }) => ({
      id: a.id, name: a.name, kind: a.kind as DockAccountView["kind"], displayName: a.displayName, status: a.status as AccountStatus, dockedAt: createdAt,
    })),
    certificates: certificates.map(({ certificate: c, createdAt }): DockCertificateView => ({
      id: c.id, serial: c.serial, caSlug: c.ca.slug, subject: c.subject, accountName: c.account.name, accountStatus: c.account.status as AccountStatus,
      notAfter: c.notAfter, status: c.status as DockCertificateView["status"], revokedAt: c.revokedAt,
      state: c.status === "REVOKED" ? "revoked" : c.notAfter.getTime() <= now.getTime() ? "expired" : "valid",
      dockedAt: createdAt,
    })),
    counts: { accounts: accounts.length, certificates: certificates.length },
  };
}

/** The docked accounts among `ids`, in dock order (ids not in the dock are left out). */
export async function dockedAccounts(adminId: string, ids: string[]): Promise<Array<{ id: string; name: string; status: AccountStatus }>> {
  const rows = await getDb().dockAccount.findMany({
    where: { adminId, accountId: { in: ids } },
    orderBy: [{ createdAt: "asc" }, { accountId: "asc" }],
    select: { account: { select: { id: true, name: true, status: true } } },
  });
  return rows.map((r) => ({ ...r.account, status: r.account.status as AccountStatus }));
}
