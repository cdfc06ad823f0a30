export type AccountKind = "USER" | "SERVER";
/** DELETED is a soft delete: the row stays so kept certificates keep their account (see delete.ts). */
export type AccountStatus = "ACTIVE" | "DISABLED" | "DELETED";

export interface AccountView {
  id: string;
  kind: AccountKind;
  name: string;
  displayName: string | null;
  email: string | null;
  status: AccountStatus;
  hostnames: string[];
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  hasUaPassword: boolean;
}

export const ACCOUNT_SORTS = ["created", "name", "expiry"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** The account list's state, as carried by the URL (?q=&kind=&status=&group=&valid=&expiring=&sort=&after=). */
export interface AccountListQuery {
  q?: string;
  kind?: AccountKind;
  /** Without a status, deleted accounts are left out. */
  status?: AccountStatus;
  /** A group's name. */
  group?: string;
  /** Only accounts holding a certificate that is issued and not expired. */
  hasValidCertificate?: boolean;
  /** Only accounts with a valid certificate expiring within this many days. */
  expiringWithinDays?: number;
  sort?: AccountSort;
  /** The opaque keyset cursor of the next page. */
  after?: string;
  limit?: number;
}

export interface AccountListItem extends AccountView {
  /** The soonest expiry among the account's valid certificates. */
  nextExpiry: Date | null;
  validCertificates: number;
}

export interface AccountPage {
  items: AccountListItem[];
  nextCursor: string | null;
}
