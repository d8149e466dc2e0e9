import type { Db } from "../client";

/** Owned by the menus work: the demo restaurant's menu (placeholder until it lands). */
export async function seedDemoMenu(_db: Db, _merchantId: string, _storeId: string): Promise<void> {}
