import type { Translated } from "./types";
import { ANIMAL_ALLERGENS, MEAT_ALLERGENS } from "./catalog";
import type { MenuDish } from "./snapshot";

/** A broken rule, with the path of the field it belongs to (shown next to that field). */
export interface RuleIssue {
  path: string;
  rule: string;
  message: string;
}

export interface OptionDraft {
  name: Translated;
  priceDelta: number;
  isDefault: boolean;
}

export interface GroupDraft {
  name: Translated;
  kind: "single" | "multiple";
  minSelect: number;
  maxSelect: number;
  options: OptionDraft[];
}

export type DishDraft = Pick<MenuDish, "name" | "description" | "price" | "tags" | "allergens"> & { optionGroups: GroupDraft[] };

const join = (prefix: string, key: string | number) => (prefix ? `${prefix}.${key}` : String(key));

/**
 * Translated text rules: only the merchant's languages; the fallback language (the first) must
 * have the text when `required`, so every guest always reads something.
 */
export function checkText(text: Translated, path: string, languages: readonly string[], required: boolean): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const lang of Object.keys(text)) {
    if (!languages.includes(lang)) {
      issues.push({ path: join(path, lang), rule: "unknown_language", message: `“${lang}” is not one of this restaurant's languages (${languages.join(", ")}).` });
    }
  }
  const fallback = languages[0];
  if (required && fallback && !text[fallback]?.trim()) {
    issues.push({ path: join(path, fallback), rule: "name_required", message: `Required in ${fallback}, the fallback language.` });
  }
  return issues;
}

/** An option group's choice rules. */
export function checkGroup(group: GroupDraft, path: string, languages: readonly string[]): RuleIssue[] {
  const issues = checkText(group.name, join(path, "name"), languages, true);
  const count = group.options.length;
  if (count === 0) issues.push({ path: join(path, "options"), rule: "group_empty", message: "Add at least one option." });
  if (group.kind === "single" && group.maxSelect !== 1) {
    issues.push({ path: join(path, "maxSelect"), rule: "single_max", message: "A single-choice group allows exactly one choice; set the maximum to 1." });
  }
  if (group.minSelect > group.maxSelect) {
    issues.push({ path: join(path, "minSelect"), rule: "min_over_max", message: `The minimum (${group.minSelect}) is above the maximum (${group.maxSelect}).` });
  }
  if (count > 0 && group.maxSelect > count) {
    issues.push({ path: join(path, "maxSelect"), rule: "max_over_options", message: `The maximum (${group.maxSelect}) is more than the ${count} options.` });
  }
  const defaults = group.options.filter((o) => o.isDefault).length;
  if (defaults > group.maxSelect) {
    issues.push({ path: join(path, "options"), rule: "too_many_defaults", message: `${defaults} options are preselected but at most ${group.maxSelect} may be chosen.` });
  }
  group.options.forEach((o, i) => issues.push(...checkText(o.name, join(path, `options.${i}.name`), languages, true)));
  return issues;
}

/** The cheapest line a guest could build must not cost less than nothing. */
export function cheapestPrice(dish: Pick<DishDraft, "price" | "optionGroups">): number {
  let total = dish.price;
  for (const g of dish.optionGroups) {
    const sorted = g.options.map((o) => o.priceDelta).sort((a, b) => a - b);
    const max = Math.min(g.kind === "single" ? 1 : g.maxSelect, sorted.length);
    // The required choices take the cheapest options; further ones only help while negative.
    for (let i = 0; i < max && (i < g.minSelect || sorted[i]! < 0); i++) total += sorted[i]!;
  }
  return total;
}

/** Every cross-field rule of a dish and its option groups. */
export function checkDish(dish: DishDraft, languages: readonly string[], path = ""): RuleIssue[] {
  const issues = [
    ...checkText(dish.name, join(path, "name"), languages, true),
    ...checkText(dish.description, join(path, "description"), languages, false),
  ];
  if (dish.tags.includes("vegan")) {
    const bad = dish.allergens.filter((a) => ANIMAL_ALLERGENS.includes(a));
    if (bad.length) issues.push({ path: join(path, "tags"), rule: "vegan_allergen", message: `A vegan dish cannot contain ${bad.join(", ")}.` });
  }
  if (dish.tags.includes("vegetarian")) {
    const bad = dish.allergens.filter((a) => MEAT_ALLERGENS.includes(a));
    if (bad.length) issues.push({ path: join(path, "tags"), rule: "vegetarian_allergen", message: `A vegetarian dish cannot contain ${bad.join(", ")}.` });
  }
  dish.optionGroups.forEach((g, i) => issues.push(...checkGroup(g, join(path, `optionGroups.${i}`), languages)));
  if (cheapestPrice(dish) < 0) {
    issues.push({ path: join(path, "price"), rule: "negative_total", message: "With its discounts this dish could cost less than nothing; raise the price or lower the discounts." });
  }
  return issues;
}
