import { STAFF, type Role } from "@/lib/auth";

/** The dock holds items to act on: ADMIN and OPERATOR have one; AUDITOR, a read-only role, has none. */
export function mayUseDock(role: Role | undefined): boolean {
  return role !== undefined && STAFF.includes(role);
}
