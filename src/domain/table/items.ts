import type { Translated } from "../menu/types";
import { fail, ok, type Result } from "../cart/errors";

export const ITEM_FLOW = ["received", "preparing", "ready", "served"] as const;
export type ActiveItemState = (typeof ITEM_FLOW)[number];
export type ItemState = ActiveItemState | "voided";

/** A voided item always carries its reason and who voided it; an active one never does. */
export type ItemStatus =
  | { state: ActiveItemState }
  | { state: "voided"; reason: string; by: string; previous: ActiveItemState };

export const MAX_VOID_REASON = 200;

/** One line of a submitted round, as the kitchen handles it. Prices frozen at submission. */
export interface OrderItem {
  id: string;
  roundId: string;
  dishId: string;
  categoryId: string;
  station: string;
  name: Translated;
  options: { groupId: string; optionId: string; name: Translated; priceDelta: number }[];
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  note: string;
  dinerId: string;
  status: ItemStatus;
  updatedAt: number;
}

/** The state after `state` in the kitchen flow, or null once served. */
export function nextItemState(state: ActiveItemState): ActiveItemState | null {
  return ITEM_FLOW[ITEM_FLOW.indexOf(state) + 1] ?? null;
}

/**
 * Staff move an item forward (one tap per step, skipping allowed) or one step back to undo a
 * mistaken tap. Voided items stay voided.
 */
export function moveItem(current: ItemStatus, to: ActiveItemState): Result<ItemStatus> {
  if (current.state === "voided") return fail("invalid_transition", "This item was voided.");
  const from = ITEM_FLOW.indexOf(current.state);
  const target = ITEM_FLOW.indexOf(to);
  if (target === from) return ok(current);
  if (target > from || target === from - 1) return ok({ state: to });
  return fail("invalid_transition", `An item that is ${current.state} cannot go back to ${to}.`);
}

export function voidItem(current: ItemStatus, reason: string, by: string): Result<ItemStatus> {
  if (current.state === "voided") return fail("invalid_transition", "This item is already voided.");
  const clean = reason.trim();
  if (!clean) return fail("invalid_note", "Say why the item is voided.");
  if (clean.length > MAX_VOID_REASON) return fail("invalid_note", `A reason can be at most ${MAX_VOID_REASON} characters.`);
  return ok({ state: "voided", reason: clean, by, previous: current.state });
}

/** What the table owes for its items: voided items are not charged. */
export const itemsTotal = (items: readonly OrderItem[]) =>
  items.reduce((sum, i) => (i.status.state === "voided" ? sum : sum + i.lineTotal), 0);
