export { recordEvent, recordEvents, recordStandaloneEvent, actorLabel, type TimedAuditEvent } from "./mutations";
export { verifyAuditChain, listRecentEvents, listEventsForTarget } from "./data";
export type { Actor, AuditAction, AuditEventInput, AuditTargetType } from "./types";
export { SYSTEM_ACTOR, CLI_ACTOR, AUDIT_ACTIONS } from "./types";
export { walkAuditChain, latestAuditEvent, countEventsByActorSince, findLastVerification, type ChainVerification, type ChainHead, type LastVerification } from "./data";
export { verifyAuditLog, runAuditVerification, type AuditLogVerification } from "./verify";
export { readAnchor, advanceAnchor, defaultAnchorFile, ANCHOR_FILE_NAME, type AuditAnchor } from "./anchor";
export {
  searchAuditEvents, getAuditEvent, parseAuditFilter, filterToQuery, isFiltered, auditWhere, AUDIT_TARGET_TYPES,
  type AuditFilter, type AuditEventView, type AuditEventDetail, type AuditEventPage, type AuditTargetFilter,
} from "./search";
export { exportAuditEvents, type ExportFormat, type AuditExport } from "./export";
export { verifyExportFile, verifyExportLines, verifyExportCsv, type ExportVerification, type ExportHeader } from "./export-format";
