/**
 * Integer money arithmetic for payments: amounts are minor units (cents, fen, yen) in safe
 * integers, rates are basis points (1 bp = 0.01 %, 10 000 bp = 100 %). No floating point touches
 * an amount: products and quotients go through BigInt, so a bill of any realistic size rounds
 * the same way everywhere.
 */

/** 100 % in basis points. */
export const BP = 10_000;

/** A bill, a payment, a tip or a refund never exceeds this (10^12 minor units). */
export const MAX_AMOUNT = 1_000_000_000_000;

/** A non-negative safe integer no larger than MAX_AMOUNT. */
export const isAmount = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0 && n <= MAX_AMOUNT;

/** A rate in basis points between 0 and `max` inclusive. */
export const isBp = (n: unknown, max = BP): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0 && n <= max;

/** ISO 4217 code: three upper-case letters. */
export const isCurrency = (c: unknown): c is string => typeof c === "string" && /^[A-Z]{3}$/.test(c);

/**
 * `numerator / denominator` rounded half up (0.5 goes up), for non-negative integers. This is
 * the one rounding rule of the payment domain: a bill rounds once, on its totals, never per line.
 */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): number {
  if (denominator <= 0n || numerator < 0n) throw new RangeError("divRoundHalfUp: non-negative numerator and positive denominator only");
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** `amount × bp / 10 000`, rounded half up. */
export const percentOf = (amount: number, bp: number): number => divRoundHalfUp(BigInt(amount) * BigInt(bp), BigInt(BP));

/**
 * Splits `total` over `weights` in proportion, exactly (largest remainder, Hamilton's method):
 * each part is first floored, then the units left over go one each to the parts with the
 * largest fractional remainders, ties to the earlier part. The parts always sum to `total`; a
 * zero weight always gets 0. All weights zero (or none) puts the total on no part: that is only
 * allowed for a zero total.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (sum === 0n) {
    if (total !== 0) throw new RangeError("apportion: a non-zero total needs a positive weight");
    return weights.map(() => 0);
  }
  const t = BigInt(total);
  const parts = weights.map((w) => (t * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % sum }));
  let left = Number(t - parts.reduce((s, p) => s + p, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i]! += 1n;
    left -= 1;
  }
  return parts.map(Number);
}

export const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);
