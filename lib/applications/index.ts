export { submitApplication, SUBMISSIONS_PER_WINDOW, SUBMISSION_WINDOW_MS } from "./submit";
export { approveApplication, rejectApplication } from "./decide";
export { findApplication, listApplications, countPendingApplications } from "./data";
export { applySchema, rejectReasonSchema, type ApplyInput } from "./schema";
export * from "./types";
