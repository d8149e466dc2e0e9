import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { merchants, retiredTableCodes, stores, tables } from "../schema";

type TableRow = typeof tables.$inferSelect;
type StoreRow = typeof stores.$inferSelect;
type MerchantRow = typeof merchants.$inferSelect;

export type TableLookup =
  | { kind: "table"; table: TableRow; store: StoreRow; merchant: MerchantRow }
  /** The code was replaced by a rotation: the old QR must say "no longer in use". */
  | { kind: "retired"; code: string; merchantId: string; tableId: string; retiredAt: number };

/** Table codes are base32 (Crockford, lower case); anything else is not worth a query. */
export const TABLE_CODE_PATTERN = /^[0-9a-z]{6,32}$/;

/**
 * Public lookup of a QR code `/q/<code>`: the table with its store and merchant, a "retired"
 * marker for a code replaced by a rotation, or null for an unknown code. One D1 query for a
 * live code, two otherwise.
 *
 * Not tenant-scoped on purpose: the unguessable code is what identifies the tenant here.
 * The caller decides what a suspended merchant or a closed store means for it.
 */
export async function findTableByCode(db: Db, code: string): Promise<TableLookup | null> {
  if (!TABLE_CODE_PATTERN.test(code)) return null;
  // Not in a batch: drizzle maps joined rows by position only outside db.batch() on D1.
  const [row] = await db
    .select({ table: tables, store: stores, merchant: merchants })
    .from(tables)
    .innerJoin(stores, eq(stores.id, tables.storeId))
    .innerJoin(merchants, eq(merchants.id, tables.merchantId))
    .where(eq(tables.code, code))
    .limit(1);
  if (row && row.store.merchantId === row.merchant.id) return { kind: "table", ...row };
  const [old] = await db.select().from(retiredTableCodes).where(eq(retiredTableCodes.code, code)).limit(1);
  if (old) return { kind: "retired", code: old.code, merchantId: old.merchantId, tableId: old.tableId, retiredAt: old.retiredAt };
  return null;
}
