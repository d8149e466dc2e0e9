/**
 * What each way of paying costs, before anything is reserved: the even split's share amounts
 * and the due of chosen items. Reservations (./reservations.ts) price requests with these.
 *
 * Even split: `base` split into `parts` shares, every share `floor(base / parts)` and the last
 * one absorbing the remainder, so the shares sum exactly to the base (1000 in 3: 333, 333, 334).
 * Shares are claimed lowest index first, so the larger last share is the last one claimed.
 */
import type { Bill, BillLine } from "./bill";

export const MIN_SPLIT_PARTS = 2;
export const MAX_SPLIT_PARTS = 50;

/** The amount of each share; Σ = base. Needs base ≥ parts so no share is zero. */
export function evenShares(base: number, parts: number): number[] {
  const each = Math.floor(base / parts);
  return Array.from({ length: parts }, (_, i) => (i === parts - 1 ? base - each * (parts - 1) : each));
}

export const isSplitParts = (n: unknown): n is number =>
  typeof n === "number" && Number.isSafeInteger(n) && n >= MIN_SPLIT_PARTS && n <= MAX_SPLIT_PARTS;

/** The bill lines of these items, or the ids not on the bill (voided items are not on it). */
export function linesFor(bill: Bill, itemIds: readonly string[]): { ok: true; lines: BillLine[] } | { ok: false; missing: string[] } {
  const byId = new Map(bill.lines.map((l) => [l.itemId, l]));
  const missing = itemIds.filter((id) => !byId.has(id));
  if (missing.length) return { ok: false, missing };
  return { ok: true, lines: itemIds.map((id) => byId.get(id)!) };
}

/** What paying for these lines costs: their dues (their share of service and tax included). */
export const dueOf = (lines: readonly BillLine[]): number => lines.reduce((s, l) => s + l.due, 0);
