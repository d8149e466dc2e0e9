/**
 * Refunds of one payment: asking for one (how much may still be refunded, idempotent by
 * refundRequestId) and a refund's own life:
 *
 *   requested ──submitted──▶ pending ──▶ succeeded | failed      (requested ──▶ succeeded | failed directly)
 *
 * Money in flight counts: a refund asked for and not yet failed holds its amount, so two
 * managers refunding at once can never pass what was captured. When a refund succeeds, apply
 * `{ type: "refunded" }` to its payment (./payment-state.ts), which counts each refundRequestId once.
 */
import { isAmount } from "./money";
import { refuse, type PaymentFailure } from "./errors";
import { charged, isCaptured, type Payment } from "./payment-state";

export type RefundState =
  | { status: "requested" }
  | { status: "pending"; providerRefundId: string | null }
  | { status: "succeeded"; providerRefundId: string; at: number }
  | { status: "failed"; code: string; at: number };

export interface Refund {
  refundRequestId: string;
  paymentId: string;
  currency: string;
  amount: number;
  reason: string;
  /** Who asked (staff user id). */
  actor: string;
  state: RefundState;
}

export type RefundEvent =
  | { type: "submitted"; providerRefundId: string | null }
  | { type: "succeeded"; providerRefundId: string; amount: number; currency: string; at: number }
  | { type: "failed"; code: string; at: number };

export const MAX_REFUND_REASON = 256;

/** Captured minus refunds that succeeded or are still in flight. */
export function refundable(payment: Payment, refunds: readonly Refund[]): number {
  if (!isCaptured(payment.state)) return 0;
  const held = refunds.filter((r) => r.paymentId === payment.id && r.state.status !== "failed").reduce((s, r) => s + r.amount, 0);
  return Math.max(0, charged(payment) - held);
}

/**
 * A new refund of `payment`, or the existing one when `refundRequestId` was used already for the
 * same payment and amount (a retry: `created: false`).
 */
export function requestRefund(
  payment: Payment,
  refunds: readonly Refund[],
  ask: { refundRequestId: string; amount: number; reason: string; actor: string },
): { ok: true; refund: Refund; created: boolean } | PaymentFailure {
  const existing = refunds.find((r) => r.refundRequestId === ask.refundRequestId);
  if (existing) {
    if (existing.paymentId === payment.id && existing.amount === ask.amount) return { ok: true, refund: existing, created: false };
    return refuse("refund_mismatch", "This refund id was used for another refund.");
  }
  if (!ask.refundRequestId || !ask.actor) return refuse("invalid_request", "A refund needs its id and who asks for it.");
  if (!isCaptured(payment.state)) return refuse("not_refundable", "Only a succeeded payment can be refunded.", { status: payment.state.status });
  if (!isAmount(ask.amount) || ask.amount === 0) return refuse("invalid_amount", "A refund is a positive amount in minor units.");
  const reason = ask.reason.trim();
  if (reason.length > MAX_REFUND_REASON) return refuse("invalid_request", `A reason can be at most ${MAX_REFUND_REASON} characters.`);
  const left = refundable(payment, refunds);
  if (ask.amount > left) return refuse("refund_exceeds_paid", "Refunds cannot exceed what was paid.", { refundable: left });
  return {
    ok: true,
    created: true,
    refund: { refundRequestId: ask.refundRequestId, paymentId: payment.id, currency: payment.currency, amount: ask.amount, reason, actor: ask.actor, state: { status: "requested" } },
  };
}

export function refundTransition(r: Refund, e: RefundEvent): { ok: true; refund: Refund; changed: boolean } | PaymentFailure {
  const s = r.state;
  const same = { ok: true as const, refund: r, changed: false };
  const to = (state: RefundState) => ({ ok: true as const, refund: { ...r, state }, changed: true });
  const illegal = () => refuse("illegal_transition", `A ${s.status} refund cannot be ${e.type}.`, { status: s.status, event: e.type });
  switch (e.type) {
    case "submitted":
      if (s.status === "requested") return to({ status: "pending", providerRefundId: e.providerRefundId });
      if (s.status === "pending" && s.providerRefundId === null && e.providerRefundId !== null) return to({ ...s, providerRefundId: e.providerRefundId });
      return s.status === "pending" && e.providerRefundId !== null && s.providerRefundId !== e.providerRefundId ? illegal() : same;
    case "succeeded":
      if (e.amount !== r.amount || e.currency !== r.currency) return refuse("amount_mismatch", "The provider reports another refund amount or currency.", { expected: r.amount, got: e.amount });
      if (s.status === "requested" || s.status === "pending") return to({ status: "succeeded", providerRefundId: e.providerRefundId, at: e.at });
      if (s.status === "succeeded") return s.providerRefundId === e.providerRefundId ? same : illegal();
      return illegal();
    case "failed":
      if (s.status === "requested" || s.status === "pending") return to({ status: "failed", code: e.code, at: e.at });
      return s.status === "failed" ? same : illegal();
  }
}
