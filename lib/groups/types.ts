export type GroupKind = "USER" | "ROLE";

export interface GroupView {
  id: string;
  kind: GroupKind;
  name: string;
  description: string;
  builtIn: string | null;
  template: { id: string; name: string; usage: "CLIENT" | "SERVER" } | null;
  memberCount: number;
  createdAt: Date;
}

export interface MemberView {
  accountId: string;
  name: string;
  kind: "USER" | "SERVER";
  displayName: string | null;
  joinedAt: Date;
}

export interface MemberPage {
  items: MemberView[];
  nextCursor: string | null;
}

/** The account page's "group info": the groups it is in, and the ones it could join. */
export interface AccountGroups {
  accountId: string;
  accountName: string;
  accountKind: "USER" | "SERVER";
  userGroups: Array<{ id: string; name: string; builtIn: string | null }>;
  roleGroups: Array<{ id: string; name: string; builtIn: string | null }>;
  joinable: Array<{ id: string; name: string; kind: GroupKind }>;
}
