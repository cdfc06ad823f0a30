export const APPLICATION_STATUSES = ["PENDING", "APPROVED", "REJECTED"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A registration application as the RA console shows it (never the password hash). */
export interface ApplicationView {
  id: string;
  ua: string;
  userId: string;
  displayName: string;
  email: string;
  note: string;
  status: ApplicationStatus;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  rejectReason: string | null;
  /** Set once approved: the account it created. */
  accountName: string | null;
}

/** The list's state from the URL: a status (or every status) and the keyset cursor. */
export interface ApplicationListQuery {
  status: ApplicationStatus | "ALL";
  after?: string;
  limit?: number;
}

export interface ApplicationPage {
  items: ApplicationView[];
  nextCursor: string | null;
}

/** The fields of the apply form; each refusal names a message key the form translates. */
export const APPLY_FIELDS = ["userId", "displayName", "email", "password", "confirm", "note"] as const;
export type ApplyField = (typeof APPLY_FIELDS)[number];

export type ApplyFieldProblem = "required" | "format" | "tooLong" | "email" | "passwordShort" | "mismatch";

/**
 * What an applicant hears. "taken" covers an existing account (of any status) and a pending
 * application alike, so the form does not tell which user IDs exist.
 */
export type SubmitOutcome =
  | { ok: true; id: string }
  | { ok: false; reason: "closed" | "taken" | "rate-limited" }
  | { ok: false; reason: "invalid"; fields: Partial<Record<ApplyField, ApplyFieldProblem>> };
