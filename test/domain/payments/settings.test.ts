import { describe, expect, it } from "vitest";
import { checkPaymentSettings, DEFAULT_PAYMENT_SETTINGS, type PaymentSettings } from "../../../src/domain/payments/settings";

const check = (patch: Partial<PaymentSettings>) => checkPaymentSettings({ ...DEFAULT_PAYMENT_SETTINGS, ...patch });

describe("payment settings", () => {
  it("the defaults are valid: prices include tax, no service, 5/10/15 % tips, pay after the meal", () => {
    expect(checkPaymentSettings(DEFAULT_PAYMENT_SETTINGS)).toEqual({ ok: true, value: DEFAULT_PAYMENT_SETTINGS });
    expect(DEFAULT_PAYMENT_SETTINGS).toMatchObject({ tax: { kind: "inclusive", rateBp: 0 }, serviceBp: 0, tipPresetsBp: [500, 1000, 1500], timing: "after_meal" });
  });

  it("normalises presets and wallets", () => {
    expect(check({ tipPresetsBp: [1500, 500, 500], wallets: ["ALIPAY_CN", "ALIPAY_CN"] })).toMatchObject({ ok: true, value: { tipPresetsBp: [500, 1500], wallets: ["ALIPAY_CN"] } });
  });

  it("refuses out-of-range rates, too many or zero presets, no or unknown wallets", () => {
    for (const bad of [
      check({ tax: { kind: "added", rateBp: 5001 } }),
      check({ tax: { kind: "added", rateBp: 7.5 } }),
      check({ serviceBp: -1 }),
      check({ serviceBp: 3001 }),
      check({ tipPresetsBp: [100, 200, 300, 400, 500] }),
      check({ tipPresetsBp: [0] }),
      check({ maxTipBp: 0 }),
      check({ wallets: [] }),
      check({ wallets: ["PAYPAL" as never] }),
      check({ timing: "sometimes" as never }),
    ]) {
      expect(bad).toMatchObject({ ok: false, error: { code: "invalid_settings" } });
    }
  });
});
