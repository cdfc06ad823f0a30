export { recordEvent, recordStandaloneEvent } from "./mutations";
export { verifyAuditChain, listRecentEvents, listEventsForTarget } from "./data";
export type { Actor, AuditAction, AuditEventInput, AuditTargetType } from "./types";
export { SYSTEM_ACTOR, CLI_ACTOR, AUDIT_ACTIONS } from "./types";
