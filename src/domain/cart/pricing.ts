import type { MenuCategory, MenuDish, MenuOption, MenuOptionGroup, MenuSnapshot } from "../menu/snapshot";
import { availabilityAt } from "../menu/availability";
import { fail, ok, type Result } from "./errors";
import { CART_LIMITS } from "./limits";

export interface MenuIndex {
  menu: MenuSnapshot;
  dishes: Map<string, { dish: MenuDish; category: MenuCategory }>;
}

const indexes = new WeakMap<MenuSnapshot, MenuIndex>();

/** Dish lookup by id, built once per snapshot object. */
export function indexMenu(menu: MenuSnapshot): MenuIndex {
  let index = indexes.get(menu);
  if (!index) {
    const dishes = new Map<string, { dish: MenuDish; category: MenuCategory }>();
    for (const category of menu.categories) for (const dish of category.dishes) dishes.set(dish.id, { dish, category });
    index = { menu, dishes };
    indexes.set(menu, index);
  }
  return index;
}

export interface ChosenOption {
  group: MenuOptionGroup;
  option: MenuOption;
}

/** A dish with its options resolved against the menu and priced on the server. */
export interface PricedSelection {
  dish: MenuDish;
  category: MenuCategory;
  options: ChosenOption[];
  /** Dish price plus option deltas, minor units, never below zero. */
  unitPrice: number;
}

export interface SelectionContext {
  /** Staff may order staff-only dishes. */
  staff: boolean;
  /** Refuse sold-out dishes and dishes outside their time windows (false: only price them). */
  checkAvailability: boolean;
  now: number;
}

/**
 * Resolves a dish and its chosen options from the menu: unknown ids, wrong option counts and
 * unavailable dishes are refused. Groups the client left untouched get their default options.
 */
export function resolveSelection(
  index: MenuIndex,
  dishId: string,
  optionIds: readonly string[],
  ctx: SelectionContext,
): Result<PricedSelection> {
  const found = index.dishes.get(dishId);
  if (!found || (found.dish.staffOnly && !ctx.staff)) return fail("unknown_dish", "This dish is not on the menu.", { dishId });
  const { dish, category } = found;
  if (ctx.checkAvailability) {
    const availability = availabilityAt(dish, index.menu.timeZone, ctx.now);
    if (availability === "sold_out") return fail("sold_out", `${nameOf(dish.name, index.menu)} is sold out.`, { dishId });
    if (availability === "outside_hours") {
      return fail("dish_unavailable", `${nameOf(dish.name, index.menu)} cannot be ordered at this time.`, { dishId });
    }
  }
  if (optionIds.length > CART_LIMITS.maxOptionsPerLine) return fail("invalid_options", "Too many options chosen.");
  if (new Set(optionIds).size !== optionIds.length) return fail("invalid_options", "An option was chosen twice.");

  const wanted = new Set(optionIds);
  const chosen: ChosenOption[] = [];
  for (const group of dish.optionGroups) {
    let picked = group.options.filter((o) => wanted.has(o.id));
    for (const o of picked) wanted.delete(o.id);
    if (picked.length === 0) picked = group.options.filter((o) => o.isDefault);
    const max = group.kind === "single" ? 1 : group.maxSelect;
    const groupName = nameOf(group.name, index.menu);
    if (picked.length < group.minSelect) {
      return fail("invalid_options", `Choose at least ${group.minSelect} for "${groupName}".`, { groupId: group.id });
    }
    if (picked.length > max) return fail("invalid_options", `Choose at most ${max} for "${groupName}".`, { groupId: group.id });
    for (const option of picked) chosen.push({ group, option });
  }
  if (wanted.size > 0) return fail("unknown_option", "An option does not belong to this dish.", { optionIds: [...wanted] });

  const unitPrice = Math.max(0, dish.price + chosen.reduce((sum, c) => sum + c.option.priceDelta, 0));
  return ok({ dish, category, options: chosen, unitPrice });
}

/** Text in the menu's fallback language (the first), for messages and the ledger. */
export function nameOf(text: Record<string, string>, menu: Pick<MenuSnapshot, "languages">): string {
  for (const lang of menu.languages) if (text[lang]) return text[lang]!;
  return Object.values(text)[0] ?? "";
}
