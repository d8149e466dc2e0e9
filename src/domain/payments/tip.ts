/**
 * Tips: chosen on the pay sheet, a share of the amount being paid (the store's presets), a
 * custom amount, or none. A tip is its own figure on the payment and in the ledger, never part
 * of the bill: it does not reduce what the table owes. Presets round half up like the bill.
 */
import { isAmount, percentOf } from "./money";
import { refuse, type PaymentFailure } from "./errors";
import type { PaymentSettings } from "./settings";

export type TipChoice = { kind: "none" } | { kind: "preset"; bp: number } | { kind: "custom"; amount: number };

type TipSettings = Pick<PaymentSettings, "tipPresetsBp" | "customTip" | "maxTipBp">;

/** The presets as the pay sheet shows them: rate and amount for this payment. */
export const tipOptions = (base: number, settings: TipSettings): { bp: number; amount: number }[] =>
  settings.tipPresetsBp.map((bp) => ({ bp, amount: percentOf(base, bp) }));

/** The largest custom tip on a payment of `base` (0 when custom tips are off). */
export const maxCustomTip = (base: number, settings: TipSettings): number => (settings.customTip ? percentOf(base, settings.maxTipBp) : 0);

/** The tip for a payment of `base` (the bill part), or why the choice is refused. */
export function tipFor(choice: TipChoice, base: number, settings: TipSettings): { ok: true; value: number } | PaymentFailure {
  switch (choice.kind) {
    case "none":
      return { ok: true, value: 0 };
    case "preset":
      if (!settings.tipPresetsBp.includes(choice.bp)) return refuse("invalid_tip", "This store does not offer that tip.");
      return { ok: true, value: percentOf(base, choice.bp) };
    case "custom": {
      if (!settings.customTip) return refuse("invalid_tip", "This store does not take custom tips.");
      if (!isAmount(choice.amount)) return refuse("invalid_tip", "A tip is a whole number of minor units.");
      const max = maxCustomTip(base, settings);
      if (choice.amount > max) return refuse("invalid_tip", "That tip is larger than this store allows.", { max });
      return { ok: true, value: choice.amount };
    }
  }
}
