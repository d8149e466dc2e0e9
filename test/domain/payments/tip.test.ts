import { describe, expect, it } from "vitest";
import { DEFAULT_PAYMENT_SETTINGS } from "../../../src/domain/payments/settings";
import { maxCustomTip, tipFor, tipOptions } from "../../../src/domain/payments/tip";

const settings = { tipPresetsBp: [500, 1000, 1500], customTip: true, maxTipBp: 5000 };

describe("tips", () => {
  it("presets are shares of the amount being paid, rounded half up", () => {
    expect(tipOptions(1234, settings)).toEqual([
      { bp: 500, amount: 62 }, // 61.7
      { bp: 1000, amount: 123 }, // 123.4
      { bp: 1500, amount: 185 }, // 185.1
    ]);
    expect(tipFor({ kind: "preset", bp: 500 }, 10, settings)).toEqual({ ok: true, value: 1 }); // 0.5 → 1
    expect(tipFor({ kind: "preset", bp: 1000 }, 1, settings)).toEqual({ ok: true, value: 0 });
  });

  it("refuses a preset the store does not offer", () => {
    expect(tipFor({ kind: "preset", bp: 2000 }, 1000, settings)).toMatchObject({ ok: false, error: { code: "invalid_tip" } });
  });

  it("custom tips: whole minor units up to the store's cap of the amount paid", () => {
    expect(maxCustomTip(1000, settings)).toBe(500);
    expect(tipFor({ kind: "custom", amount: 500 }, 1000, settings)).toEqual({ ok: true, value: 500 });
    expect(tipFor({ kind: "custom", amount: 0 }, 1000, settings)).toEqual({ ok: true, value: 0 });
    expect(tipFor({ kind: "custom", amount: 501 }, 1000, settings)).toMatchObject({ ok: false, error: { code: "invalid_tip", details: { max: 500 } } });
    for (const amount of [-1, 1.5, Number.NaN]) expect(tipFor({ kind: "custom", amount }, 1000, settings).ok).toBe(false);
  });

  it("custom tips can be turned off; no tip is always fine", () => {
    const off = { ...settings, customTip: false };
    expect(maxCustomTip(1000, off)).toBe(0);
    expect(tipFor({ kind: "custom", amount: 1 }, 1000, off)).toMatchObject({ ok: false, error: { code: "invalid_tip" } });
    expect(tipFor({ kind: "none" }, 1000, off)).toEqual({ ok: true, value: 0 });
  });

  it("the default settings offer 5, 10 and 15 % and custom tips up to half the amount", () => {
    expect(tipOptions(2000, DEFAULT_PAYMENT_SETTINGS).map((o) => o.amount)).toEqual([100, 200, 300]);
    expect(maxCustomTip(2000, DEFAULT_PAYMENT_SETTINGS)).toBe(1000);
  });
});
