import { eq } from "drizzle-orm";
import type { TenantScope } from "../db/scope";
import { stores } from "../db/schema";
import { announceStoreChange } from "../floor/announce";
import { checkPaymentSettings, DEFAULT_PAYMENT_SETTINGS, type PaymentSettings } from "../domain/payments/settings";
import type { TenantCall } from "./actor";
import { commit } from "./commit";
import { invalid, notFound } from "./errors";

export interface StorePaymentSettings {
  settings: PaymentSettings;
  /** The store never saved its own: the defaults apply. */
  isDefault: boolean;
  currency: string;
}

async function storeRow(scope: TenantScope, storeId: string) {
  const [store] = await scope.pick({ id: stores.id, currency: stores.currency, paymentSettings: stores.paymentSettings }, stores, eq(stores.id, storeId));
  if (!store) throw notFound("Store");
  return store;
}

/** A store's payment settings (the defaults while it has none of its own). */
export async function getPaymentSettings(scope: TenantScope, storeId: string): Promise<StorePaymentSettings> {
  const store = await storeRow(scope, storeId);
  return { settings: store.paymentSettings ?? DEFAULT_PAYMENT_SETTINGS, isDefault: store.paymentSettings === null, currency: store.currency };
}

/**
 * Changes the fields named in `patch` and keeps the others, checks the whole result with the
 * payment domain's rules, saves it with its audit entry in one batch, then tells the store's open
 * tables to re-read their store (new tax, tips or wallets apply to the next quote).
 */
export async function updatePaymentSettings(call: TenantCall, storeId: string, patch: Partial<PaymentSettings>): Promise<StorePaymentSettings> {
  const { scope } = call;
  const store = await storeRow(scope, storeId);
  const current = store.paymentSettings ?? DEFAULT_PAYMENT_SETTINGS;
  const named = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<PaymentSettings>;
  const checked = checkPaymentSettings({ ...current, ...named });
  if (!checked.ok) throw invalid(checked.error.code, checked.error.message, checked.error.details);
  await commit(call, [scope.update(stores, { paymentSettings: checked.value }, eq(stores.id, storeId))], {
    audit: { action: "store.payment_settings.updated", target: storeId, data: { changed: Object.keys(named), settings: checked.value } },
  });
  await announceStoreChange(call.env, scope.merchantId, [storeId]);
  return { settings: checked.value, isDefault: false, currency: store.currency };
}
