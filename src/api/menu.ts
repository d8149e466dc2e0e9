import { z } from "@hono/zod-openapi";
import { ImageRefSchema } from "./images";

/**
 * Response shapes of the menu editor API (src/http/routes/menu.ts), declared once: the routes put
 * them in /api/openapi.json and the console's menu editor takes its types from here.
 */

export const TextSchema = z.record(z.string(), z.string()).openapi("TranslatedText");

export const MenuOptionSchema = z
  .object({ id: z.string(), position: z.number(), name: TextSchema, priceDelta: z.number(), isDefault: z.boolean() })
  .openapi("MenuOptionItem");

export const MenuGroupSchema = z
  .object({
    id: z.string(),
    position: z.number(),
    name: TextSchema,
    kind: z.enum(["single", "multiple"]),
    minSelect: z.number(),
    maxSelect: z.number(),
    options: z.array(MenuOptionSchema),
  })
  .openapi("MenuOptionGroupItem");

export const TimeWindowOutSchema = z.object({ days: z.array(z.number()), from: z.string(), to: z.string() });

export const MenuDishSchema = z
  .object({
    id: z.string(),
    categoryId: z.string(),
    position: z.number(),
    name: TextSchema,
    description: TextSchema,
    price: z.number().openapi({ description: "Minor units" }),
    imageUrl: z.string().nullable(),
    image: ImageRefSchema.nullable(),
    tags: z.array(z.string()),
    spiceLevel: z.number(),
    allergens: z.array(z.string()),
    staffOnly: z.boolean(),
    hidden: z.boolean(),
    windows: z.array(TimeWindowOutSchema),
    optionGroups: z.array(MenuGroupSchema),
    soldOutStoreIds: z.array(z.string()),
  })
  .openapi("MenuDishItem");

export const MenuCategoryItemSchema = z
  .object({ id: z.string(), position: z.number(), name: TextSchema, description: TextSchema, station: z.string(), hidden: z.boolean() })
  .openapi("MenuCategoryItem");

export const MenuStoreSchema = z.object({ id: z.string(), name: z.string(), slug: z.string(), currency: z.string(), timeZone: z.string() });

export const EditorMenuSchema = z
  .object({
    merchantId: z.string(),
    version: z.number(),
    languages: z.array(z.string()),
    stores: z.array(MenuStoreSchema),
    categories: z.array(MenuCategoryItemSchema.extend({ dishes: z.array(MenuDishSchema) })),
  })
  .openapi("EditorMenu");

export const MenuVersionSchema = z.number().openapi({ description: "The merchant's menu version after this change" });

export type Text = z.infer<typeof TextSchema>;
export type MenuOption = z.infer<typeof MenuOptionSchema>;
export type MenuGroup = z.infer<typeof MenuGroupSchema>;
export type TimeWindow = z.infer<typeof TimeWindowOutSchema>;
export type MenuDish = z.infer<typeof MenuDishSchema>;
export type MenuStore = z.infer<typeof MenuStoreSchema>;
export type EditorMenu = z.infer<typeof EditorMenuSchema>;
export type MenuCategory = EditorMenu["categories"][number];
