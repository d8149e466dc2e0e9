import type { Env } from "../../env";
import { floorName } from "../../floor/names";
import { createDb } from "../client";
import { TenantScope } from "../scope";
import { stores } from "../schema";

/** How long a menu write waits for open tables to be told before it answers. */
const ANNOUNCE_WAIT_MS = 3_000;

/**
 * Tells every open table of the merchant's stores (or of the given stores) that the menu just
 * changed, so open pages show the new prices and sold-out marks at once. Each store's floor
 * object reads the menu once and hands it to its open tables: one D1 read per store and change,
 * however many tables are open. Never throws: the menu write already happened, and a table that
 * misses this push still reads the menu again before it sends a round.
 */
export async function announceMenuChange(env: Pick<Env, "DB" | "FLOOR">, merchantId: string, storeIds?: string[]): Promise<void> {
  try {
    const ids = storeIds ?? (await new TenantScope(createDb(env.DB), merchantId).pick({ id: stores.id }, stores)).map((s) => s.id);
    const told = Promise.all(
      ids.map((storeId) =>
        env.FLOOR.getByName(floorName(merchantId, storeId))
          .menuChanged(merchantId, storeId)
          .catch((e: unknown) => console.warn("menu change not announced to floor", storeId, String(e))),
      ),
    );
    // The editor waits for the pages to be told (usually tens of milliseconds), but not for a
    // slow table: the floor carries on by itself.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([told, new Promise((resolve) => (timer = setTimeout(resolve, ANNOUNCE_WAIT_MS)))]);
    clearTimeout(timer);
  } catch (e) {
    console.warn("menu change not announced", merchantId, String(e));
  }
}
