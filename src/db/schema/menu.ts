import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Allergen, DietaryTag, TimeWindow, Translated } from "../../domain/menu/types";
import type { ImageRef } from "../../domain/images/types";
import { json, utcMillis } from "./common";
import { merchants, stores } from "./accounts";

// The types of these columns belong to the domain; re-exported for the code that reads rows.
export type { Allergen, DietaryTag, TimeWindow };

export const categories = sqliteTable(
  "menu_categories",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    position: integer("position").notNull(),
    name: json<Translated>("name").notNull(),
    description: json<Translated>("description").notNull(),
    hidden: integer("hidden", { mode: "boolean" }).notNull().default(false),
    /** Kitchen station that prepares this category's dishes, e.g. "grill", "bar". */
    station: text("station").notNull().default("kitchen"),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [index("menu_categories_merchant_idx").on(t.merchantId, t.position)],
);

export const dishes = sqliteTable(
  "menu_dishes",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    categoryId: text("category_id").notNull().references(() => categories.id),
    position: integer("position").notNull(),
    name: json<Translated>("name").notNull(),
    description: json<Translated>("description").notNull(),
    /** Minor units of the store's currency. */
    price: integer("price").notNull(),
    /** An address given before uploads existed; `image` wins when both are set. */
    imageUrl: text("image_url"),
    /** The uploaded photo (a row of `images`). */
    image: json<ImageRef>("image"),
    tags: json<DietaryTag[]>("tags").notNull(),
    /** 0 = not spicy … 3 = very hot. */
    spiceLevel: integer("spice_level").notNull().default(0),
    allergens: json<Allergen[]>("allergens").notNull(),
    /** Staff-only dishes are never shown to guests. */
    staffOnly: integer("staff_only", { mode: "boolean" }).notNull().default(false),
    hidden: integer("hidden", { mode: "boolean" }).notNull().default(false),
    /** Empty = always available. */
    windows: json<TimeWindow[]>("windows").notNull(),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [index("menu_dishes_merchant_idx").on(t.merchantId, t.categoryId, t.position)],
);

export const optionGroups = sqliteTable(
  "menu_option_groups",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    dishId: text("dish_id").notNull().references(() => dishes.id),
    position: integer("position").notNull(),
    name: json<Translated>("name").notNull(),
    kind: text("kind").$type<"single" | "multiple">().notNull(),
    minSelect: integer("min_select").notNull().default(0),
    maxSelect: integer("max_select").notNull().default(1),
  },
  (t) => [index("menu_option_groups_merchant_idx").on(t.merchantId, t.dishId, t.position)],
);

export const options = sqliteTable(
  "menu_options",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    groupId: text("group_id").notNull().references(() => optionGroups.id),
    position: integer("position").notNull(),
    name: json<Translated>("name").notNull(),
    /** Added to the dish price, minor units; may be negative. */
    priceDelta: integer("price_delta").notNull().default(0),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("menu_options_merchant_idx").on(t.merchantId, t.groupId, t.position)],
);

/** A dish sold out at one store (until staff turn it back on). */
export const soldOut = sqliteTable(
  "menu_sold_out",
  {
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    storeId: text("store_id").notNull().references(() => stores.id),
    dishId: text("dish_id").notNull().references(() => dishes.id),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [uniqueIndex("menu_sold_out_pk").on(t.merchantId, t.storeId, t.dishId)],
);

export const tables = sqliteTable(
  "tables",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    storeId: text("store_id").notNull().references(() => stores.id),
    name: text("name").notNull(),
    area: text("area").notNull().default(""),
    seats: integer("seats").notNull().default(4),
    /** Unguessable code in the QR URL /q/<code>. */
    code: text("code").notNull(),
    createdAt: utcMillis("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("tables_code_uq").on(t.code),
    uniqueIndex("tables_store_name_uq").on(t.merchantId, t.storeId, t.name),
  ],
);

/** Codes replaced by a rotation: /q/<old code> answers "no longer in use". */
export const retiredTableCodes = sqliteTable("retired_table_codes", {
  code: text("code").primaryKey(),
  merchantId: text("merchant_id").notNull(),
  tableId: text("table_id").notNull(),
  retiredAt: utcMillis("retired_at").notNull(),
});
