/** What a reorder can rearrange: the categories, or the children of one parent. */
export type ReorderKind = "categories" | "dishes" | "option_groups" | "options";

/** Every kind but the categories names its parent (the category, dish or group). */
export const needsParent = (kind: ReorderKind): boolean => kind !== "categories";

/** A new order is valid when it lists every current child exactly once, and nothing else. */
export function isPermutation(current: readonly string[], ids: readonly string[]): boolean {
  const own = new Set(current);
  return ids.length === own.size && new Set(ids).size === ids.length && ids.every((id) => own.has(id));
}
