"use server";
import { requireActor } from "@/lib/auth/guard";
import { runAction, type ActionResult } from "@/lib/action-result";
import { AUDIT_READERS } from "./loaders";
import { recordStandaloneEvent } from "./mutations";
import { verifyAuditLog, type AuditLogVerification } from "./verify";

/** The auditor's "verify now" button: the full check, itself audited with its result. */
export async function verifyAuditLogAction(): Promise<ActionResult<AuditLogVerification>> {
  return runAction(async () => {
    const actor = await requireActor(AUDIT_READERS);
    const result = await verifyAuditLog();
    await recordStandaloneEvent({
      actor, action: "audit.verify", outcome: result.ok ? "SUCCESS" : "FAILURE",
      details: { events: result.events, headSeq: result.head?.seq ?? null, ...(result.ok ? {} : { firstBrokenSeq: result.firstBrokenSeq, reason: result.reason }) },
    });
    return result;
  });
}
