import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { matchSupported, negotiateLanguage } from "../domain/menu/i18n";

export const LANG_COOKIE = "ts_lang";

/**
 * The page language: `?lang=` (which the page then remembers in a cookie), the remembered
 * choice, the browser's Accept-Language, then the merchant's first language.
 */
export function chooseLanguage(c: Context, supported: readonly string[]): { lang: string; remember: boolean } {
  const fromQuery = matchSupported(c.req.query("lang"), supported);
  if (fromQuery) return { lang: fromQuery, remember: true };
  const fromCookie = matchSupported(getCookie(c, LANG_COOKIE), supported);
  if (fromCookie) return { lang: fromCookie, remember: false };
  const fromHeader = negotiateLanguage(c.req.header("accept-language"), supported);
  return { lang: fromHeader ?? supported[0] ?? "en", remember: false };
}

export const rememberCookie = (lang: string) =>
  `${LANG_COOKIE}=${encodeURIComponent(lang)}; Path=/; Max-Age=31536000; SameSite=Lax; Secure`;
