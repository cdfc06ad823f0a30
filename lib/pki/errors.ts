/**
 * The one error type of the PKI core. Codes form a short closed list so callers can map
 * them to HTTP statuses; messages say what is wrong and what to do about it.
 */
export type PkiErrorCode =
  | "MALFORMED_INPUT"
  | "EMPTY_INPUT"
  | "TOO_LARGE"
  | "BAD_SIGNATURE"
  | "WEAK_KEY"
  | "UNSUPPORTED_ALGORITHM"
  | "UNSUPPORTED_CURVE"
  | "BAD_PASSWORD"
  | "INVALID_ARGUMENT";

/** Error thrown by every function of lib/pki; `code` is stable, `message` is for humans. */
export class PkiError extends Error {
  readonly code: PkiErrorCode;

  constructor(code: PkiErrorCode, message: string) {
    super(message);
    this.name = "PkiError";
    this.code = code;
  }
}

/** Type guard for PkiError, optionally for one code. */
export function isPkiError(err: unknown, code?: PkiErrorCode): err is PkiError {
  return err instanceof PkiError && (code === undefined || err.code === code);
}
