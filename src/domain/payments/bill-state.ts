/**
 * A bill's payment status and the ledger invariant that closes it.
 *
 *   open ──▶ partly_paid ──▶ paid      (back to partly_paid if a new round raises the total)
 *
 * `paid` (the session may close, the table is free) once settled bill parts cover the total.
 * A zero bill stays `open`: closing an empty table is the session lifecycle's business.
 *
 * The invariant, for every closed bill (`reconcile`), with captured = Σ (amount + tip) of the
 * payments that succeeded (also when refunded since):
 *   captured = total + tips          bill parts cover the total exactly; tips ride beside it
 *   net      = captured − refunded   what the merchant keeps
 * Refunds never rewrite a payment or the bill: a dish refunded after close is a refund row,
 * so `captured = total + tips` still holds and the refund shows in `net`. A non-zero `surplus`
 * (bill parts beyond the total: a late success taken back in, or the bill shrank after payment)
 * is a discrepancy until refunded; reports show it, the bill is not "balanced".
 */
import { sum } from "./money";
import { isCaptured, refundedOf, type Payment } from "./payment-state";

export type BillStatus = "open" | "partly_paid" | "paid";

export function billStatus(total: number, paid: number): BillStatus {
  if (total > 0 && paid >= total) return "paid";
  return paid > 0 ? "partly_paid" : "open";
}

export interface Reconciliation {
  /** Σ bill parts of captured payments. */
  billPart: number;
  tips: number;
  captured: number;
  refunded: number;
  net: number;
  /** billPart − total: 0 when the bill is exactly paid, negative while owed, positive when overpaid. */
  surplus: number;
  /** captured = total + tips. */
  balanced: boolean;
}

export function reconcile(total: number, payments: readonly Payment[]): Reconciliation {
  const captured = payments.filter((p) => isCaptured(p.state));
  const billPart = sum(captured.map((p) => p.amount));
  const tips = sum(captured.map((p) => p.tip));
  const refunded = sum(captured.map((p) => refundedOf(p.state)));
  return {
    billPart,
    tips,
    captured: billPart + tips,
    refunded,
    net: billPart + tips - refunded,
    surplus: billPart - total,
    balanced: billPart === total,
  };
}
