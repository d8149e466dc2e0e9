import { z } from "@hono/zod-openapi";
import { hasBidiControl, isInvisible, MULTI_LINE_FORBIDDEN, SINGLE_LINE_FORBIDDEN } from "../domain/text";

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
