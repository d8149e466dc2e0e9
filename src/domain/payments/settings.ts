/**
 * A store's payment settings, as the payment domain reads them. The control plane stores and
 * edits them (validated at the edge); `checkPaymentSettings` states the rules once so the edge
 * schema and the domain agree.
 */
import { BP, isBp } from "./money";
import { DEFAULT_WALLETS, isWalletType, type WalletType } from "./wallets";
import { refuse, type PaymentFailure } from "./errors";

/**
 * How tax relates to menu prices. `inclusive`: prices already include tax at `rateBp`; the bill
 * shows the included part. `added`: prices are net, tax at `rateBp` is added on top.
 */
export type TaxMode = { kind: "inclusive"; rateBp: number } | { kind: "added"; rateBp: number };

/** When guests are asked to pay: once at the end, or after every round sent to the kitchen. */
export type PayTiming = "after_meal" | "after_each_round";

export interface PaymentSettings {
  tax: TaxMode;
  /** Service charge in basis points of the items' listed prices; 0 for none. */
  serviceBp: number;
  /** Tip presets offered on the pay sheet, in basis points of the amount being paid, ascending. */
  tipPresetsBp: number[];
  /** Whether the guest may type a tip of their own. */
  customTip: boolean;
  /** A custom tip may be at most this share of the amount being paid (basis points). */
  maxTipBp: number;
  wallets: WalletType[];
  timing: PayTiming;
}

export const MAX_TAX_BP = 5_000;
export const MAX_SERVICE_BP = 3_000;
export const MAX_TIP_PRESETS = 4;
/** A preset is at most 50 %; a custom tip at most 100 % of what is paid (MAX_CUSTOM_TIP_BP). */
export const MAX_TIP_PRESET_BP = 5_000;
export const MAX_CUSTOM_TIP_BP = BP;

export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = {
  tax: { kind: "inclusive", rateBp: 0 },
  serviceBp: 0,
  tipPresetsBp: [500, 1_000, 1_500],
  customTip: true,
  maxTipBp: 5_000,
  wallets: [...DEFAULT_WALLETS],
  timing: "after_meal",
};

/** The settings, normalised (presets sorted, wallets deduplicated), or why they are refused. */
export function checkPaymentSettings(s: PaymentSettings): { ok: true; value: PaymentSettings } | PaymentFailure {
  const bad = (message: string) => refuse("invalid_settings", message);
  if (s.tax.kind !== "inclusive" && s.tax.kind !== "added") return bad("Tax is included in prices or added to them.");
  if (!isBp(s.tax.rateBp, MAX_TAX_BP)) return bad(`A tax rate is between 0 and ${MAX_TAX_BP / 100} %.`);
  if (!isBp(s.serviceBp, MAX_SERVICE_BP)) return bad(`A service charge is between 0 and ${MAX_SERVICE_BP / 100} %.`);
  const presets = [...new Set(s.tipPresetsBp)].sort((a, b) => a - b);
  if (presets.length > MAX_TIP_PRESETS) return bad(`At most ${MAX_TIP_PRESETS} tip presets.`);
  if (presets.some((p) => !isBp(p, MAX_TIP_PRESET_BP) || p === 0)) return bad(`A tip preset is above 0 and at most ${MAX_TIP_PRESET_BP / 100} %.`);
  if (!isBp(s.maxTipBp, MAX_CUSTOM_TIP_BP) || (s.customTip && s.maxTipBp === 0)) return bad(`A custom tip cap is above 0 and at most ${MAX_CUSTOM_TIP_BP / 100} %.`);
  const wallets = [...new Set(s.wallets)];
  if (wallets.length === 0) return bad("Accept at least one wallet.");
  if (!wallets.every(isWalletType)) return bad("Unknown wallet.");
  if (s.timing !== "after_meal" && s.timing !== "after_each_round") return bad("Guests pay after the meal or after each round.");
  return { ok: true, value: { ...s, tipPresetsBp: presets, wallets } };
}
