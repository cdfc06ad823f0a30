import { isInkanError, type ErrorCode } from "./errors";

// What every server action returns: the UI shows `error.message` as is, so messages
// say what went wrong and what to do. Unexpected errors are logged, never shown.
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; fields?: Record<string, string> } };

export function actionError(err: unknown): ActionResult<never> {
  if (isInkanError(err)) {
    const errors = err.details?.errors as Array<{ field: string; message: string }> | undefined;
    return {
      ok: false,
      error: { code: err.code, message: err.message, fields: errors ? Object.fromEntries(errors.map((e) => [e.field, e.message])) : undefined },
    };
  }
  console.error("[inkan] unexpected error in a server action:", err instanceof Error ? err.stack : err);
  return { ok: false, error: { code: "INTERNAL", message: "An unexpected error occurred. Nothing was changed; try again, and see the server log if it repeats." } };
}

export async function runAction<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (err) {
    return actionError(err);
  }
}
