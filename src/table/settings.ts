/** Store settings the table object acts on, read from D1 (cached briefly; a push from the floor refreshes it at once). */
import { and, eq } from "drizzle-orm";
import { createDb } from "../db/client";
import { merchants, stores } from "../db/schema";
import type { Admission } from "../domain/table/admission";
import { DEFAULT_PAYMENT_SETTINGS, type PaymentSettings } from "../domain/payments/settings";
import type { PausedReason } from "./protocol";
import type { TableRef } from "./store";

export interface StoreSettings {
  admission: Admission;
  confirmFirstRound: boolean;
  requireAllConfirm: boolean;
  currency: string | null;
  paused: PausedReason | null;
  payment: PaymentSettings;
  at: number;
}

/** Store settings (admission, suspension) are re-read at least this often while guests act. */
const SETTINGS_TTL_MS = 20_000;

export class SettingsCache {
  private cached: StoreSettings | null = null;

  constructor(
    private readonly db: D1Database,
    /** Told what a read found about the pause (the object tells diners and the board when it changed). */
    private readonly onPaused: (paused: PausedReason | null) => void,
  ) {}

  /** The payment settings last read (the defaults before the first read). */
  get payment(): PaymentSettings {
    return this.cached?.payment ?? DEFAULT_PAYMENT_SETTINGS;
  }

  /**
   * The store's settings and whether ordering is paused, from D1 at most every SETTINGS_TTL_MS
   * (at once when `fresh`). A D1 failure keeps what is known (defaults before anything was read).
   */
  async get(ref: TableRef | null, knownPaused: PausedReason | null, fresh = false): Promise<StoreSettings> {
    const cached = this.cached;
    if (cached && !fresh && Date.now() - cached.at < SETTINGS_TTL_MS) return cached;
    if (!ref) return cached ?? defaultSettings(knownPaused);
    try {
      const [row] = await createDb(this.db)
        .select({ store: stores, merchantStatus: merchants.status })
        .from(stores)
        .innerJoin(merchants, eq(merchants.id, stores.merchantId))
        .where(and(eq(stores.id, ref.storeId), eq(stores.merchantId, ref.merchantId)))
        .limit(1);
      const paused: PausedReason | null = !row || row.merchantStatus !== "active" ? "merchant_suspended" : row.store.status !== "open" ? "store_closed" : null;
      this.cached = {
        admission: row?.store.admission ?? "party",
        confirmFirstRound: row?.store.confirmFirstRound ?? false,
        requireAllConfirm: row?.store.requireAllConfirm ?? false,
        currency: row?.store.currency ?? null,
        payment: row?.store.paymentSettings ?? DEFAULT_PAYMENT_SETTINGS,
        paused,
        at: Date.now(),
      };
      this.onPaused(paused);
    } catch (e) {
      console.warn("store settings read failed", String(e));
      return cached ?? defaultSettings(knownPaused);
    }
    return this.cached;
  }
}

const defaultSettings = (paused: PausedReason | null): StoreSettings => ({
  admission: "party",
  confirmFirstRound: false,
  requireAllConfirm: false,
  currency: null,
  paused,
  payment: DEFAULT_PAYMENT_SETTINGS,
  at: 0,
});
