import { asc, eq, getTableColumns, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { TenantScope } from "../scope";
import { categories, dishes, optionGroups, options, soldOut, stores, type Allergen, type DietaryTag, type TimeWindow, type Translated } from "../schema";
import { newId } from "../../domain/ids";
import type { OptionGroupInputT } from "../../api/menu-input";
import type { ImageRef } from "../../domain/images/types";

export type Statement = BatchItem<"sqlite">;

export interface EditorOption {
  id: string;
  position: number;
  name: Translated;
  priceDelta: number;
  isDefault: boolean;
}
export interface EditorGroup {
  id: string;
  position: number;
  name: Translated;
  kind: "single" | "multiple";
  minSelect: number;
  maxSelect: number;
  options: EditorOption[];
}
export interface EditorDish {
  id: string;
  categoryId: string;
  position: number;
  name: Translated;
  description: Translated;
  price: number;
  imageUrl: string | null;
  image: ImageRef | null;
  tags: DietaryTag[];
  spiceLevel: number;
  allergens: Allergen[];
  staffOnly: boolean;
  hidden: boolean;
  windows: TimeWindow[];
  optionGroups: EditorGroup[];
  /** Stores where this dish is sold out right now. */
  soldOutStoreIds: string[];
}

/** An option group as the editor sends it back (ids kept), e.g. to replace a dish's groups. */
export const groupInput = (g: EditorDish["optionGroups"][number]): OptionGroupInputT => ({
  id: g.id,
  name: g.name,
  kind: g.kind,
  minSelect: g.minSelect,
  maxSelect: g.maxSelect,
  options: g.options.map((o) => ({ id: o.id, name: o.name, priceDelta: o.priceDelta, isDefault: o.isDefault })),
});
export interface EditorCategory {
  id: string;
  position: number;
  name: Translated;
  description: Translated;
  station: string;
  hidden: boolean;
  dishes: EditorDish[];
}
export interface EditorMenu {
  merchantId: string;
  version: number;
  languages: string[];
  stores: { id: string; name: string; slug: string; currency: string; timeZone: string }[];
  categories: EditorCategory[];
}

/** The statement that bumps the menu version; every menu write puts it in its batch. */
export const bumpMenuVersion = (scope: TenantScope) => scope.bumpMenuVersion();

export async function readMenuVersion(scope: TenantScope): Promise<number> {
  const [row] = await scope.menuVersion();
  return row?.v ?? 0;
}

export async function merchantLanguages(scope: TenantScope): Promise<string[]> {
  return (await scope.merchantRow())?.languages ?? [];
}

/** Everything the console's menu editor shows, hidden items included, in one D1 round trip. */
export async function loadEditorMenu(scope: TenantScope): Promise<EditorMenu> {
  const [merchantRows, storeRows, categoryRows, dishRows, groupRows, optionRows, soldOutRows] = await scope.batchRead([
    scope.merchant(),
    scope.select(stores, undefined, { orderBy: [asc(stores.createdAt)] }),
    scope.select(categories, undefined, { orderBy: [asc(categories.position), asc(categories.id)] }),
    scope.select(dishes, undefined, { orderBy: [asc(dishes.position), asc(dishes.id)] }),
    scope.select(optionGroups, undefined, { orderBy: [asc(optionGroups.position), asc(optionGroups.id)] }),
    scope.select(options, undefined, { orderBy: [asc(options.position), asc(options.id)] }),
    scope.select(soldOut),
  ] as const);
  const merchant = merchantRows[0]!;
  const groups = assembleGroups(groupRows, optionRows);
  const soldOutBy = new Map<string, string[]>();
  for (const s of soldOutRows) soldOutBy.set(s.dishId, [...(soldOutBy.get(s.dishId) ?? []), s.storeId]);
  const dishesBy = new Map<string, EditorDish[]>();
  for (const d of dishRows) {
    const { merchantId: _m, createdAt: _c, ...rest } = d;
    const list = dishesBy.get(d.categoryId) ?? [];
    list.push({ ...rest, optionGroups: groups.get(d.id) ?? [], soldOutStoreIds: soldOutBy.get(d.id) ?? [] });
    dishesBy.set(d.categoryId, list);
  }
  return {
    merchantId: scope.merchantId,
    version: merchant.menuVersion,
    languages: merchant.languages,
    stores: storeRows.map((s) => ({ id: s.id, name: s.name, slug: s.slug, currency: s.currency, timeZone: s.timeZone })),
    categories: categoryRows.map((c) => ({
      id: c.id,
      position: c.position,
      name: c.name,
      description: c.description,
      station: c.station,
      hidden: c.hidden,
      dishes: dishesBy.get(c.id) ?? [],
    })),
  };
}

function assembleGroups(groupRows: (typeof optionGroups.$inferSelect)[], optionRows: (typeof options.$inferSelect)[]) {
  const optionsBy = new Map<string, EditorOption[]>();
  for (const o of optionRows) {
    optionsBy.set(o.groupId, [...(optionsBy.get(o.groupId) ?? []), { id: o.id, position: o.position, name: o.name, priceDelta: o.priceDelta, isDefault: o.isDefault }]);
  }
  const groups = new Map<string, EditorGroup[]>();
  for (const g of groupRows) {
    const group: EditorGroup = { id: g.id, position: g.position, name: g.name, kind: g.kind, minSelect: g.minSelect, maxSelect: g.maxSelect, options: optionsBy.get(g.id) ?? [] };
    groups.set(g.dishId, [...(groups.get(g.dishId) ?? []), group]);
  }
  return groups;
}

/** One dish of this tenant with its groups and options, or undefined. */
export async function loadEditorDish(scope: TenantScope, dishId: string): Promise<EditorDish | undefined> {
  const [dishRows, groupRows, soldOutRows] = await scope.batchRead([
    scope.select(dishes, eq(dishes.id, dishId), { limit: 1 }),
    scope.select(optionGroups, eq(optionGroups.dishId, dishId), { orderBy: [asc(optionGroups.position), asc(optionGroups.id)] }),
    scope.select(soldOut, eq(soldOut.dishId, dishId)),
  ] as const);
  const d = dishRows[0];
  if (!d) return undefined;
  const groupIds = groupRows.map((g) => g.id);
  const optionRows = groupIds.length
    ? await scope.select(options, inArray(options.groupId, groupIds), { orderBy: [asc(options.position), asc(options.id)] })
    : [];
  const { merchantId: _m, createdAt: _c, ...rest } = d;
  return { ...rest, optionGroups: assembleGroups(groupRows, optionRows).get(d.id) ?? [], soldOutStoreIds: soldOutRows.map((s) => s.storeId) };
}

/**
 * Statements that replace a dish's option groups and options with `groups`. Ids that already
 * belong to this dish are kept (so carts that reference them stay valid); others get new ids.
 */
export function replaceGroupsStatements(scope: TenantScope, dishId: string, groups: OptionGroupInputT[], existing: EditorGroup[]): Statement[] {
  const ownGroupIds = new Set(existing.map((g) => g.id));
  const ownOptionIds = new Set(existing.flatMap((g) => g.options.map((o) => o.id)));
  const usedIds = new Set<string>();
  const keep = (id: string | undefined, own: Set<string>, prefix: string) => {
    const chosen = id && own.has(id) && !usedIds.has(id) ? id : newId(prefix);
    usedIds.add(chosen);
    return chosen;
  };
  const groupRows: Omit<typeof optionGroups.$inferInsert, "merchantId">[] = [];
  const optionRows: Omit<typeof options.$inferInsert, "merchantId">[] = [];
  groups.forEach((g, gi) => {
    const groupId = keep(g.id, ownGroupIds, "grp");
    groupRows.push({ id: groupId, dishId, position: gi, name: g.name, kind: g.kind, minSelect: g.minSelect, maxSelect: g.maxSelect });
    g.options.forEach((o, oi) => {
      optionRows.push({ id: keep(o.id, ownOptionIds, "opt"), groupId, position: oi, name: o.name, priceDelta: o.priceDelta, isDefault: o.isDefault });
    });
  });
  const statements: Statement[] = [];
  if (existing.length) {
    statements.push(scope.delete(options, inArray(options.groupId, existing.map((g) => g.id))));
    statements.push(scope.delete(optionGroups, eq(optionGroups.dishId, dishId)));
  }
  statements.push(...insertChunks(scope, optionGroups, groupRows), ...insertChunks(scope, options, optionRows));
  return statements;
}

/** D1 binds at most 100 parameters per statement: split multi-row inserts accordingly. */
export function insertChunks<T extends Parameters<TenantScope["insertMany"]>[0]>(
  scope: TenantScope,
  table: T,
  rows: Omit<T["$inferInsert"], "merchantId">[],
): Statement[] {
  const perStatement = Math.max(1, Math.floor(100 / Object.keys(getTableColumns(table)).length));
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) out.push(scope.insertMany(table, rows.slice(i, i + perStatement)));
  return out;
}

/** Statements that remove a dish and everything hanging off it. */
export function deleteDishStatements(scope: TenantScope, dish: Pick<EditorDish, "id" | "optionGroups">): Statement[] {
  const groupIds = dish.optionGroups.map((g) => g.id);
  return [
    scope.delete(soldOut, eq(soldOut.dishId, dish.id)),
    ...(groupIds.length ? [scope.delete(options, inArray(options.groupId, groupIds))] : []),
    scope.delete(optionGroups, eq(optionGroups.dishId, dish.id)),
    scope.delete(dishes, eq(dishes.id, dish.id)),
  ];
}
