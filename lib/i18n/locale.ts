import { cookies, headers } from "next/headers";
import { LOCALES, MESSAGES, type Locale, type Messages } from "./messages";

export const LOCALE_COOKIE = "inkan-locale";

/** The explicit choice (cookie) wins; otherwise the browser's Accept-Language; else Japanese. */
export function pickLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (cookieValue && (LOCALES as readonly string[]).includes(cookieValue)) return cookieValue as Locale;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0].trim().toLowerCase();
    if (tag.startsWith("ja")) return "ja";
    if (tag.startsWith("en")) return "en";
  }
  return "ja";
}

export async function getLocale(): Promise<Locale> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return pickLocale(c.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
}

export async function getMessages(): Promise<{ locale: Locale; t: Messages }> {
  const locale = await getLocale();
  return { locale, t: MESSAGES[locale] };
}

/** The reader's language where there may be no request (vitest, scripts): English outside one. */
export async function requestLocale(): Promise<Locale> {
  try {
    return await getLocale();
  } catch {
    return "en";
  }
}

/**
 * The API's language: English unless Accept-Language ranks Japanese above English
 * (machines get stable English `detail` by default; a tool may ask for Japanese).
 */
export function apiLocale(acceptLanguage: string | null): Locale {
  let best: { locale: Locale; q: number } = { locale: "en", q: 0 };
  for (const part of (acceptLanguage ?? "").split(",")) {
    const [tag, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const locale: Locale | undefined = tag.startsWith("ja") ? "ja" : tag.startsWith("en") ? "en" : undefined;
    if (!locale) continue;
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > best.q) best = { locale, q };
  }
  return best.locale;
}
