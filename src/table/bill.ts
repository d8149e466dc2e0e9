/**
 * The open bill of a table session: computed from the submitted items (voided ones excluded) and
 * the store's payment settings, with the reservations of the payments under way (the domain's
 * PayState, src/domain/payments/reservations.ts). Pure over the object's state: the commands
 * (./commands/pay.ts) change it, the views show it.
 */
import { nameOf } from "../domain/cart/pricing";
import type { MenuSnapshot } from "../domain/menu/snapshot";
import { billItemsFrom, computeBill } from "../domain/payments/bill";
import { billIdOf } from "../domain/payments/ids";
import { openPayState, progress, rebill, type PayState } from "../domain/payments/reservations";
import type { PaymentSettings } from "../domain/payments/settings";
import type { TableCard } from "../floor/protocol";
import type { BillView, PaymentView } from "./protocol";
import type { LiveState, TablePayment } from "./store";

export type { PaymentSettings };

type Menu = Pick<MenuSnapshot, "languages"> | undefined;

export const currentBillNo = (state: LiveState): number => state.pay?.billNo ?? 1;
export const currentBillId = (state: LiveState): string | null => (state.session ? billIdOf(state.session.id, currentBillNo(state)) : null);

/** The open bill and its reservations, or null while nothing was sent to the kitchen. */
export function payStateOf(state: LiveState, settings: PaymentSettings, menu: Menu): PayState | null {
  const s = state.session;
  if (!s) return null;
  const closed = new Set(state.pay?.closedItems ?? []);
  const items = state.items.filter((i) => !closed.has(i.id));
  const held = state.pay?.state?.reservations.length ?? 0;
  if (items.length === 0 && held === 0) return null;
  const bill = computeBill({
    currency: s.currency,
    items: billItemsFrom(items, (label) => nameOf(label, menu ?? { languages: [] })),
    taxMode: settings.tax,
    serviceBp: settings.serviceBp,
  });
  return state.pay?.state ? rebill(state.pay.state, bill) : openPayState(bill);
}

export function paymentView(state: LiveState, p: TablePayment): PaymentView {
  const s = p.state;
  return {
    id: p.id,
    payerId: p.payerId,
    payerName: p.payerId === "staff" ? "" : (state.diners.find((d) => d.id === p.payerId)?.name ?? ""),
    amount: p.amount,
    tip: p.tip,
    currency: p.currency,
    status: s.status,
    wallet: p.wallet,
    cover: p.cover.kind === "amount" ? "amount" : p.cover.kind,
    createdAt: p.createdAt,
    settledAt: "paidAt" in s ? s.paidAt : s.status === "failed" || s.status === "cancelled" ? s.at : null,
    reason: s.status === "failed" ? s.code : s.status === "cancelled" ? s.reason : null,
  };
}

export function billView(state: LiveState, settings: PaymentSettings, menu: Menu): BillView | null {
  const pay = payStateOf(state, settings, menu);
  if (!pay) return null;
  const billId = currentBillId(state);
  return {
    state: pay,
    progress: progress(pay),
    payments: state.payments.filter((p) => p.billId === billId).map((p) => paymentView(state, p)),
    tips: { presetsBp: settings.tipPresetsBp, custom: settings.customTip, maxBp: settings.maxTipBp },
    wallets: settings.wallets,
    timing: settings.timing,
  };
}

/** How the staff board shows the bill: asked for or being paid, partly paid, paid. */
export function paymentCard(state: LiveState, settings: PaymentSettings): Pick<TableCard, "payment" | "paid" | "billTotal"> {
  const pay = payStateOf(state, settings, undefined);
  const p = pay ? progress(pay) : null;
  const paid = p?.paid ?? 0;
  const billTotal = p?.total ?? 0;
  if (p && p.total > 0 && p.status === "paid") return { payment: "paid", paid, billTotal };
  if (paid > 0) return { payment: "partly_paid", paid, billTotal };
  const asked = state.session?.status === "bill_requested" || state.session?.status === "paying" || (p?.pending ?? 0) > 0;
  return { payment: asked ? "requested" : "none", paid, billTotal };
}
