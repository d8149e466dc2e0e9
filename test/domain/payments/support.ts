import { computeBill, type Bill, type BillItem } from "../../../src/domain/payments/bill";
import type { TaxMode } from "../../../src/domain/payments/settings";

/** A bill item: `item("a", 1200)` is one dish at 12.00 ordered by diner d1. */
export function item(itemId: string, lineTotal: number, extra: Partial<BillItem> = {}): BillItem {
  return { itemId, roundId: "r1", dinerId: "d1", name: itemId, quantity: 1, unitPrice: lineTotal, lineTotal, voided: false, ...extra };
}

export const NO_TAX: TaxMode = { kind: "inclusive", rateBp: 0 };

export function bill(items: BillItem[], taxMode: TaxMode = NO_TAX, serviceBp = 0): Bill {
  return computeBill({ currency: "EUR", items, taxMode, serviceBp });
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
