import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { findTableByCode } from "../db/menu/table-lookup";
import { TenantScope } from "../db/scope";
import { merchants, stores, type Branding, type MerchantStatus, type StoreStatus } from "../db/schema";
import { codeKey, getJson, merchantKey, putJson, slugKey } from "./cache";

/** What a guest page needs to know about a merchant before it touches the menu. */
export interface MerchantContext {
  id: string;
  name: string;
  slug: string;
  status: MerchantStatus;
  languages: string[];
  branding: Branding;
  version: number;
  stores: StoreContext[];
}

export interface StoreContext {
  id: string;
  name: string;
  slug: string;
  status: StoreStatus;
  currency: string;
  timeZone: string;
  address: string;
}

export type CodePointer =
  | { kind: "table"; merchantId: string; storeId: string; tableId: string; tableName: string }
  | { kind: "retired"; merchantId: string };

/** The merchant with its stores, from the cache or one D1 round trip. */
export async function merchantContext(db: Db, merchantId: string): Promise<MerchantContext | null> {
  const cached = await getJson<MerchantContext>(merchantKey(merchantId));
  if (cached) return cached;
  const scope = new TenantScope(db, merchantId);
  const [merchantRows, storeRows] = await scope.batchRead([scope.merchant(), scope.select(stores, undefined, { orderBy: [asc(stores.createdAt), asc(stores.id)] })] as const);
  const m = merchantRows[0];
  if (!m) return null;
  const ctx: MerchantContext = {
    id: m.id,
    name: m.name,
    slug: m.slug,
    status: m.status,
    languages: m.languages,
    branding: m.branding ?? {},
    version: m.menuVersion,
    stores: storeRows.map((s) => ({ id: s.id, name: s.name, slug: s.slug, status: s.status, currency: s.currency, timeZone: s.timeZone, address: s.address })),
  };
  await putJson(merchantKey(merchantId), ctx);
  return ctx;
}

/** A QR code's table (or its retirement), from the cache or D1; null for an unknown code. */
export async function codePointer(db: Db, code: string): Promise<CodePointer | null> {
  const cached = await getJson<CodePointer>(codeKey(code));
  if (cached) return cached;
  const found = await findTableByCode(db, code);
  if (!found) return null;
  const pointer: CodePointer =
    found.kind === "retired"
      ? { kind: "retired", merchantId: found.merchantId }
      : { kind: "table", merchantId: found.merchant.id, storeId: found.store.id, tableId: found.table.id, tableName: found.table.name };
  await putJson(codeKey(code), pointer);
  return pointer;
}

/** A public slug to its merchant id, from the cache or D1. */
export async function merchantIdForSlug(db: Db, slug: string): Promise<string | null> {
  const cached = await getJson<{ id: string }>(slugKey(slug));
  if (cached) return cached.id;
  const [row] = await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.slug, slug)).limit(1);
  if (!row) return null;
  await putJson(slugKey(slug), { id: row.id });
  return row.id;
}
