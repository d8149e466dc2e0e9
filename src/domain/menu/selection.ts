import type { MenuDish, MenuOption, MenuOptionGroup } from "./snapshot";

export interface PricedSelection {
  ok: true;
  /** Chosen options in menu order, each with its group. */
  options: { group: MenuOptionGroup; option: MenuOption }[];
  /** Dish price plus the options' price changes, minor units; never below zero. */
  unitPrice: number;
}

export interface SelectionError {
  ok: false;
  code: "unknown_option" | "duplicate_option" | "too_few_options" | "too_many_options";
  message: string;
  groupId?: string;
}

/**
 * Checks the options a guest picked for a dish against its option groups and prices the line.
 * Rules: every id belongs to this dish; no id twice; each group gets between its min and max
 * choices (a "single" group at most one). Prices come from the menu only.
 */
export function priceSelection(dish: MenuDish, optionIds: readonly string[]): PricedSelection | SelectionError {
  const byId = new Map<string, { group: MenuOptionGroup; option: MenuOption }>();
  for (const group of dish.optionGroups) for (const option of group.options) byId.set(option.id, { group, option });
  const seen = new Set<string>();
  for (const id of optionIds) {
    if (!byId.has(id)) return { ok: false, code: "unknown_option", message: `Option ${id} is not an option of this dish.` };
    if (seen.has(id)) return { ok: false, code: "duplicate_option", message: `Option ${id} was chosen twice.` };
    seen.add(id);
  }
  const chosen: PricedSelection["options"] = [];
  let unitPrice = dish.price;
  for (const group of dish.optionGroups) {
    const picked = group.options.filter((o) => seen.has(o.id));
    const max = group.kind === "single" ? Math.min(1, group.maxSelect) : group.maxSelect;
    if (picked.length < group.minSelect) {
      return { ok: false, code: "too_few_options", groupId: group.id, message: `Choose at least ${group.minSelect} in “${firstName(group)}”.` };
    }
    if (picked.length > max) {
      return { ok: false, code: "too_many_options", groupId: group.id, message: `Choose at most ${max} in “${firstName(group)}”.` };
    }
    for (const option of picked) {
      chosen.push({ group, option });
      unitPrice += option.priceDelta;
    }
  }
  return { ok: true, options: chosen, unitPrice: Math.max(0, unitPrice) };
}

/** The preselected options of a dish (each group's defaults, within its max). */
export function defaultOptionIds(dish: MenuDish): string[] {
  const ids: string[] = [];
  for (const group of dish.optionGroups) {
    const max = group.kind === "single" ? 1 : group.maxSelect;
    ids.push(...group.options.filter((o) => o.isDefault).slice(0, max).map((o) => o.id));
  }
  return ids;
}

const firstName = (group: MenuOptionGroup) => Object.values(group.name).find(Boolean) ?? group.id;
