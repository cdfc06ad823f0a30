// Expiry warnings, CRL freshness and deploy alerts: e-mail (nodemailer) and a signed webhook.
export { raiseDeployAlert } from "./raise";
export { runAlertsTick, runScheduledAlerts, type AlertsTickReport } from "./tick";
export { saveAlertSettings, sendTestEmail } from "./mutations";
export { sendNotice, type NoticeOutcome } from "./notice";
export { getAlertSettings, listAlerts, listUpcomingWarnings } from "./data";
export { webhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./webhook";
export {
  applicableWarningSteps, crlNeedsAlert, dueWarningStep, warningSchedule, EXPIRY_WARNING_STEPS, CRL_FRESHNESS_SHARE, DAY_MS,
} from "./schedule";
export { alertSettingsSchema, type AlertSettingsInput } from "./schema";
export * from "./types";
