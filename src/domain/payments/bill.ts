/**
 * The bill of a table session, computed from its submitted items: pure, deterministic, in
 * integer minor units of the session's currency.
 *
 * Rules (one rounding per bill, half up, on totals; never per line):
 * - subtotal = Σ listed line totals of the items that are not voided.
 * - service  = subtotal × serviceBp, rounded half up. It is charged on listed prices and taxed
 *   like the items.
 * - tax, `added` mode: tax = (subtotal + service) × rateBp, rounded half up, added on top;
 *   total = subtotal + service + tax.
 * - tax, `inclusive` mode: prices (and so the service charge) already include tax;
 *   total = subtotal + service and tax is the included part, total × rate / (1 + rate) rounded
 *   half up, shown only.
 * - Each line's share of service and of tax is apportioned over the lines by their listed total
 *   (largest remainder, ties to the earlier line), so every column sums exactly to the bill's:
 *   Σ line.service = service, Σ line.tax = tax, Σ line.due = total. `line.due` is what paying
 *   for that item costs ("pay for my items").
 */
import type { Translated } from "../menu/types";
import type { OrderItem } from "../table/items";
import { apportion, BP, divRoundHalfUp, percentOf, sum } from "./money";
import type { TaxMode } from "./settings";

/** One submitted item as the bill needs it (see `billItemsFrom` for the table's items). */
export interface BillItem {
  /** The order item's id: what "pay for these items" names. */
  itemId: string;
  roundId: string;
  dinerId: string;
  name: string;
  quantity: number;
  unitPrice: number;
  /** unitPrice × quantity, options included, as frozen at submission. */
  lineTotal: number;
  voided: boolean;
}

export interface BillLine {
  itemId: string;
  roundId: string;
  dinerId: string;
  name: string;
  quantity: number;
  unitPrice: number;
  /** Listed line total (tax included in `inclusive` mode). */
  amount: number;
  /** This line's share of the service charge. */
  service: number;
  /** This line's share of the tax (included in `amount` + `service` in `inclusive` mode). */
  tax: number;
  /** What this line costs its payer: amount + service (+ tax when added). Σ due = total. */
  due: number;
}

export interface Bill {
  currency: string;
  taxMode: TaxMode;
  serviceBp: number;
  /** Non-voided items, in the order given. */
  lines: BillLine[];
  /** Σ listed line totals. */
  subtotal: number;
  service: number;
  /** Added on top (`added`) or the part included in the total (`inclusive`). */
  tax: number;
  /** What the table owes. */
  total: number;
}

export interface BillInput {
  currency: string;
  items: readonly BillItem[];
  taxMode: TaxMode;
  serviceBp: number;
}

export function computeBill({ currency, items, taxMode, serviceBp }: BillInput): Bill {
  const kept = items.filter((i) => !i.voided);
  const amounts = kept.map((i) => i.lineTotal);
  const subtotal = sum(amounts);
  const service = percentOf(subtotal, serviceBp);
  const tax =
    taxMode.kind === "added"
      ? percentOf(subtotal + service, taxMode.rateBp)
      : divRoundHalfUp(BigInt(subtotal + service) * BigInt(taxMode.rateBp), BigInt(BP + taxMode.rateBp));
  const total = subtotal + service + (taxMode.kind === "added" ? tax : 0);
  const services = apportion(service, amounts);
  const taxes = apportion(tax, amounts);
  const lines = kept.map((i, n): BillLine => {
    const lineService = services[n]!;
    const lineTax = taxes[n]!;
    return {
      itemId: i.itemId,
      roundId: i.roundId,
      dinerId: i.dinerId,
      name: i.name,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
      amount: i.lineTotal,
      service: lineService,
      tax: lineTax,
      due: i.lineTotal + lineService + (taxMode.kind === "added" ? lineTax : 0),
    };
  });
  return { currency, taxMode, serviceBp, lines, subtotal, service, tax, total };
}

/** The table's order items as bill items; `name` picks the label (e.g. the menu's first language). */
export function billItemsFrom(items: readonly OrderItem[], name: (label: Translated) => string): BillItem[] {
  return items.map((i) => ({
    itemId: i.id,
    roundId: i.roundId,
    dinerId: i.dinerId,
    name: name(i.name),
    quantity: i.quantity,
    unitPrice: i.unitPrice,
    lineTotal: i.lineTotal,
    voided: i.status.state === "voided",
  }));
}

export const lineOf = (bill: Bill, itemId: string): BillLine | undefined => bill.lines.find((l) => l.itemId === itemId);

/** The lines a diner ordered ("pay for my items"). */
export const linesOf = (bill: Bill, dinerId: string): BillLine[] => bill.lines.filter((l) => l.dinerId === dinerId);
