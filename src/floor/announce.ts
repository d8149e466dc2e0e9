import { eq } from "drizzle-orm";
import type { Env } from "../env";
import { createDb } from "../db/client";
import { stores } from "../db/schema";
import { floorName } from "./names";

/**
 * Tells the open tables of a merchant's stores (or of the given stores) that the store changed:
 * suspended or reactivated, closed or reopened, admission settings edited. Each store's floor
 * object tells its open tables, which re-read the store from D1 at once, so a suspension stops
 * ordering without waiting for any cache. Never throws: the change is already in D1, and a
 * table that misses the push re-reads the store within its settings TTL.
 */
export async function announceStoreChange(env: Pick<Env, "DB" | "FLOOR">, merchantId: string, storeIds?: string[]): Promise<void> {
  try {
    const ids = storeIds ?? (await createDb(env.DB).select({ id: stores.id }).from(stores).where(eq(stores.merchantId, merchantId))).map((s) => s.id);
    await Promise.all(
      ids.map((storeId) =>
        env.FLOOR.getByName(floorName(merchantId, storeId))
          .storeChanged(merchantId, storeId)
          .catch((e: unknown) => console.warn("store change not announced to floor", storeId, String(e))),
      ),
    );
  } catch (e) {
    console.warn("store change not announced", merchantId, String(e));
  }
}
