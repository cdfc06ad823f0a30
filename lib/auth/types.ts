export const ROLES = ["ADMIN", "OPERATOR", "AUDITOR"] as const;
export type Role = (typeof ROLES)[number];

/** Who may do what. Read access is everyone's; each write names its roles. */
export const STAFF: readonly Role[] = ["ADMIN", "OPERATOR"];
export const EVERYONE: readonly Role[] = ["ADMIN", "OPERATOR", "AUDITOR"];
export const ADMIN_ONLY: readonly Role[] = ["ADMIN"];
