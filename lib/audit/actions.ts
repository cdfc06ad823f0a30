"use server";
import { requireActor } from "@/lib/auth/guard";
import { runAction, type ActionResult } from "@/lib/action-result";
import { AUDIT_READERS } from "./loaders";
import { runAuditVerification, type AuditLogVerification } from "./verify";

/** The auditor's "verify now" button: the full check, itself audited with its result. */
export async function verifyAuditLogAction(): Promise<ActionResult<AuditLogVerification>> {
  return runAction(async () => runAuditVerification(await requireActor(AUDIT_READERS)));
}
