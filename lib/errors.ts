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

export type Language = keyof LocalizedText;

/** The field message for a name already in use (accounts, groups, templates, UAs, deploy targets). */
export const NAME_TAKEN: LocalizedText = { en: "This name is taken.", ja: "この名前はすでに使われています。" };

/** A field-level validation error; `details.errors` of a VALIDATION error holds these. */
export interface FieldError {
  field: string;
  message: LocalizedText;
}

export class InkanError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly text: LocalizedText;

  constructor(code: ErrorCode, text: LocalizedText, details?: Record<string, unknown>) {
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

  /** `details` with field-error messages in the reader's language (what the API and the UI show). */
  detailsIn(locale: Language): Record<string, unknown> | undefined {
    const errors = this.details?.errors;
    if (!Array.isArray(errors)) return this.details;
    return { ...this.details, errors: errors.map((e: FieldError) => ({ field: e.field, message: textIn(e.message, locale) })) };
  }

  /** Field messages by field name, in the reader's language. */
  fieldsIn(locale: Language): Record<string, string> | undefined {
    const errors = this.details?.errors;
    if (!Array.isArray(errors)) return undefined;
    return Object.fromEntries(errors.map((e: FieldError) => [e.field, textIn(e.message, locale)]));
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

function textIn(message: LocalizedText | string, locale: Language): string {
  return typeof message === "string" ? message : message[locale];
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

/** What a person sees when something failed that we did not expect; the details go to the log only. */
export const UNEXPECTED: LocalizedText = {
  en: "An unexpected error occurred. The server log has the details.",
  ja: "予期しないエラーが発生しました。詳細はサーバのログを確認してください。",
};

/**
 * RFC 9457 problem details for any thrown value; unexpected errors never leak their text.
 * `detail` and field messages are in `locale` (English unless the caller chose otherwise).
 */
export function toProblem(err: unknown, locale: Language = "en"): Problem {
  if (isInkanError(err)) {
    return {
      type: `https://inkan.dev/problems/${err.code.toLowerCase().replace(/_/g, "-")}`,
      title: TITLES[err.code],
      status: err.status,
      detail: err.messageIn(locale),
      code: err.code,
      ...(err.detailsIn(locale) ?? {}),
    };
  }
  return {
    type: "https://inkan.dev/problems/internal",
    title: TITLES.INTERNAL,
    status: 500,
    detail: UNEXPECTED[locale],
    code: "INTERNAL",
  };
}
