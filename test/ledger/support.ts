import { env } from "cloudflare:workers";
import { createDb } from "../../src/db/client";
import { createLedgerDb, type LedgerDb } from "../../src/db/ledger/client";
import { ledgerDatabase, placementOf } from "../../src/db/ledger/placement";
import type { LedgerScope } from "../../src/db/ledger/scope";
import { TenantScope } from "../../src/db/scope";

/** Where the control plane says a merchant's ledger is. */
export const placementOfMerchant = (merchantId: string): Promise<number> => placementOf(createDb(env.DB), merchantId);

/** The ledger D1 database a merchant is placed in, raw: tests look at rows where they physically are. */
export async function ledgerD1Of(merchantId: string): Promise<D1Database> {
  return ledgerDatabase(await placementOfMerchant(merchantId), env);
}

/** A drizzle client over the merchant's ledger database (no tenant filter). */
export async function ledgerDbOf(merchantId: string): Promise<LedgerDb> {
  return createLedgerDb(await ledgerD1Of(merchantId));
}

/** The merchant's ledger as the application reaches it: through its tenant scope. */
export function ledgerScopeOf(merchantId: string): Promise<LedgerScope> {
  return new TenantScope(createDb(env.DB), merchantId).ledger();
}
