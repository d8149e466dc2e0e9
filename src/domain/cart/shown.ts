import { formatPrice } from "../menu/money";
import { fail, ok, type Result } from "./errors";
import type { CartLine } from "./ops";
import { resolveSelection, type MenuIndex } from "./pricing";

/**
 * What the sending diner's page showed when they pressed Send: each cart line with the unit price
 * and quantity it displayed, and the total it displayed. The send carries it so that a round
 * never charges a price the sender did not see.
 */
export interface ShownCart {
  total: number;
  lines: { id: string; unitPrice: number; quantity: number }[];
}

export interface PricedLine {
  id: string;
  unitPrice: number;
  quantity: number;
}

/** A line whose price (or presence, or quantity) differs from what the page showed. */
export interface ChangedLine {
  lineId: string;
  unitPrice: number | null;
  shownPrice: number | null;
}

/** Unit prices from the menu now (availability aside; a dish gone from the menu prices at 0). */
export function priceLines(lines: readonly CartLine[], menu: MenuIndex, now: number): PricedLine[] {
  return lines.map((l) => {
    const sel = resolveSelection(menu, l.dishId, l.optionIds, { staff: true, checkAvailability: false, now });
    return { id: l.id, unitPrice: sel.ok ? sel.value.unitPrice : 0, quantity: l.quantity };
  });
}

export const pricedTotal = (lines: readonly PricedLine[]) => lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);

/**
 * Accepts the send only when the cart is exactly what the page showed: the same lines, at the same
 * unit prices and quantities, adding up to the same total. Anything else (a price changed, a line
 * came or went) is refused with the new total and the lines that differ, for the page to show.
 */
export function checkShown(current: readonly PricedLine[], shown: ShownCart, currency: string): Result<null> {
  const seen = new Map(shown.lines.map((l) => [l.id, l]));
  const changed: ChangedLine[] = [];
  for (const line of current) {
    const s = seen.get(line.id);
    if (!s || s.unitPrice !== line.unitPrice || s.quantity !== line.quantity) {
      changed.push({ lineId: line.id, unitPrice: line.unitPrice, shownPrice: s?.unitPrice ?? null });
    }
    seen.delete(line.id);
  }
  for (const gone of seen.values()) changed.push({ lineId: gone.id, unitPrice: null, shownPrice: gone.unitPrice });
  const total = pricedTotal(current);
  if (changed.length === 0 && total === shown.total) return ok(null);
  const repriced = changed.some((c) => c.unitPrice !== null && c.shownPrice !== null && c.unitPrice !== c.shownPrice);
  const money = currency ? formatPrice(total, currency, "en") : String(total);
  return fail(
    "prices_changed",
    repriced
      ? `Prices changed since your page showed them; please check the cart. The new total is ${money}.`
      : `The cart changed since your page showed it; please check it. The total is now ${money}.`,
    { total, shownTotal: shown.total, repriced, changed },
  );
}

/** Whether a menu change re-priced any line of the cart. */
export function pricesDiffer(lines: readonly CartLine[], before: MenuIndex, after: MenuIndex, now: number): boolean {
  const a = priceLines(lines, before, now);
  const b = priceLines(lines, after, now);
  return a.some((l, i) => l.unitPrice !== b[i]!.unitPrice);
}
