/** What makes typed text unreadable or misleading; the zod schemas built on it are in src/api/text.ts. */
// C0 controls and DEL. Multi-line text (descriptions, notes) may keep line breaks and tabs.
export const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F]/;
export const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): they reorder
 * the text around them, so "Ana‮gnp.exe" reads differently from what it is, and an unclosed one
 * spills into whatever the page shows next to it. Nobody needs them in a name or a label.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * What shows as nothing: whitespace and separators, format characters (zero-width space, joiners,
 * word joiner, BOM, bidi marks…), variation selectors, the combining grapheme joiner, and the
 * fillers that fonts draw blank (Hangul fillers, braille blank, Mongolian vowel separator).
 */
const INVISIBLE = /[\s\p{Z}\p{Cf}\uFE00-\uFE0F\u034F\u115F\u1160\u3164\uFFA0\u2800\u180E]/gu;

export const hasBidiControl = (text: string) => BIDI_CONTROLS.test(text);

/** True when nothing of the text would be seen (the empty text included). */
export const isInvisible = (text: string) => text.replace(INVISIBLE, "").length === 0;
