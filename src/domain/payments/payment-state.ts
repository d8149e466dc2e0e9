/**
 * One payment's life, as a union of states and a pure transition function:
 *
 *   created ──submitted──▶ pending ──succeeded──▶ succeeded ──refund──▶ partly_refunded ──refund──▶ refunded
 *      │                      │ ├──failed────▶ failed
 *      │                      │ └──cancelled─▶ cancelled
 *      └── succeeded | failed | cancelled directly (the provider answered S or F at once)
 *
 * `transition(payment, event)` answers the next payment and whether anything changed:
 * - applying the same result again is a no-op (`changed: false`): a repeated notification, an
 *   inquiry confirming a notification, a refund already counted (by refundRequestId);
 * - a success must be for exactly what we asked (amount + tip, currency): else `amount_mismatch`;
 * - success never follows failure or cancellation, and nothing but refunds follows success:
 *   `illegal_transition`. Between the two non-success ends the first wins and a later different
 *   one is ignored (`changed: false`): both mean "not paid" and the reservation is released once.
 * - refunds are cumulative and never more than was captured (`refund_exceeds_paid`).
 * Enter `cancelled` only once the provider confirms it (cancel answered S, or inquiry says
 * CANCELLED/FAIL): a payment cancelled only on our side could still succeed.
 */
import { isAmount } from "./money";
import { refuse, type PaymentFailure } from "./errors";

export type CancelReason = "guest" | "expired" | "staff";

export interface AppliedRefund {
  refundRequestId: string;
  amount: number;
  at: number;
}

export type PaymentState =
  | { status: "created" }
  | { status: "pending"; providerPaymentId: string | null; since: number }
  | { status: "succeeded"; providerPaymentId: string; paidAt: number }
  | { status: "failed"; code: string; at: number }
  | { status: "cancelled"; reason: CancelReason; at: number }
  | { status: "partly_refunded"; providerPaymentId: string; paidAt: number; refunds: AppliedRefund[]; refunded: number }
  | { status: "refunded"; providerPaymentId: string; paidAt: number; refunds: AppliedRefund[]; refunded: number };

export type PaymentStatus = PaymentState["status"];

export interface Payment {
  /** Our paymentRequestId. */
  id: string;
  currency: string;
  /** The bill part, minor units. */
  amount: number;
  /** The tip, minor units; its own ledger figure, never part of the bill. */
  tip: number;
  state: PaymentState;
}

export type PaymentEvent =
  /** The provider took the request and the guest is paying (pay answered U / PAYMENT_IN_PROCESS). */
  | { type: "submitted"; providerPaymentId: string | null; at: number }
  /** A verified notification or inquiry said SUCCESS for this amount and currency. */
  | { type: "succeeded"; providerPaymentId: string; amount: number; currency: string; at: number }
  | { type: "failed"; code: string; at: number }
  | { type: "cancelled"; reason: CancelReason; at: number }
  /** A refund of this payment succeeded at the provider. */
  | { type: "refunded"; refundRequestId: string; amount: number; at: number };

export type Transition = { ok: true; payment: Payment; changed: boolean } | PaymentFailure;

/** What the wallet charges: the bill part plus the tip. */
export const charged = (p: Pick<Payment, "amount" | "tip">): number => p.amount + p.tip;

export const newPayment = (id: string, currency: string, amount: number, tip: number): Payment => ({ id, currency, amount, tip, state: { status: "created" } });

/** Captured money (succeeded, whether refunded since or not). */
export const isCaptured = (s: PaymentState): s is Extract<PaymentState, { providerPaymentId: string; paidAt: number }> =>
  s.status === "succeeded" || s.status === "partly_refunded" || s.status === "refunded";

export const refundedOf = (s: PaymentState): number => (s.status === "partly_refunded" || s.status === "refunded" ? s.refunded : 0);

const FINAL_NOT_PAID = new Set<PaymentStatus>(["failed", "cancelled"]);

export function transition(p: Payment, e: PaymentEvent): Transition {
  const s = p.state;
  const same = (): Transition => ({ ok: true, payment: p, changed: false });
  const to = (state: PaymentState): Transition => ({ ok: true, payment: { ...p, state }, changed: true });
  const illegal = () => refuse("illegal_transition", `A ${s.status} payment cannot be ${e.type}.`, { status: s.status, event: e.type });

  switch (e.type) {
    case "submitted":
      if (s.status === "created") return to({ status: "pending", providerPaymentId: e.providerPaymentId, since: e.at });
      if (s.status !== "pending") return isCaptured(s) || FINAL_NOT_PAID.has(s.status) ? same() : illegal();
      if (e.providerPaymentId === null || e.providerPaymentId === s.providerPaymentId) return same();
      if (s.providerPaymentId === null) return to({ ...s, providerPaymentId: e.providerPaymentId });
      return illegal();
    case "succeeded": {
      if (e.currency !== p.currency || e.amount !== charged(p)) {
        return refuse("amount_mismatch", "The provider reports another amount or currency than this payment's.", {
          expected: { amount: charged(p), currency: p.currency },
          got: { amount: e.amount, currency: e.currency },
        });
      }
      if (s.status === "created" || s.status === "pending") {
        if (s.status === "pending" && s.providerPaymentId !== null && s.providerPaymentId !== e.providerPaymentId) return illegal();
        return to({ status: "succeeded", providerPaymentId: e.providerPaymentId, paidAt: e.at });
      }
      if (isCaptured(s)) return s.providerPaymentId === e.providerPaymentId ? same() : illegal();
      return illegal();
    }
    case "failed":
    case "cancelled":
      if (s.status === "created" || s.status === "pending") {
        return to(e.type === "failed" ? { status: "failed", code: e.code, at: e.at } : { status: "cancelled", reason: e.reason, at: e.at });
      }
      if (FINAL_NOT_PAID.has(s.status)) return same();
      return illegal();
    case "refunded": {
      if (!isCaptured(s)) return refuse("not_refundable", "Only a succeeded payment can be refunded.", { status: s.status });
      const refunds = s.status === "succeeded" ? [] : s.refunds;
      if (refunds.some((r) => r.refundRequestId === e.refundRequestId)) return same();
      if (!isAmount(e.amount) || e.amount === 0) return refuse("invalid_amount", "A refund is a positive amount in minor units.");
      const refunded = refundedOf(s) + e.amount;
      if (refunded > charged(p)) return refuse("refund_exceeds_paid", "Refunds cannot exceed what was paid.", { paid: charged(p), refunded: refundedOf(s) });
      const next = [...refunds, { refundRequestId: e.refundRequestId, amount: e.amount, at: e.at }];
      return to({
        status: refunded === charged(p) ? "refunded" : "partly_refunded",
        providerPaymentId: s.providerPaymentId,
        paidAt: s.paidAt,
        refunds: next,
        refunded,
      });
    }
  }
}
