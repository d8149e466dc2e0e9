import { describe, expect, it } from "vitest";
import { newPayment, transition, type Payment } from "../../../src/domain/payments/payment-state";
import { refundable, refundTransition, requestRefund, type Refund } from "../../../src/domain/payments/refunds";

function paid(amount = 1000, tip = 100): Payment {
  const out = transition(newPayment("pay_1", "EUR", amount, tip), { type: "succeeded", providerPaymentId: "prov", amount: amount + tip, currency: "EUR", at: 1 });
  if (!out.ok) throw new Error(out.error.code);
  return out.payment;
}

function ask(payment: Payment, refunds: Refund[], refundRequestId: string, amount: number) {
  return requestRefund(payment, refunds, { refundRequestId, amount, reason: "cold soup", actor: "usr_owner" });
}

describe("asking for a refund", () => {
  it("counts refunds in flight, so two at once never pass what was paid", () => {
    const p = paid();
    const first = ask(p, [], "rf_1", 800);
    expect(first).toMatchObject({ ok: true, created: true, refund: { amount: 800, state: { status: "requested" }, actor: "usr_owner", reason: "cold soup" } });
    if (!first.ok) return;
    expect(refundable(p, [first.refund])).toBe(300);
    expect(ask(p, [first.refund], "rf_2", 301)).toMatchObject({ ok: false, error: { code: "refund_exceeds_paid", details: { refundable: 300 } } });
    expect(ask(p, [first.refund], "rf_2", 300).ok).toBe(true);
  });

  it("a failed refund gives its amount back", () => {
    const p = paid();
    const r = ask(p, [], "rf_1", 1100);
    if (!r.ok) throw new Error();
    const failed = refundTransition(r.refund, { type: "failed", code: "REFUND_WINDOW_EXCEED", at: 2 });
    if (!failed.ok) throw new Error();
    expect(refundable(p, [failed.refund])).toBe(1100);
  });

  it("is idempotent by refundRequestId; the same id for another amount is refused", () => {
    const p = paid();
    const r = ask(p, [], "rf_1", 500);
    if (!r.ok) throw new Error();
    expect(ask(p, [r.refund], "rf_1", 500)).toEqual({ ok: true, refund: r.refund, created: false });
    expect(ask(p, [r.refund], "rf_1", 400)).toMatchObject({ ok: false, error: { code: "refund_mismatch" } });
  });

  it("refuses unpaid payments, bad amounts and long reasons", () => {
    expect(ask(newPayment("pay_x", "EUR", 100, 0), [], "rf", 10)).toMatchObject({ ok: false, error: { code: "not_refundable" } });
    for (const amount of [0, -5, 2.5]) expect(ask(paid(), [], "rf", amount)).toMatchObject({ ok: false, error: { code: "invalid_amount" } });
    expect(requestRefund(paid(), [], { refundRequestId: "rf", amount: 1, reason: "x".repeat(257), actor: "u" })).toMatchObject({ ok: false, error: { code: "invalid_request" } });
  });
});

describe("a refund's life", () => {
  const fresh = () => {
    const r = ask(paid(), [], "rf_1", 500);
    if (!r.ok) throw new Error();
    return r.refund;
  };

  it("requested → pending → succeeded, repeats change nothing", () => {
    const pending = refundTransition(fresh(), { type: "submitted", providerRefundId: "prf_1" });
    expect(pending).toMatchObject({ ok: true, changed: true, refund: { state: { status: "pending", providerRefundId: "prf_1" } } });
    if (!pending.ok) return;
    const done = refundTransition(pending.refund, { type: "succeeded", providerRefundId: "prf_1", amount: 500, currency: "EUR", at: 5 });
    expect(done).toMatchObject({ ok: true, changed: true, refund: { state: { status: "succeeded", at: 5 } } });
    if (!done.ok) return;
    expect(refundTransition(done.refund, { type: "succeeded", providerRefundId: "prf_1", amount: 500, currency: "EUR", at: 9 })).toMatchObject({ ok: true, changed: false });
    expect(refundTransition(done.refund, { type: "failed", code: "X", at: 9 })).toMatchObject({ ok: false, error: { code: "illegal_transition" } });
  });

  it("refuses a success for another amount", () => {
    expect(refundTransition(fresh(), { type: "succeeded", providerRefundId: "prf", amount: 499, currency: "EUR", at: 1 })).toMatchObject({ ok: false, error: { code: "amount_mismatch" } });
  });

  it("failed is final", () => {
    const failed = refundTransition(fresh(), { type: "failed", code: "REFUND_AMOUNT_EXCEED", at: 1 });
    if (!failed.ok) throw new Error();
    expect(refundTransition(failed.refund, { type: "failed", code: "REFUND_AMOUNT_EXCEED", at: 2 })).toMatchObject({ ok: true, changed: false });
    expect(refundTransition(failed.refund, { type: "succeeded", providerRefundId: "p", amount: 500, currency: "EUR", at: 2 })).toMatchObject({ ok: false, error: { code: "illegal_transition" } });
  });
});
