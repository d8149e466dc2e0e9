import type { Allergen, DietaryTag } from "./types";

export const DIETARY_TAGS: readonly DietaryTag[] = ["vegetarian", "vegan", "halal", "gluten_free"];

/** The EU's 14 allergens, in the order of Regulation 1169/2011, Annex II. */
export const ALLERGENS: readonly Allergen[] = [
  "gluten", "crustaceans", "eggs", "fish", "peanuts", "soybeans", "milk",
  "nuts", "celery", "mustard", "sesame", "sulphites", "lupin", "molluscs",
];

/** Allergens that come from animals: a vegan dish cannot contain them. */
export const ANIMAL_ALLERGENS: readonly Allergen[] = ["crustaceans", "eggs", "fish", "milk", "molluscs"];
/** Allergens that come from animal flesh: a vegetarian dish cannot contain them. */
export const MEAT_ALLERGENS: readonly Allergen[] = ["crustaceans", "fish", "molluscs"];

export const MAX_SPICE = 3;
export const LIMITS = {
  name: 120,
  description: 1000,
  station: 32,
  groupsPerDish: 12,
  optionsPerGroup: 40,
  windowsPerDish: 7,
  /** 1,000,000.00 in a two-digit currency. */
  price: 100_000_000,
  dishes: 1000,
  categories: 100,
} as const;
