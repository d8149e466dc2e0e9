import { z } from "@hono/zod-openapi";

// C0 controls and DEL. Multi-line text (descriptions, notes) may keep line breaks and tabs.
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

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

/**
 * Text a person typed and others will read (names, areas, addresses): trimmed, bounded, and free
 * of control characters, which would show as nothing or break layouts, CSV and receipts.
 */
export const plainText = (max: number, min = 0, minMessage?: string) =>
  z
    .string()
    .trim()
    .min(min, minMessage)
    .max(max, `At most ${max} characters.`)
    .refine((s) => !SINGLE_LINE_FORBIDDEN.test(s), "Remove control characters and line breaks.")
    .refine((s) => !hasBidiControl(s), "Remove text-direction control characters.")
    // Required text made only of zero-width or blank characters would show as nothing.
    .refine((s) => min === 0 || !isInvisible(s), minMessage ?? "Type at least one visible character.");

/** Like `plainText`, but line breaks and tabs are allowed. */
export const multilineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .refine((s) => !MULTI_LINE_FORBIDDEN.test(s), "Remove control characters.")
    .refine((s) => !hasBidiControl(s), "Remove text-direction control characters.");
