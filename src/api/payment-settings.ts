import { z } from "@hono/zod-openapi";
import { patchOf } from "./patch";
import { MAX_CUSTOM_TIP_BP, MAX_SERVICE_BP, MAX_TAX_BP, MAX_TIP_PRESET_BP, MAX_TIP_PRESETS } from "../domain/payments/settings";
import { WALLET_TYPES, type WalletType } from "../domain/payments/wallets";

/**
 * A store's payment settings on the wire: rates in basis points (1 bp = 0.01 %), as the payment
 * domain keeps them (src/domain/payments/settings.ts). The edge checks shapes and ranges here;
 * `checkPaymentSettings` (run by the service on the merged settings) states the rules once.
 */
const bp = (max: number) => z.number().int().min(0).max(max);

export const WalletTypeSchema = z.enum(WALLET_TYPES as [WalletType, ...WalletType[]]).openapi("WalletType");

export const TaxModeSchema = z
  .object({
    kind: z.enum(["inclusive", "added"]).openapi({ description: "inclusive: menu prices include tax; added: tax is added on top" }),
    rateBp: bp(MAX_TAX_BP),
  })
  .openapi("TaxMode");

const settingsShape = {
  tax: TaxModeSchema,
  serviceBp: bp(MAX_SERVICE_BP).openapi({ description: "Service charge in basis points of the items' listed prices; 0 for none" }),
  tipPresetsBp: z.array(bp(MAX_TIP_PRESET_BP).min(1)).max(MAX_TIP_PRESETS).openapi({ description: "Tip presets in basis points of the amount paid (at most 4)" }),
  customTip: z.boolean().openapi({ description: "Whether a guest may type a tip of their own" }),
  maxTipBp: bp(MAX_CUSTOM_TIP_BP).openapi({ description: "A custom tip is at most this share of the amount paid" }),
  wallets: z.array(WalletTypeSchema).min(1).max(WALLET_TYPES.length),
  timing: z.enum(["after_meal", "after_each_round"]).openapi({ description: "Guests pay once after the meal, or after each round" }),
};

export const PaymentSettingsSchema = z.object(settingsShape).openapi("PaymentSettings");

export const PaymentSettingsPatchSchema = patchOf(z.object(settingsShape)).openapi("PaymentSettingsPatch");

export const PaymentSettingsResponseSchema = z.object({
  settings: PaymentSettingsSchema,
  /** True while the store has never saved its own settings (the defaults apply). */
  isDefault: z.boolean(),
  currency: z.string(),
});

export type PaymentSettingsBody = z.infer<typeof PaymentSettingsSchema>;
export type PaymentSettingsPatch = z.infer<typeof PaymentSettingsPatchSchema>;
export type PaymentSettingsResponse = z.infer<typeof PaymentSettingsResponseSchema>;
