// What each choice on the pay sheet costs, priced in the browser with the domain's own functions
// (the table object claims with the same `quote` and `tipFor`), so the sheet shows the exact
// amount before the guest commits, and sends it as `shown` for the server to check.
import type { BillView, PayRequest, TipChoice } from "../../../../src/table/protocol";
import { quote } from "../../../../src/domain/payments/reservations";
import { maxCustomTip, tipFor, tipOptions } from "../../../../src/domain/payments/tip";
import { linesOf, type BillLine } from "../../../../src/domain/payments/bill";
import { evenShares, MAX_SPLIT_PARTS, MIN_SPLIT_PARTS } from "../../../../src/domain/payments/split";
import type { PaymentError } from "../../../../src/domain/payments/errors";

export type Mode = PayRequest["kind"];

export interface Choice {
  mode: Mode;
  /** Even split: into how many shares, and how many the guest pays. */
  parts: number;
  count: number;
  itemIds: string[];
  /** Custom amount, minor units (0 until typed). */
  amount: number;
  tip: TipChoice;
}

export type Priced = { ok: true; request: PayRequest; amount: number; tip: number } | { ok: false; error: PaymentError };

const tipSettings = (b: BillView) => ({ tipPresetsBp: b.tips.presetsBp, customTip: b.tips.custom, maxTipBp: b.tips.maxBp });

export function requestOf(c: Choice): PayRequest {
  switch (c.mode) {
    case "whole":
      return { kind: "whole" };
    case "shares":
      return { kind: "shares", parts: c.parts, count: c.count };
    case "items":
      return { kind: "items", itemIds: c.itemIds };
    case "amount":
      return { kind: "amount", amount: c.amount };
  }
}

/** The bill part and the tip this choice costs now. */
export function priceOf(b: BillView, c: Choice): Priced {
  const request = requestOf(c);
  const q = quote(b.state, request);
  if (!q.ok) return q;
  const tip = tipFor(c.tip, q.value.amount, tipSettings(b));
  if (!tip.ok) return tip;
  return { ok: true, request, amount: q.value.amount, tip: tip.value };
}

/** The store's tip presets with what each adds to a payment of `base`. */
export const presetsFor = (b: BillView, base: number) => tipOptions(base, tipSettings(b));

export const maxTipFor = (b: BillView, base: number) => maxCustomTip(base, tipSettings(b));

export type ItemMark = "paid" | "held" | null;

/** "Paid" and "being paid" marks of bill items. */
export function itemMarks(b: BillView): Map<string, ItemMark> {
  const marks = new Map<string, ItemMark>();
  for (const id of b.progress.itemsHeld) marks.set(id, "held");
  for (const id of b.progress.itemsPaid) marks.set(id, "paid");
  return marks;
}

/** The guest's own lines not yet taken: what "My items" ticks at first. */
export function ownFree(b: BillView, dinerId: string): string[] {
  const marks = itemMarks(b);
  return linesOf(b.state.bill, dinerId)
    .filter((l) => !marks.get(l.itemId))
    .map((l) => l.itemId);
}

export interface ShareRow {
  index: number;
  amount: number;
  state: "paid" | "held" | "mine" | "open";
}

/**
 * The even split as it stands or would start: each share's amount and whether it is paid, being
 * paid, one of the `count` the guest would claim now (the lowest open ones, as `quote` picks), or open.
 */
export function shareRows(b: BillView, parts: number, count: number): ShareRow[] {
  const split = b.progress.split;
  const amounts = split ? split.amounts : b.progress.free >= parts ? evenShares(b.progress.free, parts) : [];
  const paid = new Set(split?.paid ?? []);
  const held = new Set(split?.held ?? []);
  let mine = count;
  return amounts.map((amount, index) => {
    const state = paid.has(index) ? "paid" : held.has(index) ? "held" : mine-- > 0 ? "mine" : "open";
    return { index, amount, state };
  });
}

/** How many shares the split may have now: fixed once started, else 2 up to what `free` allows. */
export function partsRange(b: BillView): { min: number; max: number; fixed: boolean } {
  const split = b.progress.split;
  if (split) return { min: split.parts, max: split.parts, fixed: true };
  return { min: MIN_SPLIT_PARTS, max: Math.max(MIN_SPLIT_PARTS, Math.min(MAX_SPLIT_PARTS, b.progress.free)), fixed: false };
}

/** Which ways of paying can be chosen now (the others are shown disabled, with why). */
export function modesOpen(b: BillView): Record<Mode, boolean> {
  const p = b.progress;
  const marks = itemMarks(b);
  const openShares = p.split ? p.split.amounts.length - p.split.paid.length - p.split.held.length : 0;
  return {
    whole: p.remaining > 0,
    shares: p.split ? openShares > 0 : p.free >= MIN_SPLIT_PARTS,
    items: p.free > 0 && b.state.bill.lines.some((l) => !marks.get(l.itemId)),
    amount: p.free > 0,
  };
}

/** The lines of the bill, in bill order, each with its mark. */
export const billLines = (b: BillView): { line: BillLine; mark: ItemMark }[] => {
  const marks = itemMarks(b);
  return b.state.bill.lines.map((line) => ({ line, mark: marks.get(line.itemId) ?? null }));
};

/**
 * Reads an amount typed in the guest's way ("12", "12.5", "12,50", "1 234,5") as minor units;
 * null when it is not a plain amount with at most `digits` decimals.
 */
export function parseAmount(text: string, digits: number): number | null {
  const t = text.replace(/[\s\u00a0\u202f']/g, "");
  if (!t) return null;
  const m = /^(\d+)(?:[.,](\d*))?$/.exec(t);
  const simple = m ? toMinor(m[1]!, m[2] ?? "", digits) : null;
  if (simple !== null) return simple;
  // Thousands separators, with or without a decimal part: "1,234", "1.234,50", "1,234.50".
  const g = /^(\d{1,3}(?:([.,])\d{3})+)(?:(?!\2)[.,](\d*))?$/.exec(t);
  return g ? toMinor(g[1]!.replace(/[.,]/g, ""), g[3] ?? "", digits) : null;
}

function toMinor(whole: string, fraction: string, digits: number): number | null {
  if (fraction.length > digits) return null;
  const n = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(n) ? n : null;
}
