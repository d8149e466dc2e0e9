import { availabilityAt, type Availability } from "../menu/availability";
import type { MenuSnapshot } from "../menu/snapshot";

/**
 * What an open table page needs to keep its dish cards true after the menu changed: each
 * orderable dish's price, option prices and availability. A dish missing from `dishes` was
 * hidden or removed. Staff-only dishes are never listed (guests must not learn of them).
 */
export interface GuestMenuState {
  version: number;
  dishes: Record<string, { price: number; state: Availability; options: Record<string, number> }>;
}

export function guestMenuState(menu: MenuSnapshot, now: number): GuestMenuState {
  const dishes: GuestMenuState["dishes"] = {};
  for (const category of menu.categories) {
    for (const dish of category.dishes) {
      if (dish.staffOnly) continue;
      const options: Record<string, number> = {};
      for (const g of dish.optionGroups) for (const o of g.options) options[o.id] = o.priceDelta;
      dishes[dish.id] = { price: dish.price, state: availabilityAt(dish, menu.timeZone, now), options };
    }
  }
  return { version: menu.version, dishes };
}
