// The deploy domain's surface: ALB trust stores (CA bundle + CRL rotation) and ACM imports.
export { createTarget, updateTarget, deleteTarget } from "./mutations";
export { getTarget, listTargets, listRuns, getRun } from "./data";
export { deployTarget, SimulatedCrash, type DeployOptions, type DeployOutcome } from "./deploy";
export { describeTarget } from "./describe";
export { iamPolicyFor, iamPolicyJson } from "./iam-policy";
export { buildCaBundle, bundleKey, crlKey, crlPem, normalizePrefix } from "./bundle";
export { planRotation, checkRevocationQuotas, type OwnedRevocation, type PendingAdd, type LiveRevocation, type DesiredCrl } from "./plan";
export { ALB_QUOTAS, ACM_RULES } from "./quotas";
export { refreshDueTargets, refreshReason, DEPLOY_SCHEDULE } from "./schedule";
export { importToAcm, exportForAcm, checkAcmRules } from "./acm";
export { acquireLease, releaseLease } from "./lease";
export { deployTargetSchema, deployTargetUpdateSchema, DEPLOY_TRIGGERS, type DeployTargetInput, type DeployTargetUpdateInput, type DeployTrigger } from "./schema";
export type * from "./types";
