import { describe, expect, it } from "vitest";
import { billStatus, reconcile } from "../../../src/domain/payments/bill-state";
import { newPayment, transition, type Payment, type PaymentEvent } from "../../../src/domain/payments/payment-state";

function payment(id: string, amount: number, tip: number, ...events: PaymentEvent[]): Payment {
  let p = newPayment(id, "EUR", amount, tip);
  for (const e of events) {
    const out = transition(p, e);
    if (!out.ok) throw new Error(out.error.code);
    p = out.payment;
  }
  return p;
}
const ok = (amount: number, tip: number): PaymentEvent => ({ type: "succeeded", providerPaymentId: `prov_${amount}_${tip}`, amount: amount + tip, currency: "EUR", at: 1 });

describe("bill status", () => {
  it("open → partly_paid → paid; an empty bill stays open", () => {
    expect(billStatus(1000, 0)).toBe("open");
    expect(billStatus(1000, 1)).toBe("partly_paid");
    expect(billStatus(1000, 1000)).toBe("paid");
    expect(billStatus(0, 0)).toBe("open");
  });
});

describe("the ledger invariant of a closed bill", () => {
  it("captured = total + tips; failed payments do not count", () => {
    const ps = [payment("a", 600, 60, ok(600, 60)), payment("b", 400, 0, ok(400, 0)), payment("c", 400, 40, { type: "failed", code: "X", at: 1 })];
    expect(reconcile(1000, ps)).toEqual({ billPart: 1000, tips: 60, captured: 1060, refunded: 0, net: 1060, surplus: 0, balanced: true });
  });

  it("a dish refunded after close: captured still equals total + tips, the refund shows in net", () => {
    const a = payment("a", 600, 60, ok(600, 60), { type: "refunded", refundRequestId: "rf", amount: 250, at: 2 });
    const r = reconcile(1000, [a, payment("b", 400, 0, ok(400, 0))]);
    expect(r).toMatchObject({ captured: 1060, refunded: 250, net: 810, balanced: true });
  });

  it("an unpaid or overpaid bill is not balanced and says by how much", () => {
    expect(reconcile(1000, [payment("a", 600, 0, ok(600, 0))])).toMatchObject({ surplus: -400, balanced: false });
    expect(reconcile(1000, [payment("a", 1200, 0, ok(1200, 0))])).toMatchObject({ surplus: 200, balanced: false });
  });
});
