import { describe, expect, it } from "vitest";
import { apportion, divRoundHalfUp, isAmount, percentOf } from "../../../src/domain/payments/money";
import { rng } from "./support";

describe("payment money arithmetic", () => {
  it("rounds half up, once", () => {
    expect(percentOf(100, 50)).toBe(1); // 0.5 → 1
    expect(percentOf(99, 50)).toBe(0); // 0.495 → 0
    expect(percentOf(1234, 1000)).toBe(123); // 123.4
    expect(percentOf(1235, 1000)).toBe(124); // 123.5
    expect(divRoundHalfUp(5n, 2n)).toBe(3);
    expect(divRoundHalfUp(7n, 3n)).toBe(2);
    expect(() => divRoundHalfUp(-1n, 2n)).toThrow(RangeError);
  });

  it("apportions exactly by largest remainder, ties to the earlier part, zero weights get nothing", () => {
    expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportion(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(apportion(88, [999, 1])).toEqual([88, 0]);
    expect(apportion(10, [0, 5, 0, 5])).toEqual([0, 5, 0, 5]);
    expect(apportion(0, [0, 0])).toEqual([0, 0]);
    expect(() => apportion(1, [0, 0])).toThrow(RangeError);
    // large values do not lose precision (the products pass 2^53)
    expect(apportion(999_999_999_999, [999_999_999_999, 1])).toEqual([999_999_999_998, 1]);
  });

  it("apportioned parts always sum to the total and stay within one unit of the exact share", () => {
    const r = rng(7);
    for (let n = 0; n < 500; n++) {
      const weights = Array.from({ length: r.int(1, 12) }, () => r.int(0, 100_000));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const total = r.int(0, 1_000_000);
      const parts = apportion(total, weights);
      const sum = weights.reduce((s, w) => s + w, 0);
      expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
      parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1));
    }
  });

  it("knows an amount: a non-negative safe integer under the cap", () => {
    expect(isAmount(0)).toBe(true);
    expect(isAmount(1.5)).toBe(false);
    expect(isAmount(-1)).toBe(false);
    expect(isAmount("10")).toBe(false);
    expect(isAmount(1e13)).toBe(false);
  });
});
