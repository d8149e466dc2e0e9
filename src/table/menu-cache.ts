import { createDb } from "../db/client";
import { loadMenuSnapshot } from "../db/menu";
import { indexMenu, type MenuIndex } from "../domain/cart/pricing";
import type { MenuSnapshot } from "../domain/menu/snapshot";
import type { TableRef, TableStore } from "./store";

/** How long a menu read is reused before the next operation reads it again. */
const MENU_TTL_MS = 20_000;

/**
 * The store's menu as a table object prices with it: read from D1 at most every MENU_TTL_MS (or
 * at once when asked for `fresh`), with concurrent reads shared. A copy is kept in the object's
 * storage so a restarted object can price lines even while D1 is unreachable. `onChange` runs
 * when the menu changed (new version or sold-out set) so connected diners get a fresh snapshot.
 */
export class TableMenu {
  private cached: { index: MenuIndex; at: number; signature: string } | null = null;
  private loading: Promise<MenuIndex> | null = null;

  constructor(
    private readonly db: D1Database,
    private readonly store: TableStore,
    private readonly onChange: () => void,
  ) {
    const saved = store.getKv<MenuSnapshot>("menu");
    if (saved) this.cached = { index: indexMenu(saved), at: 0, signature: signatureOf(saved) };
  }

  /** The last menu read, without reading again. */
  get current(): MenuIndex | null {
    return this.cached?.index ?? null;
  }

  async get(ref: TableRef | null, fresh = false): Promise<MenuIndex | null> {
    const cached = this.cached;
    if (cached && !fresh && Date.now() - cached.at < MENU_TTL_MS) return cached.index;
    if (!ref) return cached?.index ?? null;
    this.loading ??= loadMenuSnapshot(createDb(this.db), ref.merchantId, ref.storeId)
      .then((menu) => {
        const signature = signatureOf(menu);
        const changed = this.cached !== null && this.cached.signature !== signature;
        if (!this.cached || changed) this.store.setKv("menu", menu);
        this.cached = { index: indexMenu(menu), at: Date.now(), signature };
        if (changed) this.onChange();
        return this.cached.index;
      })
      .finally(() => {
        this.loading = null;
      });
    try {
      return await this.loading;
    } catch (e) {
      console.warn("menu read failed", String(e));
      return this.cached?.index ?? null;
    }
  }
}

function signatureOf(menu: MenuSnapshot): string {
  const soldOut = menu.categories.flatMap((c) => c.dishes.filter((d) => d.soldOut).map((d) => d.id)).sort();
  return `${menu.version}:${soldOut.join(",")}`;
}
