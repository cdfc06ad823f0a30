import type { DockKind } from "./constants";

export type { DockKind };

export interface DockCounts {
  accounts: number;
  certificates: number;
}

/** A docked account as it is now: a deleted account stays listed, marked gone. */
export interface DockAccountView {
  id: string;
  name: string;
  kind: "USER" | "SERVER";
  displayName: string | null;
  status: "ACTIVE" | "DISABLED" | "DELETED";
  dockedAt: Date;
}

/** A docked certificate as it is now (revoked or expired since it was docked, its account deleted). */
export interface DockCertificateView {
  id: string;
  serial: string;
  caSlug: string;
  subject: string;
  accountName: string;
  accountStatus: "ACTIVE" | "DISABLED" | "DELETED";
  notAfter: Date;
  status: "ISSUED" | "REVOKED";
  revokedAt: Date | null;
  state: "valid" | "expired" | "revoked";
  dockedAt: Date;
}

export interface DockView {
  accounts: DockAccountView[];
  certificates: DockCertificateView[];
  counts: DockCounts;
}

export interface DockChange {
  /** Items this call put in or took out. */
  changed: number;
  /** Items that were already in (put) or not in (remove) the dock: nothing to do for them. */
  unchanged: number;
  counts: DockCounts;
}

/** What a bulk action launched from the dock did, by account name. */
export interface DockAccountsOutcome {
  done: string[];
  /** Already members of the group / already disabled. */
  unchanged: string[];
  /** Deleted accounts: left alone. */
  gone: string[];
}
