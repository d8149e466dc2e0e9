import type { Translated } from "./types";

/**
 * The text to show in `lang`: the exact language, then the same base language (zh-CN <-> zh,
 * fr-CA -> fr), then the merchant's languages in order (the first is the fallback), then any
 * non-empty text. Empty strings count as missing, so a half-translated menu still reads.
 */
export function pickText(text: Translated | undefined, lang: string, languages: readonly string[] = []): string {
  if (!text) return "";
  const exact = text[lang];
  if (exact) return exact;
  const base = baseOf(lang);
  for (const [tag, value] of Object.entries(text)) if (value && baseOf(tag) === base) return value;
  for (const tag of languages) if (text[tag]) return text[tag]!;
  for (const value of Object.values(text)) if (value) return value;
  return "";
}

/** Which language `pickText` actually used: lets a page mark fallback text with its own `lang`. */
export function pickLang(text: Translated | undefined, lang: string, languages: readonly string[] = []): string | null {
  if (!text) return null;
  if (text[lang]) return lang;
  const base = baseOf(lang);
  for (const [tag, value] of Object.entries(text)) if (value && baseOf(tag) === base) return tag;
  for (const tag of languages) if (text[tag]) return tag;
  for (const [tag, value] of Object.entries(text)) if (value) return tag;
  return null;
}

const baseOf = (tag: string) => tag.split("-")[0]!.toLowerCase();

/**
 * The best of `supported` for an Accept-Language header (RFC 9110 quality values), or null.
 * Matching is case-insensitive; "zh" matches "zh-CN" and "fr-CA" matches "fr".
 */
export function negotiateLanguage(header: string | null | undefined, supported: readonly string[]): string | null {
  if (!header || !supported.length) return null;
  const wanted = header
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: (tag ?? "").trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, i };
    })
    .filter((w) => w.tag && w.tag !== "*" && w.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.i - b.i);
  for (const w of wanted) {
    const exact = supported.find((s) => s.toLowerCase() === w.tag);
    if (exact) return exact;
    const base = baseOf(w.tag);
    const sameBase = supported.find((s) => baseOf(s) === base);
    if (sameBase) return sameBase;
  }
  return null;
}

/** Resolves a requested tag (from ?lang= or a cookie) to one of `supported`, or null. */
export function matchSupported(tag: string | null | undefined, supported: readonly string[]): string | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  return supported.find((s) => s.toLowerCase() === lower) ?? null;
}

/** Languages' own names for a language switcher. */
export function languageName(tag: string): string {
  // "中文（中国）" says where, not which script; guests look for simplified or traditional.
  const chinese = /^zh(-|$)/i.test(tag) ? (/-(TW|HK|MO|Hant)/i.test(tag) ? "zh-Hant" : "zh-Hans") : null;
  if (chinese) tag = chinese;
  try {
    const name = new Intl.DisplayNames([tag], { type: "language" }).of(tag);
    if (name) return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    // Unknown tag: show it as is.
  }
  return tag;
}
