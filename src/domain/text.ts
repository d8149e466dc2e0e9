import { z } from "@hono/zod-openapi";

// C0 controls and DEL. Multi-line text (descriptions, notes) may keep line breaks and tabs.
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

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
    .refine((s) => !SINGLE_LINE_FORBIDDEN.test(s), "Remove control characters and line breaks.");

/** Like `plainText`, but line breaks and tabs are allowed. */
export const multilineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .refine((s) => !MULTI_LINE_FORBIDDEN.test(s), "Remove control characters.");
