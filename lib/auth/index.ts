// Framework-free surface (usable from the CLI and tests). The Next-bound pieces are
// imported by path: "@/lib/auth/guard" (requireActor, currentAdmin) and "@/lib/auth/options".
export { hashPassword, verifyPassword } from "./passwords";
export { createAdmin, prepareAdmin, insertAdmin, createApiToken, revokeApiToken, type NewAdmin } from "./mutations";
export { listApiTokens, countAdmins, adminIdOfApiToken } from "./data";
export { signInAdmin } from "./sign-in";
export { ROLES, STAFF, EVERYONE, ADMIN_ONLY, type Role } from "./types";
