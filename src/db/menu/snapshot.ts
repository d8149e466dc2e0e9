import { asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { TenantScope } from "../scope";
import { categories, dishes, optionGroups, options, soldOut, stores } from "../schema";
import type { MenuCategory, MenuDish, MenuOptionGroup, MenuSnapshot } from "../../domain/menu/snapshot";

/**
 * Reads one store's menu in a single D1 round trip (one batch) and returns it as a
 * `MenuSnapshot` stamped with `merchants.menu_version`.
 *
 * - Hidden categories and hidden dishes are left out entirely (nobody can order them).
 * - Staff-only dishes are included with `staffOnly: true`; guest views must drop them
 *   (see `guestView` in src/domain/menu/availability.ts).
 * - Sold-out state is the given store's; time windows are returned as data, to be checked
 *   against the store's time zone with `isAvailableAt`.
 *
 * Throws `MenuNotFoundError` when the merchant or the store (of that merchant) does not exist.
 * Called by the guest pages and by the table Durable Object to price cart lines.
 */
export async function loadMenuSnapshot(db: Db, merchantId: string, storeId: string): Promise<MenuSnapshot> {
  const scope = new TenantScope(db, merchantId);
  const [merchantRows, storeRows, categoryRows, dishRows, groupRows, optionRows, soldOutRows] = await scope.batchRead([
    scope.merchant(),
    scope.select(stores, eq(stores.id, storeId), { limit: 1 }),
    scope.select(categories, undefined, { orderBy: [asc(categories.position), asc(categories.id)] }),
    scope.select(dishes, undefined, { orderBy: [asc(dishes.position), asc(dishes.id)] }),
    scope.select(optionGroups, undefined, { orderBy: [asc(optionGroups.position), asc(optionGroups.id)] }),
    scope.select(options, undefined, { orderBy: [asc(options.position), asc(options.id)] }),
    scope.pick({ dishId: soldOut.dishId }, soldOut, eq(soldOut.storeId, storeId)),
  ] as const);
  const merchant = merchantRows[0];
  const store = storeRows[0];
  if (!merchant || !store) throw new MenuNotFoundError(merchantId, storeId);

  const soldOutIds = new Set(soldOutRows.map((r) => r.dishId));
  const optionsByGroup = groupBy(optionRows, (o) => o.groupId);
  const groupsByDish = new Map<string, MenuOptionGroup[]>();
  for (const g of groupRows) {
    const list = groupsByDish.get(g.dishId) ?? [];
    list.push({
      id: g.id,
      name: g.name,
      kind: g.kind,
      minSelect: g.minSelect,
      maxSelect: g.maxSelect,
      options: (optionsByGroup.get(g.id) ?? []).map((o) => ({ id: o.id, name: o.name, priceDelta: o.priceDelta, isDefault: o.isDefault })),
    });
    groupsByDish.set(g.dishId, list);
  }
  const dishesByCategory = new Map<string, MenuDish[]>();
  for (const d of dishRows) {
    if (d.hidden) continue;
    const list = dishesByCategory.get(d.categoryId) ?? [];
    list.push({
      id: d.id,
      categoryId: d.categoryId,
      name: d.name,
      description: d.description,
      price: d.price,
      imageUrl: d.imageUrl,
      image: d.image,
      tags: d.tags,
      spiceLevel: d.spiceLevel,
      allergens: d.allergens,
      staffOnly: d.staffOnly,
      soldOut: soldOutIds.has(d.id),
      windows: d.windows,
      optionGroups: groupsByDish.get(d.id) ?? [],
    });
    dishesByCategory.set(d.categoryId, list);
  }
  const cats: MenuCategory[] = categoryRows
    .filter((c) => !c.hidden)
    .map((c) => ({ id: c.id, name: c.name, description: c.description, station: c.station, dishes: dishesByCategory.get(c.id) ?? [] }));

  return {
    merchantId,
    storeId,
    version: merchant.menuVersion,
    currency: store.currency,
    languages: merchant.languages.length ? merchant.languages : store.languages,
    timeZone: store.timeZone,
    categories: cats,
  };
}

/** The merchant or store asked for does not exist (or the store is another merchant's). */
export class MenuNotFoundError extends Error {
  constructor(
    readonly merchantId: string,
    readonly storeId: string,
  ) {
    super(`No menu for merchant ${merchantId}, store ${storeId}.`);
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
