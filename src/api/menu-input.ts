import { z } from "@hono/zod-openapi";
import { ALLERGENS, DIETARY_TAGS, LIMITS, MAX_SPICE } from "../domain/menu/catalog";
import { multilineText, plainText } from "./text";
import { patchOf } from "./patch";
import { DocumentImage } from "./images";

/**
 * Shapes and ranges of menu input, shared by the API, the JSON import and the seed. Rules that
 * need the merchant's languages or cross several fields live in src/domain/menu/rules.ts.
 */
const unique = <T>(list: T[]) => new Set(list).size === list.length;
const LANG_KEY = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const translated = (text: z.ZodType<string>) =>
  z
    .record(z.string().regex(LANG_KEY, "Use a language tag such as en or zh-CN."), text)
    .openapi({ description: "Text per language tag, e.g. { \"en\": \"Rice\", \"zh-CN\": \"米饭\" }", example: { en: "Fried rice", "zh-CN": "炒饭" } });

export const NameText = translated(plainText(LIMITS.name));
export const DescriptionText = translated(multilineText(LIMITS.description));

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use 24-hour time such as 11:30.");

export const TimeWindowSchema = z
  .object({
    days: z
      .array(z.number().int().min(1, "Days are 1 (Monday) to 7 (Sunday).").max(7, "Days are 1 (Monday) to 7 (Sunday)."))
      .min(1, "Pick at least one day.")
      .max(7)
      .refine(unique, "List each day once."),
    from: HHMM,
    to: HHMM,
  })
  .openapi("TimeWindow", { description: "Local time in the store's time zone; `to` before `from` runs past midnight; equal means all day." });

const Id = z.string().regex(/^[a-z]{2,6}_[0-9a-z_]{3,60}$/, "Not an id.");
const Money = z.number().int("Use whole minor units (cents).");

export const OptionInput = z
  .object({
    id: Id.optional(),
    name: NameText,
    priceDelta: Money.min(-LIMITS.price).max(LIMITS.price).openapi({ description: "Added to the dish price, minor units; may be negative." }).default(0),
    isDefault: z.boolean().default(false),
  })
  .openapi("OptionInput");

export const OptionGroupInput = z
  .object({
    id: Id.optional(),
    name: NameText,
    kind: z.enum(["single", "multiple"]),
    minSelect: z.number().int().min(0).max(LIMITS.optionsPerGroup).openapi({ description: "1 or more makes the group required." }).default(0),
    maxSelect: z.number().int().min(1).max(LIMITS.optionsPerGroup).default(1),
    options: z.array(OptionInput).max(LIMITS.optionsPerGroup),
  })
  .openapi("OptionGroupInput");

const ImageUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((u) => u.startsWith("https://"), "Use an https:// address.");
const Tags = z.array(z.enum(DIETARY_TAGS as [string, ...string[]])).refine(unique, "List each tag once.");
const Allergens = z.array(z.enum(ALLERGENS as [string, ...string[]])).refine(unique, "List each allergen once.");
const Price = Money.min(0, "A price cannot be negative.").max(LIMITS.price).openapi({ description: "Minor units of the store's currency." });
const Spice = z.number().int().min(0).max(MAX_SPICE).openapi({ description: "0 = not spicy … 3 = very hot." });
const Windows = z.array(TimeWindowSchema).max(LIMITS.windowsPerDish);
const Groups = z.array(OptionGroupInput).max(LIMITS.groupsPerDish);

const dishFields = {
  name: NameText,
  description: DescriptionText.default({}),
  price: Price,
  imageUrl: ImageUrl.nullable().default(null),
  tags: Tags.default([]),
  spiceLevel: Spice.default(0),
  allergens: Allergens.default([]),
  staffOnly: z.boolean().openapi({ description: "Never shown to guests." }).default(false),
  hidden: z.boolean().default(false),
  windows: Windows.openapi({ description: "Empty = always available." }).default([]),
  optionGroups: Groups.default([]),
};

export const DishInput = z.object({ categoryId: Id, ...dishFields }).openapi("DishInput");

/** A partial update; `optionGroups`, when given, replaces the dish's groups (ids keep existing ones). */
export const DishPatch = patchOf(DishInput).openapi("DishPatch");

export const CategoryInput = z
  .object({
    name: NameText,
    description: DescriptionText.default({}),
    station: z.string().trim().regex(/^[a-z0-9_-]{1,32}$/, "Use 1–32 lower-case letters, digits, - or _.").default("kitchen"),
    hidden: z.boolean().default(false),
  })
  .openapi("CategoryInput");

export const CategoryPatch = patchOf(CategoryInput).openapi("CategoryPatch");

/** Changes one option group's own fields; its options have their own routes. */
export const OptionGroupPatch = patchOf(OptionGroupInput.omit({ id: true, options: true })).openapi("OptionGroupPatch");

export const OptionPatch = patchOf(OptionInput.omit({ id: true })).openapi("OptionPatch");

/** The whole menu as one JSON document: what export writes and import reads. */
export const MenuDocument = z
  .object({
    format: z.literal("tableside.menu"),
    formatVersion: z.literal(1),
    languages: z.array(z.string()).optional(),
    currency: z.string().optional(),
    exportedAt: z.string().optional(),
    categories: z
      .array(
        CategoryInput.extend({
          id: Id.optional(),
          dishes: z.array(z.object({ id: Id.optional(), ...dishFields, image: DocumentImage.nullable().default(null) })).max(LIMITS.dishes),
        }),
      )
      .max(LIMITS.categories),
  })
  .openapi("MenuDocument");

export type DishInputT = z.infer<typeof DishInput>;
export type DishPatchT = z.infer<typeof DishPatch>;
export type OptionGroupPatchT = z.infer<typeof OptionGroupPatch>;
export type OptionPatchT = z.infer<typeof OptionPatch>;
export type OptionGroupInputT = z.infer<typeof OptionGroupInput>;
export type OptionInputT = z.infer<typeof OptionInput>;
export type CategoryInputT = z.infer<typeof CategoryInput>;
export type MenuDocumentT = z.infer<typeof MenuDocument>;
