import { isPkiError } from "@/lib/pki";
import { InkanError } from "@/lib/errors";

/** PKI core errors become the one error shape; the message already says what to do. */
export function toInkanError(err: unknown, what: string): unknown {
  if (!isPkiError(err)) return err;
  if (err.code === "TOO_LARGE") return new InkanError("TOO_LARGE", err.message);
  if (err.code === "EMPTY_INPUT") return new InkanError("VALIDATION", `The ${what} is empty. ${err.message}`);
  return new InkanError("UNPROCESSABLE", err.message, { pkiCode: err.code });
}
