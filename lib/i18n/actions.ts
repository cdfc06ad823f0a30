"use server";
import { cookies } from "next/headers";
import { LOCALES, type Locale } from "./messages";
import { LOCALE_COOKIE } from "./locale";

/** The language switch: remembered for a year; anyone may set it (it is only a preference). */
export async function setLocaleAction(locale: string): Promise<void> {
  if (!(LOCALES as readonly string[]).includes(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale as Locale, { path: "/", maxAge: 365 * 86400, sameSite: "lax" });
}
