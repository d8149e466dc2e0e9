import type { RoundLine } from "./types";
import type { CartLine } from "../cart/ops";
import { fail, ok, type Result } from "../cart/errors";
import { nameOf, resolveSelection, type MenuIndex } from "../cart/pricing";
import type { OrderItem } from "./items";

export interface RoundDraft {
  items: OrderItem[];
  /** The same lines as the ledger stores them (names in the menu's first language). */
  ledgerLines: RoundLine[];
  subtotal: number;
}

export interface RoundContext {
  roundId: string;
  newItemId: () => string;
  dinerName: (dinerId: string) => string;
  now: number;
}

/**
 * Turns the cart into a round: every line re-priced from the menu now, and refused as a whole when
 * a dish went off the menu or sold out, naming each one, so nothing half-sent reaches the kitchen.
 */
export function buildRound(lines: readonly CartLine[], menu: MenuIndex, ctx: RoundContext): Result<RoundDraft> {
  if (lines.length === 0) return fail("cart_empty", "The cart is empty.");
  const soldOut: { lineId: string; dishId: string; name: string }[] = [];
  const gone: string[] = [];
  const items: OrderItem[] = [];
  const ledgerLines: RoundLine[] = [];
  for (const line of lines) {
    const found = menu.dishes.get(line.dishId);
    if (!found) {
      gone.push(line.id);
      continue;
    }
    // Staff-only dishes were checked when added; here only availability and options count.
    const sel = resolveSelection(menu, line.dishId, line.optionIds, { staff: true, checkAvailability: true, now: ctx.now });
    if (!sel.ok) {
      if (sel.error.code === "sold_out" || sel.error.code === "dish_unavailable") {
        soldOut.push({ lineId: line.id, dishId: line.dishId, name: nameOf(found.dish.name, menu.menu) });
        continue;
      }
      return fail(sel.error.code, sel.error.message, { ...sel.error.details, lineId: line.id });
    }
    const { dish, category, options, unitPrice } = sel.value;
    const lineTotal = unitPrice * line.quantity;
    items.push({
      id: ctx.newItemId(),
      roundId: ctx.roundId,
      dishId: dish.id,
      categoryId: category.id,
      station: category.station,
      name: dish.name,
      options: options.map((c) => ({ groupId: c.group.id, optionId: c.option.id, name: c.option.name, priceDelta: c.option.priceDelta })),
      quantity: line.quantity,
      unitPrice,
      lineTotal,
      note: line.note,
      dinerId: line.dinerId,
      status: { state: "received" },
      updatedAt: ctx.now,
    });
    ledgerLines.push({
      lineId: line.id,
      dishId: dish.id,
      name: nameOf(dish.name, menu.menu),
      quantity: line.quantity,
      unitPrice,
      options: options.map((c) => ({ groupId: c.group.id, optionId: c.option.id, name: nameOf(c.option.name, menu.menu), priceDelta: c.option.priceDelta })),
      note: line.note,
      dinerId: line.dinerId,
      dinerName: ctx.dinerName(line.dinerId),
      lineTotal,
    });
  }
  if (gone.length) return fail("unknown_dish", "A dish in the cart is no longer on the menu; remove it to send the order.", { lineIds: gone });
  if (soldOut.length) {
    const names = [...new Set(soldOut.map((s) => s.name))].join(", ");
    return fail("sold_out", `Sold out now: ${names}. Remove ${soldOut.length > 1 ? "them" : "it"} to send the order.`, {
      lineIds: soldOut.map((s) => s.lineId),
      dishIds: [...new Set(soldOut.map((s) => s.dishId))],
    });
  }
  return ok({ items, ledgerLines, subtotal: items.reduce((sum, i) => sum + i.lineTotal, 0) });
}
