// The one error shape. A short, closed list of codes, each with its HTTP status;
// route handlers turn it into RFC 9457 problem+json, server actions into a message.
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A message for people, in both UI languages. `en` is also what logs and the API's `detail` carry. */
export interface LocalizedText {
  en: string;
  ja: string;
}

export class InkanError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly text: LocalizedText;

  constructor(code: ErrorCode, message: string | LocalizedText, details?: Record<string, unknown>) {
    const text = typeof message === "string" ? { en: message, ja: message } : message;
    super(text.en);
    this.name = "InkanError";
    this.code = code;
    this.details = details;
    this.text = text;
  }

  /** The message in the reader's language. */
  messageIn(locale: keyof LocalizedText): string {
    return this.text[locale];
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isInkanError(err: unknown): err is InkanError {
  return err instanceof InkanError;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  [extension: string]: unknown;
}

const TITLES: Record<ErrorCode, string> = {
  VALIDATION: "Invalid request",
  UNAUTHENTICATED: "Authentication required",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  TOO_LARGE: "Request too large",
  UNPROCESSABLE: "Unprocessable content",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal error",
};

/** RFC 9457 problem details for any thrown value; unexpected errors never leak their text. */
export function toProblem(err: unknown): Problem {
  if (isInkanError(err)) {
    return {
      type: `https://inkan.dev/problems/${err.code.toLowerCase().replace(/_/g, "-")}`,
      title: TITLES[err.code],
      status: err.status,
      detail: err.message,
      code: err.code,
      ...(err.details ?? {}),
    };
  }
  return {
    type: "https://inkan.dev/problems/internal",
    title: TITLES.INTERNAL,
    status: 500,
    detail: "An unexpected error occurred. The server log has the details.",
    code: "INTERNAL",
  };
}
