/** Types of the menu API (src/http/routes/menu.ts) and the calls the editor makes. */
import { api, path } from "../../shared/api";

// The editor's shapes are the server's response schemas (src/api/menu.ts), derived, not copied.
import type { EditorMenu, Text } from "../../../src/api/menu";
export type { EditorMenu, MenuCategory, MenuDish, MenuGroup, MenuOption, MenuStore, Text, TimeWindow } from "../../../src/api/menu";

export const menuPath = (merchantId: string, rest = "") => path`/api/merchants/${merchantId}/menu` + rest;

export const loadMenu = (merchantId: string) => api<EditorMenu>("GET", menuPath(merchantId));

export const reorder = (merchantId: string, kind: "categories" | "dishes" | "option_groups" | "options", ids: string[], parentId?: string) =>
  api<{ version: number }>("PUT", menuPath(merchantId, "/order"), { kind, parentId, ids });

export const setSoldOut = (merchantId: string, dishId: string, storeId: string, soldOut: boolean) =>
  api<{ soldOut: boolean; version: number }>("PUT", menuPath(merchantId, path`/dishes/${dishId}/sold-out`), { storeId, soldOut });

/** The label of a text in the first language that has it. */
export const label = (text: Text, languages: string[]) => languages.map((l) => text[l]).find(Boolean) ?? Object.values(text).find(Boolean) ?? "";

/** Moves item `index` by `delta` places; returns the new id order, or null at an edge. */
export function moved<T extends { id: string }>(list: T[], index: number, delta: number): string[] | null {
  const to = index + delta;
  if (to < 0 || to >= list.length) return null;
  const ids = list.map((x) => x.id);
  [ids[index], ids[to]] = [ids[to]!, ids[index]!];
  return ids;
}

export const DAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
export const TAG_LABELS: Record<string, string> = { vegetarian: "Vegetarian", vegan: "Vegan", halal: "Halal", gluten_free: "Gluten-free" };
export const ALLERGEN_LABELS: Record<string, string> = {
  gluten: "Gluten", crustaceans: "Crustaceans", eggs: "Eggs", fish: "Fish", peanuts: "Peanuts", soybeans: "Soy", milk: "Milk",
  nuts: "Tree nuts", celery: "Celery", mustard: "Mustard", sesame: "Sesame", sulphites: "Sulphites", lupin: "Lupin", molluscs: "Molluscs",
};
export const SPICE_LABELS = ["Not spicy", "Mild", "Medium", "Hot"];
