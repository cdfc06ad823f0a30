import { isInkanError, type ErrorCode, type Language, type LocalizedText } from "./errors";
import { requestLocale } from "./i18n/locale";

// What every server action returns: the UI shows `error.message` as is, so messages
// say what went wrong and what to do. Unexpected errors are logged, never shown.
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; fields?: Record<string, string> } };

const UNEXPECTED: LocalizedText = {
  en: "An unexpected error occurred. Nothing was changed; try again, and see the server log if it repeats.",
  ja: "予期しないエラーが発生しました。変更は行われていません。もう一度試し、繰り返す場合はサーバのログを確認してください。",
};

/** The failure as the caller sees it, in `locale` (the caller's UI language; see `runAction`). */
export function actionError(err: unknown, locale: Language = "en"): ActionResult<never> {
  if (isInkanError(err)) {
    return { ok: false, error: { code: err.code, message: err.messageIn(locale), fields: err.fieldsIn(locale) } };
  }
  console.error("[inkan] unexpected error in a server action:", err instanceof Error ? err.stack : err);
  return { ok: false, error: { code: "INTERNAL", message: UNEXPECTED[locale] } };
}

/** Runs a server action's work; a failure comes back in the caller's language (cookie, then Accept-Language). */
export async function runAction<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (err) {
    return actionError(err, await requestLocale());
  }
}
