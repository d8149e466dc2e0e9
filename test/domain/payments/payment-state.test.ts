import { describe, expect, it } from "vitest";
import { newPayment, transition, type Payment, type PaymentEvent } from "../../../src/domain/payments/payment-state";

const base = () => newPayment("pay_1", "EUR", 1000, 150);

/** Applies events in order, expecting each to be accepted. */
function run(p: Payment, ...events: PaymentEvent[]): Payment {
  for (const e of events) {
    const out = transition(p, e);
    if (!out.ok) throw new Error(`${e.type} refused: ${out.error.code}`);
    p = out.payment;
  }
  return p;
}

const submitted: PaymentEvent = { type: "submitted", providerPaymentId: "prov_1", at: 1 };
const success: PaymentEvent = { type: "succeeded", providerPaymentId: "prov_1", amount: 1150, currency: "EUR", at: 2 };
const refund = (id: string, amount: number): PaymentEvent => ({ type: "refunded", refundRequestId: id, amount, at: 3 });

describe("payment state: legal transitions", () => {
  it("created → pending → succeeded", () => {
    const p = run(base(), submitted, success);
    expect(p.state).toEqual({ status: "succeeded", providerPaymentId: "prov_1", paidAt: 2 });
  });

  it("pending → failed, pending → cancelled, and created straight to a result", () => {
    expect(run(base(), submitted, { type: "failed", code: "USER_BALANCE_NOT_ENOUGH", at: 2 }).state).toEqual({ status: "failed", code: "USER_BALANCE_NOT_ENOUGH", at: 2 });
    expect(run(base(), submitted, { type: "cancelled", reason: "expired", at: 2 }).state).toEqual({ status: "cancelled", reason: "expired", at: 2 });
    expect(run(base(), success).state.status).toBe("succeeded");
    expect(run(base(), { type: "failed", code: "RISK_REJECT", at: 1 }).state.status).toBe("failed");
  });

  it("a pending payment learns the provider's id once", () => {
    const p = run(base(), { type: "submitted", providerPaymentId: null, at: 1 }, submitted);
    expect(p.state).toMatchObject({ status: "pending", providerPaymentId: "prov_1", since: 1 });
    expect(transition(p, { type: "submitted", providerPaymentId: "prov_2", at: 2 })).toMatchObject({ ok: false, error: { code: "illegal_transition" } });
  });
});

describe("payment state: idempotent repeats", () => {
  it("the same success twice (notification and inquiry, or a duplicate notification) changes nothing", () => {
    const p = run(base(), submitted, success);
    const again = transition(p, { ...success, at: 99 });
    expect(again).toEqual({ ok: true, payment: p, changed: false });
  });

  it("a late pay answer after the result, a repeated failure or cancellation: no change", () => {
    const paid = run(base(), success);
    expect(transition(paid, submitted)).toMatchObject({ ok: true, changed: false });
    const failed = run(base(), submitted, { type: "failed", code: "X", at: 2 });
    expect(transition(failed, { type: "failed", code: "X", at: 3 })).toMatchObject({ ok: true, changed: false, payment: failed });
    // the first "not paid" wins: a later cancellation or other failure is ignored
    expect(transition(failed, { type: "cancelled", reason: "expired", at: 3 })).toMatchObject({ ok: true, changed: false, payment: failed });
  });

  it("the same refund twice counts once", () => {
    const once = run(base(), success, refund("rf_1", 300));
    expect(transition(once, refund("rf_1", 300))).toMatchObject({ ok: true, changed: false });
  });
});

describe("payment state: illegal transitions", () => {
  it("success never follows failure or cancellation", () => {
    const failed = run(base(), { type: "failed", code: "X", at: 1 });
    expect(transition(failed, success)).toMatchObject({ ok: false, error: { code: "illegal_transition" } });
    const cancelled = run(base(), submitted, { type: "cancelled", reason: "guest", at: 2 });
    expect(transition(cancelled, success)).toMatchObject({ ok: false, error: { code: "illegal_transition" } });
  });

  it("nothing but refunds follows success", () => {
    const paid = run(base(), success);
    expect(transition(paid, { type: "failed", code: "X", at: 3 })).toMatchObject({ ok: false, error: { code: "illegal_transition" } });
    expect(transition(paid, { type: "cancelled", reason: "staff", at: 3 })).toMatchObject({ ok: false, error: { code: "illegal_transition" } });
    expect(transition(paid, { ...success, providerPaymentId: "someone_else" })).toMatchObject({ ok: false, error: { code: "illegal_transition" } });
  });

  it("a success for another amount or currency is refused and changes nothing", () => {
    const pending = run(base(), submitted);
    expect(transition(pending, { ...success, amount: 1000 })).toMatchObject({ ok: false, error: { code: "amount_mismatch" } });
    expect(transition(pending, { ...success, currency: "USD" })).toMatchObject({ ok: false, error: { code: "amount_mismatch" } });
    expect(transition(pending, { ...success, providerPaymentId: "prov_other" })).toMatchObject({ ok: false, error: { code: "illegal_transition" } });
  });

  it("only succeeded payments are refunded", () => {
    expect(transition(run(base(), submitted), refund("rf", 1))).toMatchObject({ ok: false, error: { code: "not_refundable" } });
  });
});

describe("payment state: refunds", () => {
  it("are cumulative: partly, then fully refunded, never more than paid (tip included)", () => {
    const part = run(base(), success, refund("rf_1", 400));
    expect(part.state).toMatchObject({ status: "partly_refunded", refunded: 400 });
    expect(transition(part, refund("rf_2", 751))).toMatchObject({ ok: false, error: { code: "refund_exceeds_paid" } });
    const full = run(part, refund("rf_2", 750));
    expect(full.state).toMatchObject({ status: "refunded", refunded: 1150, providerPaymentId: "prov_1", paidAt: 2 });
    expect(transition(full, refund("rf_3", 1))).toMatchObject({ ok: false, error: { code: "refund_exceeds_paid" } });
    expect(transition(full, success)).toMatchObject({ ok: true, changed: false });
  });

  it("refuse zero, negative and fractional amounts", () => {
    const paid = run(base(), success);
    for (const amount of [0, -1, 1.5]) expect(transition(paid, refund("rf", amount))).toMatchObject({ ok: false, error: { code: "invalid_amount" } });
  });
});
