import type { Allergen, DietaryTag, TimeWindow, Translated } from "./types";
import type { ImageRef } from "../images/types";

/**
 * Everything needed to show and price a store's menu, read from D1 in one go and cached by
 * (merchant, store, menu version). Guest pages render it; the table Durable Object prices cart
 * lines from it, so a price a client sends is never trusted.
 */
export interface MenuSnapshot {
  merchantId: string;
  storeId: string;
  /** merchants.menu_version at the time of reading. */
  version: number;
  currency: string;
  /** The merchant's menu languages; the first is the fallback. */
  languages: string[];
  timeZone: string;
  categories: MenuCategory[];
}

export interface MenuCategory {
  id: string;
  name: Translated;
  description: Translated;
  station: string;
  /** Dishes in display order, including sold-out ones (guests see them dimmed). */
  dishes: MenuDish[];
}

export interface MenuDish {
  id: string;
  categoryId: string;
  name: Translated;
  description: Translated;
  /** Minor units of `MenuSnapshot.currency`. */
  price: number;
  imageUrl: string | null;
  /** The uploaded photo; wins over `imageUrl`. */
  image?: ImageRef | null;
  tags: DietaryTag[];
  spiceLevel: number;
  allergens: Allergen[];
  staffOnly: boolean;
  /** Sold out at this store right now. */
  soldOut: boolean;
  /** Empty = always; otherwise orderable only inside one of these local-time windows. */
  windows: TimeWindow[];
  optionGroups: MenuOptionGroup[];
}

export interface MenuOptionGroup {
  id: string;
  name: Translated;
  kind: "single" | "multiple";
  minSelect: number;
  maxSelect: number;
  options: MenuOption[];
}

export interface MenuOption {
  id: string;
  name: Translated;
  priceDelta: number;
  isDefault: boolean;
}
