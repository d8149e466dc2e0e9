/** Translated text: BCP 47 language tag -> text, e.g. { en: "Rice", "zh-CN": "米饭" }. */
export type Translated = Record<string, string>;

export type DietaryTag = "vegetarian" | "vegan" | "halal" | "gluten_free";
/** The 14 allergens the EU requires to be declared (Regulation 1169/2011, Annex II). */
export type Allergen =
  | "gluten" | "crustaceans" | "eggs" | "fish" | "peanuts" | "soybeans" | "milk"
  | "nuts" | "celery" | "mustard" | "sesame" | "sulphites" | "lupin" | "molluscs";

/** Local time windows a dish is orderable in, e.g. lunch only: [{ days:[1..5], from:"11:30", to:"15:00" }]. */
export interface TimeWindow {
  days: number[];
  from: string;
  to: string;
}
