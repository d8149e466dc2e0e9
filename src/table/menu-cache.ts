import { createDb } from "../db/client";
import { loadMenuSnapshot } from "../db/menu";
import { indexMenu, type MenuIndex } from "../domain/cart/pricing";
import type { MenuSnapshot } from "../domain/menu/snapshot";
import type { TableRef, TableStore } from "./store";

/**
 * How long a menu read is reused before an operation reads it again. Menu changes are pushed
 * (see `push`) the moment they are written, so this only bounds how long a lost push can leave
 * the table behind; a send always reads afresh.
 */
const MENU_TTL_MS = 5 * 60_000;

/**
 * The store's menu as a table object prices with it: pushed by the store's floor object on every
 * menu change, read from D1 at most every MENU_TTL_MS otherwise (or at once when asked for
 * `fresh`), with concurrent reads shared. A copy is kept in the object's storage so a restarted
 * object can price lines even while D1 is unreachable. `onChange` runs when the menu changed
 * (new version or sold-out set) so connected diners see it at once.
 */
export class TableMenu {
  private cached: { index: MenuIndex; at: number; signature: string } | null = null;
  private loading: Promise<MenuIndex> | null = null;
  /** D1 reads made by this object since it started (the push path makes none). */
  reads = 0;

  constructor(
    private readonly db: D1Database,
    private readonly store: TableStore,
    private readonly onChange: (before: MenuIndex | null, after: MenuIndex) => void,
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
        this.reads++;
        this.accept(menu);
        return this.cached!.index;
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

  /**
   * A menu the store's floor object read once for all its open tables. An older version than the
   * one held (a push overtaken by a fresh read) is ignored. True when it changed the menu.
   */
  push(menu: MenuSnapshot): boolean {
    if (this.cached && menu.version < this.cached.index.menu.version) return false;
    return this.accept(menu);
  }

  private accept(menu: MenuSnapshot): boolean {
    const signature = signatureOf(menu);
    const before = this.cached?.index ?? null;
    const changed = this.cached !== null && this.cached.signature !== signature;
    if (!this.cached || changed) this.store.setKv("menu", menu);
    this.cached = { index: changed || !this.cached ? indexMenu(menu) : this.cached.index, at: Date.now(), signature };
    if (changed) this.onChange(before, this.cached.index);
    return changed;
  }
}

function signatureOf(menu: MenuSnapshot): string {
  const soldOut = menu.categories.flatMap((c) => c.dishes.filter((d) => d.soldOut).map((d) => d.id)).sort();
  return `${menu.version}:${soldOut.join(",")}`;
}
