import { eq } from "drizzle-orm";
import type { TenantScope } from "../scope";
import { categories, dishes, optionGroups, options, soldOut } from "../schema";
import { newId } from "../../domain/ids";
import type { MenuDocumentT } from "../../api/menu-input";
import { objectKey, type ImageRef } from "../../domain/images/types";
import { groupInput, insertChunks, loadEditorMenu, type EditorMenu, type Statement } from "./editor";

/** The whole menu as a `tableside.menu` document (ids included, so a re-import keeps them). */
export async function exportMenu(scope: TenantScope, media: R2Bucket): Promise<MenuDocumentT> {
  const menu = await loadEditorMenu(scope);
  const files = await readDishImages(scope.merchantId, media, menu);
  return {
    format: "tableside.menu",
    formatVersion: 1,
    languages: menu.languages,
    currency: menu.stores[0]?.currency,
    exportedAt: new Date().toISOString(),
    categories: menu.categories.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      station: c.station,
      hidden: c.hidden,
      dishes: c.dishes.map((d) => ({
        id: d.id,
        name: d.name,
        description: d.description,
        price: d.price,
        imageUrl: d.imageUrl,
        tags: d.tags,
        spiceLevel: d.spiceLevel,
        allergens: d.allergens,
        staffOnly: d.staffOnly,
        hidden: d.hidden,
        windows: d.windows,
        optionGroups: d.optionGroups.map(groupInput),
        image: files.get(d.id) ?? null,
      })),
    })),
  };
}

/**
 * Statements that replace the tenant's whole menu with `doc`, to run in one batch (all or
 * nothing). An id in the document is kept when it already names an item of the same kind in this
 * menu, so live carts and sold-out marks of kept dishes survive; any other id is replaced.
 */
export function importStatements(scope: TenantScope, doc: MenuDocumentT, current: EditorMenu, images: Map<string, ImageRef> = new Map()): Statement[] {
  const own = {
    cat: new Set(current.categories.map((c) => c.id)),
    dsh: new Set(current.categories.flatMap((c) => c.dishes.map((d) => d.id))),
    grp: new Set(current.categories.flatMap((c) => c.dishes.flatMap((d) => d.optionGroups.map((g) => g.id)))),
    opt: new Set(current.categories.flatMap((c) => c.dishes.flatMap((d) => d.optionGroups.flatMap((g) => g.options.map((o) => o.id))))),
  };
  const used = new Set<string>();
  const idFor = (id: string | undefined, prefix: keyof typeof own) => {
    const chosen = id && own[prefix].has(id) && !used.has(id) ? id : newId(prefix);
    used.add(chosen);
    return chosen;
  };
  const now = Date.now();
  const categoryRows: Omit<typeof categories.$inferInsert, "merchantId">[] = [];
  const dishRows: Omit<typeof dishes.$inferInsert, "merchantId">[] = [];
  const groupRows: Omit<typeof optionGroups.$inferInsert, "merchantId">[] = [];
  const optionRows: Omit<typeof options.$inferInsert, "merchantId">[] = [];
  doc.categories.forEach((c, ci) => {
    const categoryId = idFor(c.id, "cat");
    categoryRows.push({ id: categoryId, position: ci, name: c.name, description: c.description, station: c.station, hidden: c.hidden, createdAt: now });
    c.dishes.forEach((d, di) => {
      const dishId = idFor(d.id, "dsh");
      const { id: _id, optionGroups: groups, image: _files, ...fields } = d;
      const image = images.get(`${ci}.${di}`) ?? null;
      dishRows.push({ ...(fields as Omit<typeof dishes.$inferInsert, "merchantId" | "id" | "categoryId" | "position" | "createdAt">), image, id: dishId, categoryId, position: di, createdAt: now });
      groups.forEach((g, gi) => {
        const groupId = idFor(g.id, "grp");
        groupRows.push({ id: groupId, dishId, position: gi, name: g.name, kind: g.kind, minSelect: g.minSelect, maxSelect: g.maxSelect });
        g.options.forEach((o, oi) => {
          optionRows.push({ id: idFor(o.id, "opt"), groupId, position: oi, name: o.name, priceDelta: o.priceDelta, isDefault: o.isDefault });
        });
      });
    });
  });
  const keptSoldOut = current.categories
    .flatMap((c) => c.dishes)
    .filter((d) => used.has(d.id))
    .flatMap((d) => d.soldOutStoreIds.map((storeId) => ({ storeId, dishId: d.id, createdAt: now })));
  return [
    scope.delete(soldOut),
    scope.delete(options),
    scope.delete(optionGroups),
    scope.delete(dishes),
    scope.delete(categories),
    ...insertChunks(scope, categories, categoryRows),
    ...insertChunks(scope, dishes, dishRows),
    ...insertChunks(scope, optionGroups, groupRows),
    ...insertChunks(scope, options, optionRows),
    ...insertChunks(scope, soldOut, keptSoldOut),
  ];
}

/** Each dish photo's files (every stored width, smallest first) as base64, by dish id. */
async function readDishImages(merchantId: string, media: R2Bucket, menu: EditorMenu): Promise<Map<string, { files: string[] }>> {
  const out = new Map<string, { files: string[] }>();
  const withImage = menu.categories.flatMap((c) => c.dishes).filter((d) => d.image);
  await Promise.all(
    withImage.map(async (d) => {
      const ref = d.image!;
      const files = await Promise.all(ref.widths.map(async (w) => (await media.get(objectKey(merchantId, ref, w)))?.arrayBuffer()));
      if (files.every(Boolean)) out.set(d.id, { files: files.map((f) => toBase64(new Uint8Array(f!))) });
    }),
  );
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export const menuVersionOf = async (scope: TenantScope) => (await scope.menuVersion())[0]?.v ?? 0;
