export type AccountKind = "USER" | "SERVER";
export type AccountStatus = "ACTIVE" | "DISABLED";

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
  hasUaPassword: boolean;
}
